import type { ServiceDefinition } from './serviceDefinition.ts';

/**
 * The council's registration guide as the caseworker's console lists it: one entry per step a
 * caseworker would name to a resident, in the guide's order (seed 000 steps 1–15; seed 003 adds
 * 'Continue' after the e-mail is verified). Steps 5–7 (send, read and type the e-mail code) are
 * one entry, as are 12–13 (records and consent, then 'Submit'); step 14 (log out) is the
 * council site's and has no kiosk screen.
 */
export const GUIDE_STEP_IDS = [
  /** Steps 1–2: the 'Set up your … Account' e-mail's code, confirmed with the worker. */
  'invite',
  /** Step 3: the 'Accept … Invitation' e-mail; skipped when a caseworker confirmed the code at the kiosk. */
  'accept_email',
  /** Step 4: sign in with an existing account, or sign up. */
  'account',
  /** Steps 5–7: the e-mail verification code (sign-up only). */
  'email_code',
  /** Seed 003 step 9: 'Continue' after the e-mail is verified (services with that step only), before 'Create'. */
  'continue',
  /** Step 8 (seed 003 step 10): password and names, 'Create' (sign-up only). */
  'create_account',
  /** Step 9: the phone number for two-factor sign-in. */
  'phone_number',
  /** Step 10: the text code, or the call answered with '#'. */
  'phone_check',
  /** Step 11: the same again, to confirm the number. */
  'phone_confirm',
  /** Steps 12–13: the records and the privacy consent, 'Submit'. */
  'account_setup',
  /** Step 15: the activation e-mail, which may take days. */
  'activation',
] as const;

/** One step of the guide. */
export type GuideStepId = (typeof GUIDE_STEP_IDS)[number];

/** Where the resident is with one step: done, doing it now, still to come, or not needed on their path. */
export type GuideStepStatus = 'done' | 'now' | 'next' | 'skipped';

/** The guide's steps that exist for a service, in order. */
export function guideStepsFor(service: Pick<ServiceDefinition, 'steps'>): GuideStepId[] {
  return GUIDE_STEP_IDS.filter((id) => id !== 'continue' || service.steps.continueAfterEmailVerified);
}
