import { describe, expect, it } from 'vitest';
import { guideProgress } from '../../../main/assisted/guideProgress.ts';
import type { RegistrationProgress } from '../../../main/registration/registrationProgress.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';

const catalog = await loadServiceCatalog();
const socialCare = catalog.services.find((s) => s.id === 'social-care')!;
const withContinue = catalog.services.find((s) => s.steps.continueAfterEmailVerified)!;

function progress(over: Partial<RegistrationProgress>): RegistrationProgress {
  return {
    handle: 'h',
    service: socialCare,
    assisted: true,
    confirmedBy: 'caseworker',
    inviteId: 'inv_1',
    registrationSessionExpiresAt: null,
    email: null,
    path: null,
    emailCode: null,
    accountReady: false,
    phoneEnrolled: false,
    phone: null,
    ...over,
  };
}

const statuses = (steps: Array<{ id: string; status: string }>) => Object.fromEntries(steps.map((s) => [s.id, s.status]));

describe('the guide steps on the console', () => {
  it('before the code is confirmed: the invite is now, the rest next', () => {
    const steps = guideProgress(socialCare, undefined, false);
    expect(steps[0]).toEqual({ id: 'invite', status: 'now' });
    expect(steps.slice(1).every((s) => s.status === 'next')).toBe(true);
  });

  it('an existing account with a phone: the sign-up and phone steps are skipped, setup is now', () => {
    const s = statuses(guideProgress(socialCare, progress({ path: 'sign_in', accountReady: true, phoneEnrolled: true }), false));
    expect(s).toMatchObject({
      invite: 'done',
      accept_email: 'skipped',
      account: 'done',
      email_code: 'skipped',
      create_account: 'skipped',
      phone_number: 'skipped',
      phone_check: 'skipped',
      phone_confirm: 'skipped',
      account_setup: 'now',
      activation: 'next',
    });
  });

  it('a resident who confirmed the code themselves did the acceptance e-mail; the text round 1 is now', () => {
    const phone = { number: '+447911123457', method: 'sms', phoneKind: 'mobile', round: 1, state: 'code_sent', sentAt: 0, codeExpiresAt: null, attemptsRemaining: 5, phoneEnrolled: false } as const;
    const emailCode = { state: 'verified', sentAt: 0, codeExpiresAt: new Date(0).toISOString(), attemptsRemaining: 5 } as const;
    const s = statuses(guideProgress(socialCare, progress({ confirmedBy: 'resident', path: 'sign_up', emailCode, accountReady: true, phone }), false));
    expect(s).toMatchObject({ accept_email: 'done', email_code: 'done', create_account: 'done', phone_number: 'done', phone_check: 'now', phone_confirm: 'next' });
  });

  it("'Continue' appears only for a service that has that step", () => {
    const without = catalog.services.find((s) => !s.steps.continueAfterEmailVerified)!;
    expect(guideProgress(without, undefined, false).map((s) => s.id)).not.toContain('continue');
    expect(guideProgress(withContinue, undefined, false).map((s) => s.id)).toContain('continue');
  });

  it("'Continue' comes before 'Create', as in the guide, and is done once the e-mail is verified", () => {
    const emailCode = { state: 'verified', sentAt: 0, codeExpiresAt: new Date(0).toISOString(), attemptsRemaining: 5 } as const;
    const steps = guideProgress(withContinue, progress({ service: withContinue, path: 'sign_up', emailCode }), false);
    const ids = steps.map((step) => step.id);
    expect(ids.indexOf('continue')).toBe(ids.indexOf('email_code') + 1);
    expect(ids.indexOf('create_account')).toBe(ids.indexOf('continue') + 1);
    expect(statuses(steps)).toMatchObject({ email_code: 'done', continue: 'done', create_account: 'now', phone_number: 'next' });
    const sent = { ...emailCode, state: 'code_sent' } as const;
    expect(statuses(guideProgress(withContinue, progress({ service: withContinue, path: 'sign_up', emailCode: sent }), false))).toMatchObject({ email_code: 'now', continue: 'next', create_account: 'next' });
  });

  it('after Submit: everything done or skipped, the activation e-mail is now', () => {
    const s = guideProgress(socialCare, progress({ path: 'sign_in', accountReady: true, phoneEnrolled: true }), true);
    expect(s.filter((step) => step.status === 'now').map((step) => step.id)).toEqual(['activation']);
  });
});
