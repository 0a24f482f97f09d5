import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { RegistrationSessions } from '../../../main/registration/registrationSession.ts';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { Outbox } from '../../../main/store/outbox.ts';
import type { KioskErrorCode } from '../../../shared/kioskApi/kioskResult.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';
import { openTempDatabase } from '../store/storeFixtures.ts';

// Real parts throughout: the council API simulator over HTTP on 127.0.0.1, the got client, and a
// real encrypted outbox in a temp folder. No sync engine here, so 'Submit' queues and reports
// "not delivered yet"; delivery is covered with the engine in the kiosk core's tests.

let harness: Harness;
let outbox: Outbox;
const catalog = await loadServiceCatalog();

beforeAll(async () => {
  harness = await startHarness();
  outbox = createOutbox((await openTempDatabase()).database);
});
afterAll(async () => {
  await harness.close();
});

function sessions(): RegistrationSessions {
  return new RegistrationSessions({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(outbox), deliveryWaitMs: 50 });
}

function invite(serviceId: string, email: string) {
  const found = harness.simulator.seed.invites.find((i) => i.serviceId === serviceId && i.email === email && i.state === 'sent');
  if (found === undefined) throw new Error(`no seeded invite for ${serviceId} ${email}`);
  return found;
}

async function expectKioskError(promise: Promise<unknown>, code: KioskErrorCode): Promise<KioskCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskCallError);
  expect((error as KioskCallError).code).toBe(code);
  return error as KioskCallError;
}

describe('a registration, step by step, against the council API simulator', () => {
  it('new account with a mobile and text codes, then the setup goes to the outbox', async () => {
    const registration = sessions();
    const { inviteCode, email } = invite('social-care', 'jane.smith@example.org');
    registration.start('social-care');

    const invitation = await registration.confirmInvite(inviteCode.toLowerCase(), ` ${email} `);
    expect(invitation.serviceId).toBe('social-care');
    expect(invitation.records).toEqual([{ recordId: expect.any(String), maskedName: 'A***** S****' }]);

    const sent = await registration.sendEmailCode(email);
    expect(sent).toMatchObject({ state: 'code_sent', attemptsRemaining: 5 });
    expect(sent.codeExpiresInSeconds).toBeGreaterThan(590);
    expect(sent.resendAvailableInSeconds).toBeGreaterThan(25);

    const wrong = await expectKioskError(registration.verifyEmailCode('000000'), 'code_incorrect');
    expect(wrong.details.attemptsRemaining).toBe(4);
    expect((await registration.verifyEmailCode(await harness.latestCode(email))).state).toBe('verified');

    const weak = await expectKioskError(registration.createAccount('Jane', 'Smith', 'password'), 'password_too_weak');
    expect(weak.details.failedRules?.length).toBeGreaterThan(0);
    expect(await registration.createAccount('Jane', 'Smith', 'Correct-Horse-7')).toEqual({ phoneEnrolled: false });

    const mobile = '+447911123457';
    const round1 = await registration.startPhoneCheck(mobile, 'sms');
    expect(round1).toMatchObject({ method: 'sms', phoneKind: 'mobile', round: 1, state: 'code_sent', phoneEnrolled: false });
    expect((await registration.verifyPhoneCode(await harness.latestCode(mobile))).state).toBe('confirmed');
    await harness.advance(31);
    await registration.startPhoneCheck(mobile, 'sms');
    const round2 = await registration.verifyPhoneCode(await harness.latestCode(mobile));
    expect(round2).toMatchObject({ round: 2, state: 'confirmed', phoneEnrolled: true });

    const consent = catalog.services[0]!.consent.statements.map((s) => s.id);
    await expectKioskError(registration.submitAccountSetup(['rec_not_mine'], consent), 'record_not_found');
    await expectKioskError(registration.submitAccountSetup([invitation.records[0]!.recordId], consent.slice(0, 1)), 'consent_invalid');
    const before = outbox.counts().depth;
    const receipt = await registration.submitAccountSetup([invitation.records[0]!.recordId], consent);
    expect(receipt).toEqual({ receipt: expect.stringMatching(/^KSK-[A-Z0-9]{4}-[A-Z0-9]{4}$/), delivered: false, councilReference: null });
    expect(outbox.counts().depth).toBe(before + 1);

    // 'Submit' ends the session: its credentials are gone from main.
    await expectKioskError(registration.getPhoneCheck(), 'step_out_of_order');
  });

  it('existing account: sign in, then straight to account setup', async () => {
    const registration = sessions();
    const { inviteCode, email } = invite('childrens-services', harness.simulator.seed.existingAccount.email);
    registration.start('childrens-services');
    const invitation = await registration.confirmInvite(inviteCode, email);
    await expectKioskError(registration.signIn(email, 'not-the-password'), 'sign_in_failed');
    expect(await registration.signIn(email, harness.simulator.seed.existingAccount.password)).toEqual({ phoneEnrolled: true });
    const consent = catalog.services[1]!.consent.statements.map((s) => s.id);
    const receipt = await registration.submitAccountSetup(invitation.records.map((r) => r.recordId), consent);
    expect(receipt.delivered).toBe(false);
  });

  it('refuses steps out of order, and forgets everything when the session ends', async () => {
    const registration = sessions();
    await expectKioskError(registration.confirmInvite('K7QM3XPD9WT8', 'a@example.org'), 'step_out_of_order');
    expect(() => registration.start('no-such-service')).toThrow(KioskCallError);
    registration.start('social-care');
    await expectKioskError(registration.sendEmailCode('a@example.org'), 'step_out_of_order');
    const { inviteCode, email } = invite('social-care', 'priya.patel@example.org');
    await registration.confirmInvite(inviteCode, email);
    await expectKioskError(registration.verifyEmailCode('123456'), 'step_out_of_order');
    await expectKioskError(registration.createAccount('A', 'B', 'Correct-Horse-7'), 'step_out_of_order');
    registration.end();
    await expectKioskError(registration.sendEmailCode(email), 'step_out_of_order');
  });

  it("keeps to the invitation's address: another address is refused before the council is asked", async () => {
    const registration = sessions();
    const { inviteCode, email } = invite('social-care', 'priya.patel@example.org');
    registration.start('social-care');
    await registration.confirmInvite(inviteCode, email);
    await expectKioskError(registration.sendEmailCode('someone.else@example.org'), 'email_not_invited');
    await expectKioskError(registration.signIn(harness.simulator.seed.existingAccount.email, harness.simulator.seed.existingAccount.password), 'email_not_invited');
    expect(await harness.messagesTo('someone.else@example.org')).toEqual([]);
    expect((await registration.sendEmailCode(` ${email.toUpperCase()} `)).state).toBe('code_sent');
  });

  it('passes the council\'s invite errors through, and refuses another service\'s invite', async () => {
    const registration = sessions();
    registration.start('social-care');
    await expectKioskError(registration.confirmInvite('K7QM3XPD9WT8', 'nobody@example.org'), 'invite_not_found');
    const used = harness.simulator.seed.invites.find((i) => i.state === 'used')!;
    await expectKioskError(registration.confirmInvite(used.inviteCode, used.email), 'invite_already_used');
    const childrens = invite('childrens-services', 'alex.green@example.org');
    await expectKioskError(registration.confirmInvite(childrens.inviteCode, childrens.email), 'invite_not_found');
  });

  it('says council_unreachable when the council does not answer', async () => {
    const down = await startHarness();
    const registration = new RegistrationSessions({ catalog, council: () => down.client, setupQueue: outboxSetupQueue(outbox) });
    registration.start('social-care');
    await down.close();
    await expectKioskError(registration.confirmInvite('K7QM3XPD9WT8', 'a@example.org'), 'council_unreachable');
  });
});
