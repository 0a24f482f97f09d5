import { z } from 'zod';
import { emailSchema, instantSchema, opaqueIdSchema, opaqueSecretSchema, personNameSchema } from './councilPrimitives.ts';

/**
 * Council accounts ('My Norfolk'). A resident who already has one signs in (seed step 4, then
 * straight to account setup); otherwise, after verifying the e-mail address, they create one
 * (seed step 8 / 10). Both need `X-Registration-Session` and both answer with a setup grant: the
 * opaque, single-use authority, valid 14 days, that lets the kiosk's outbox deliver the account
 * setup later, even after the kiosk was switched off and the session ended.
 */

/** `POST /v1/account-sessions`: sign in to an existing account. */
export const accountSignInRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(256),
});

/** A sign-in request. */
export type AccountSignInRequest = z.infer<typeof accountSignInRequestSchema>;

/**
 * `POST /v1/accounts`: create an account for the e-mail address verified in `verificationId`.
 * The password is checked against `shared/passwordPolicy.ts` by the council (422
 * `password_too_weak`); the schema only bounds its size.
 */
export const accountCreationRequestSchema = z.strictObject({
  verificationId: opaqueIdSchema,
  givenName: personNameSchema,
  surname: personNameSchema,
  password: z.string().min(1).max(256),
});

/** A create-account request. */
export type AccountCreationRequest = z.infer<typeof accountCreationRequestSchema>;

/** A signed-in or newly created account, with the setup grant for the later account setup. */
export const accountSessionSchema = z.object({
  accountId: opaqueIdSchema,
  /** Single use, bound to this account and the confirmed invite; send it in the account setup. */
  setupGrant: opaqueSecretSchema,
  setupGrantExpiresAt: instantSchema,
  /** False for a new account: phone enrolment comes next (seed step 9). */
  phoneEnrolled: z.boolean(),
});

/** A signed-in or newly created account. */
export type AccountSession = z.infer<typeof accountSessionSchema>;
