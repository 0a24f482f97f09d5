import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { RegistrationSession, SESSION_IDLE_LIMIT_MS } from '../../../main/registration/registrationSession.ts';
import { invitationSession, outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { Outbox } from '../../../main/store/outbox.ts';
import type { KioskErrorCode } from '../../../shared/kioskApi/kioskResult.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';
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

function sessions(): RegistrationSession {
  return new RegistrationSession({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(outbox), deliveryWaitMs: 50 });
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
    const h = registration.start('social-care');

    const invitation = await registration.confirmInvite(h, inviteCode.toLowerCase(), ` ${email} `);
    expect(invitation.serviceId).toBe('social-care');
    expect(invitation.records).toEqual([{ recordId: expect.any(String) as unknown, maskedName: 'A***** S****' }]);

    const sent = await registration.sendEmailCode(h, email);
    expect(sent).toMatchObject({ state: 'code_sent', attemptsRemaining: 5 });
    expect(sent.codeExpiresInSeconds).toBeGreaterThan(590);
    expect(sent.resendAvailableInSeconds).toBeGreaterThan(25);

    const wrong = await expectKioskError(registration.verifyEmailCode(h, '000000'), 'code_incorrect');
    expect(wrong.details.attemptsRemaining).toBe(4);
    expect((await registration.verifyEmailCode(h, await harness.latestCode(email))).state).toBe('verified');

    const weak = await expectKioskError(registration.createAccount(h, 'Jane', 'Smith', 'password'), 'password_too_weak');
    expect(weak.details.failedRules?.length).toBeGreaterThan(0);
    expect(await registration.createAccount(h, 'Jane', 'Smith', 'Correct-Horse-7')).toEqual({ phoneEnrolled: false });

    const mobile = '+447911123457';
    const round1 = await registration.startPhoneCheck(h, mobile, 'sms');
    expect(round1).toMatchObject({ method: 'sms', phoneKind: 'mobile', round: 1, state: 'code_sent', phoneEnrolled: false });
    expect((await registration.verifyPhoneCode(h, await harness.latestCode(mobile))).state).toBe('confirmed');
    await harness.advance(31);
    await registration.startPhoneCheck(h, mobile, 'sms');
    const round2 = await registration.verifyPhoneCode(h, await harness.latestCode(mobile));
    expect(round2).toMatchObject({ round: 2, state: 'confirmed', phoneEnrolled: true });

    const consent = catalog.services[0]!.consent.statements.map((s) => s.id);
    await expectKioskError(registration.submitAccountSetup(h, ['rec_not_mine'], consent), 'record_not_found');
    await expectKioskError(registration.submitAccountSetup(h, [invitation.records[0]!.recordId], consent.slice(0, 1)), 'consent_invalid');
    const before = outbox.counts().depth;
    const receipt = await registration.submitAccountSetup(h, [invitation.records[0]!.recordId], consent);
    expect(receipt).toEqual({ receipt: expect.stringMatching(/^KSK-[A-Z0-9]{4}-[A-Z0-9]{4}$/) as unknown, delivered: false, councilReference: null, alreadySentAt: null });
    expect(outbox.counts().depth).toBe(before + 1);

    // 'Submit' ends the session: its credentials are gone from main.
    await expectKioskError(registration.getPhoneCheck(h), 'session_ended');
  });

  it('existing account: sign in, then straight to account setup', async () => {
    const registration = sessions();
    const { inviteCode, email } = invite('childrens-services', harness.simulator.seed.existingAccount.email);
    const h = registration.start('childrens-services');
    const invitation = await registration.confirmInvite(h, inviteCode, email);
    await expectKioskError(registration.signIn(h, email, 'not-the-password'), 'sign_in_failed');
    expect(await registration.signIn(h, email, harness.simulator.seed.existingAccount.password)).toEqual({ phoneEnrolled: true });
    const consent = catalog.services[1]!.consent.statements.map((s) => s.id);
    const receipt = await registration.submitAccountSetup(h, invitation.records.map((r) => r.recordId), consent);
    expect(receipt.delivered).toBe(false);
  });

  it('refuses steps out of order, and forgets everything when the session ends', async () => {
    const registration = sessions();
    await expectKioskError(registration.confirmInvite('', 'K7QM3XPD9WT8', 'a@example.org'), 'session_ended');
    expect(() => registration.start('no-such-service')).toThrow(KioskCallError);
    const h = registration.start('social-care');
    await expectKioskError(registration.sendEmailCode(h, 'a@example.org'), 'step_out_of_order');
    const { inviteCode, email } = invite('social-care', 'priya.patel@example.org');
    await registration.confirmInvite(h, inviteCode, email);
    await expectKioskError(registration.verifyEmailCode(h, '123456'), 'step_out_of_order');
    await expectKioskError(registration.createAccount(h, 'A', 'B', 'Correct-Horse-7'), 'step_out_of_order');
    registration.end();
    await expectKioskError(registration.sendEmailCode(h, email), 'session_ended');
  });

  it("refuses every call with an unknown or an earlier session's handle, and a late end leaves the new session alone", async () => {
    const registration = sessions();
    const first = registration.start('social-care');
    const { inviteCode, email } = invite('social-care', 'priya.patel@example.org');
    await registration.confirmInvite(first, inviteCode, email);
    const second = registration.start('social-care');
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[\w-]{32}$/);
    await expectKioskError(registration.sendEmailCode(first, email), 'session_ended');
    await expectKioskError(registration.resendEmailCode('made-up'), 'session_ended');
    registration.end(first);
    expect(registration.openSessions()).toEqual({ sessions: 1, timers: 1 });
    await expectKioskError(registration.sendEmailCode(second, email), 'step_out_of_order');
    registration.end(second);
    expect(registration.openSessions()).toEqual({ sessions: 0, timers: 0 });
  });

  it('ends a session by itself after the idle limit, measured on the injected clock', async () => {
    let now = Date.now();
    const registration = new RegistrationSession({
      catalog,
      council: () => harness.client,
      setupQueue: outboxSetupQueue(outbox),
      now: () => now,
    });
    const h = registration.start('social-care');
    const { inviteCode, email } = invite('social-care', 'priya.patel@example.org');
    now += SESSION_IDLE_LIMIT_MS - 1_000;
    await registration.confirmInvite(h, inviteCode, email);
    // Each call counts as activity: just under the limit again is still fine.
    now += SESSION_IDLE_LIMIT_MS - 1_000;
    await expectKioskError(registration.verifyEmailCode(h, '123456'), 'step_out_of_order');
    now += SESSION_IDLE_LIMIT_MS;
    await expectKioskError(registration.sendEmailCode(h, email), 'session_ended');
    expect(registration.openSessions()).toEqual({ sessions: 0, timers: 0 });
    // Longer than the screen's own two minutes and 30-second warning.
    expect(SESSION_IDLE_LIMIT_MS).toBeGreaterThan(150_000);
  });

  it("keeps to the invitation's address: another address is refused before the council is asked", async () => {
    const registration = sessions();
    const { inviteCode, email } = invite('social-care', 'priya.patel@example.org');
    const h = registration.start('social-care');
    await registration.confirmInvite(h, inviteCode, email);
    await expectKioskError(registration.sendEmailCode(h, 'someone.else@example.org'), 'email_not_invited');
    await expectKioskError(registration.signIn(h, harness.simulator.seed.existingAccount.email, harness.simulator.seed.existingAccount.password), 'email_not_invited');
    expect(await harness.messagesTo('someone.else@example.org')).toEqual([]);
    expect((await registration.sendEmailCode(h, ` ${email.toUpperCase()} `)).state).toBe('code_sent');
  });

  it('passes the council\'s invite errors through, and refuses another service\'s invite', async () => {
    const registration = sessions();
    const h = registration.start('social-care');
    await expectKioskError(registration.confirmInvite(h, 'K7QM3XPD9WT8', 'nobody@example.org'), 'invite_not_found');
    const used = harness.simulator.seed.invites.find((i) => i.state === 'used')!;
    await expectKioskError(registration.confirmInvite(h, used.inviteCode, used.email), 'invite_already_used');
    const childrens = invite('childrens-services', 'alex.green@example.org');
    await expectKioskError(registration.confirmInvite(h, childrens.inviteCode, childrens.email), 'invite_not_found');
  });

  it('says council_unreachable when the council does not answer', async () => {
    const down = await startHarness();
    const registration = new RegistrationSession({ catalog, council: () => down.client, setupQueue: outboxSetupQueue(outbox) });
    const h = registration.start('social-care');
    await down.close();
    await expectKioskError(registration.confirmInvite(h, 'K7QM3XPD9WT8', 'a@example.org'), 'council_unreachable');
  });

  it('one invitation, one setup: a resident starting again joins the setup already on this kiosk, and is told the truth', async () => {
    const own = createOutbox((await openTempDatabase()).database);
    const registration = new RegistrationSession({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(own), deliveryWaitMs: 50 });
    const { inviteCode, email } = invite('childrens-services', harness.simulator.seed.existingAccount.email);
    const consent = catalog.services[1]!.consent.statements.map((s) => s.id);
    const signedIn = async () => {
      const h = registration.start('childrens-services');
      const invitation = await registration.confirmInvite(h, inviteCode, email);
      await registration.signIn(h, email, harness.simulator.seed.existingAccount.password);
      return { h, records: invitation.records.map((r) => r.recordId) };
    };
    const submit = async ({ h, records }: { h: string; records: string[] }) => registration.submitAccountSetup(h, records, consent);

    // The first submission's answer never reached the resident (the kiosk died): they start again.
    const first = await submit(await signedIn());
    const [queued] = own.dueHeads(Date.now() + 1, 10);
    // Nothing was sent yet: the newer answers (and the newer setup grant) win, under the same reference.
    const second = await submit(await signedIn());
    expect(second).toEqual({ ...first, alreadySentAt: null });
    const [replaced] = own.dueHeads(Date.now() + 1, 10);
    expect(own.counts().depth).toBe(1);
    expect(replaced).toMatchObject({ sequence: queued!.sequence, idempotencyKey: queued!.idempotencyKey });
    expect(replaced!.payload.setupGrant).not.toBe(queued!.payload.setupGrant);

    // Once it was sent, it stands as sent: a third try joins it and says when.
    own.startAttempts([queued!.sequence]);
    const third = await submit(await signedIn());
    expect(third).toEqual({ ...first, alreadySentAt: new Date(queued!.enqueuedAt).toISOString() });
    expect(own.dueHeads(Date.now() + 1, 10)[0]!.payload).toEqual(replaced!.payload);

    // A fourth is mid-registration when the setup arrives: it gets the council's reference.
    const fourthSession = await signedIn();
    const engine = startSyncEngine({ outbox: own, sender: councilOutboxSender(() => harness.client), startJitterMs: 0, requestsPerSecond: Infinity });
    await engine.idle();
    await engine.stop();
    const [receipt] = own.history.listReceipts();
    const fourth = await submit(fourthSession);
    expect(fourth).toEqual({ receipt: first.receipt, delivered: true, councilReference: receipt!.reference, alreadySentAt: new Date(receipt!.deliveredAt).toISOString() });
    expect(own.history.listDeadLetters()).toEqual([]);
    expect(own.counts().depth).toBe(0);
    const setups = [...harness.simulator.state.accountSetups.values()].filter((s) => s.reference === receipt!.reference);
    expect(setups).toHaveLength(1);
  });

  it('a council refusal meaning "this invite\'s setup already arrived" is reconciled with the setup this kiosk delivered, not dead-lettered', async () => {
    const own = createOutbox((await openTempDatabase()).database);
    const { state } = harness.simulator;
    const invitation = [...state.invites.values()].filter((i) => i.serviceId === 'social-care' && i.state === 'sent').at(-1)!;
    const account = state.accountByEmail(harness.simulator.seed.existingAccount.email)!;
    const consent = catalog.services[0]!.consent;
    const payload = () => ({
      setupGrant: state.issueSetupGrant(account.accountId, invitation).grant,
      serviceId: 'social-care',
      recordIds: [invitation.records[0]!.recordId],
      consent: { version: consent.version, statementIds: consent.statements.map((c) => c.id), givenAt: new Date().toISOString() },
    });
    // Two setups for one invitation (each with its own grant), as an older kiosk could queue them.
    const sessionId = invitationSession(invitation.inviteId);
    own.enqueue({ kind: 'account-setup', sessionId, payload: payload() });
    own.enqueue({ kind: 'account-setup', sessionId, payload: payload() });
    const engine = startSyncEngine({ outbox: own, sender: councilOutboxSender(() => harness.client), startJitterMs: 0, requestsPerSecond: Infinity });
    await engine.idle();
    await engine.stop();
    expect(own.history.listDeadLetters()).toEqual([]);
    const receipts = own.history.listReceipts();
    expect(receipts).toHaveLength(2);
    expect(receipts[1]!.reference).toBe(receipts[0]!.reference);
    expect([...state.accountSetups.values()].filter((s) => s.inviteId === invitation.inviteId)).toHaveLength(1);
    expect(own.audit.entries().map((e) => e.event)).toContain('reconciled');
  });
});
