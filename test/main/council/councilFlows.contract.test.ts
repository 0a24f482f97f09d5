import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CASEWORKER, SEED_ENROLMENT_TOKEN, SEED_EXISTING_ACCOUNT } from '../../../main/council/simulator/simulatorSeed.ts';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import type { ServiceCatalog } from '../../../shared/serviceDefinition.ts';
import { failsWith, key, startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// The whole seed flow, through the got client, against the simulator over real HTTP.

let h: Harness;
let catalog: ServiceCatalog;
const service = (id: string) => catalog.services.find((s) => s.id === id)!;
const inviteOf = (email: string, serviceId: string) => h.simulator.seed.invites.find((i) => i.email === email && i.serviceId === serviceId)!;

beforeAll(async () => {
  catalog = await loadServiceCatalog();
  h = await startHarness({ activationDelaySeconds: 300 });
});
afterAll(() => h.close());

describe('kiosk and staff', () => {
  it('enrols a device once with the seeded token, and refuses the token a second time', async () => {
    const enrolment = await h.anonymous.enrolDevice({ enrolmentToken: SEED_ENROLMENT_TOKEN, deviceName: 'library-kiosk-1' });
    expect(enrolment).toMatchObject({ deviceId: expect.stringMatching(/^dev_/) as unknown, siteId: 'site_training' });
    expect(await failsWith(h.anonymous.enrolDevice({ enrolmentToken: SEED_ENROLMENT_TOKEN, deviceName: 'library-kiosk-2' }))).toEqual({
      code: 'enrolment_token_invalid',
      status: 401,
      retryable: false,
    });
    const enrolled = new CouncilClient({ baseUrl: h.simulator.url, deviceCredential: enrolment.credential });
    expect((await enrolled.getSiteConfiguration()).siteId).toBe('site_training');
  });

  it('gives the site configuration: both services with their current consent', async () => {
    const site = await h.client.getSiteConfiguration();
    expect(site.councilName).toBe('Norfolk County Council');
    expect(site.services).toEqual([
      { serviceId: 'social-care', consentVersion: 'social-care-2026-01', consentStatementIds: ['continue-setup', 'privacy-policy'] },
      { serviceId: 'childrens-services', consentVersion: 'childrens-services-2026-01', consentStatementIds: ['confirm-access'] },
    ]);
  });

  it('signs a caseworker in, lists the open invites masked, and confirms a code the resident reads out', async () => {
    const session = await h.client.signInCaseworker({ staffId: SEED_CASEWORKER.staffId, password: SEED_CASEWORKER.password });
    expect(session.displayName).toBe('Training Caseworker');
    const list = await h.client.listCaseworkerInvites({ caseworkerToken: session.caseworkerToken });
    expect(list.date).toBe(new Date(h.simulator.clock.now()).toISOString().slice(0, 10));
    // Six open invites: the used and the expired ones are not on the list.
    expect(list.invites).toHaveLength(6);
    const sam = list.invites.find((i) => i.maskedEmail === 's********@example.org')!;
    expect(sam).toMatchObject({ serviceId: 'childrens-services', residentMaskedName: 'S** J****', state: 'sent' });
    expect(sam.records.map((r) => r.maskedName)).toEqual(['L*** J****', 'N*** J****']);
    expect(JSON.stringify(list)).not.toContain('Jones');

    const confirmation = await h.client.confirmInviteByCaseworker(inviteOf('sam.jones@example.org', 'childrens-services').inviteCode.toLowerCase(), {
      caseworkerToken: session.caseworkerToken,
    });
    expect(confirmation.invitation).toMatchObject({ serviceId: 'childrens-services', state: 'confirmed' });
  });
});

describe('a new resident, self-service, social care: e-mail code, account, texts, setup, activation', () => {
  it('goes through every step', async () => {
    const invite = inviteOf('jane.smith@example.org', 'social-care');
    const setupEmail = (await h.messagesTo('jane.smith@example.org'))[0]!;
    expect(setupEmail).toMatchObject({ channel: 'email', title: 'Set up your My Norfolk Social Care Account', code: invite.inviteCode });

    // Seed steps 2–3: the code and the address; the 'Accept … Invitation' e-mail follows.
    const confirmation = await h.client.confirmInvite({ inviteCode: invite.inviteCode, email: 'Jane.Smith@example.org' });
    expect(confirmation.invitation).toMatchObject({ serviceId: 'social-care', state: 'confirmed', records: [{ maskedName: 'A***** S****' }] });
    const session = { registrationSession: confirmation.registrationSessionId };
    expect((await h.messagesTo('jane.smith@example.org')).map((m) => m.title)).toContain(service('social-care').emailTitles.acceptInvitation);

    // Steps 5–7: 'Send verification code', 'Verify code'.
    const started = await h.client.startEmailVerification('jane.smith@example.org', session);
    expect(started).toMatchObject({ state: 'code_sent', codeLength: 6, attemptsRemaining: 5, verifiedAt: null });
    const codeEmail = (await h.messagesTo('jane.smith@example.org')).at(-1)!;
    expect(codeEmail.title).toBe('Norfolk County Council account verification code');
    expect(codeEmail.code).toMatch(/^\d{6}$/);
    const verified = await h.client.verifyEmail(started.verificationId, codeEmail.code!, session);
    expect(verified.state).toBe('verified');

    // Step 8: 'Create'.
    const account = await h.client.createAccount(
      { verificationId: started.verificationId, givenName: 'Jane', surname: 'Smith', password: 'Norfolk-2026' },
      session,
    );
    expect(account.phoneEnrolled).toBe(false);

    // Steps 9–11: a mobile, 'Send Code', then the confirming repeat.
    const first = await h.client.startPhoneEnrolment({ phoneNumber: '+447400555001', method: 'sms' }, session);
    expect(first).toMatchObject({ round: 1, state: 'code_sent', phoneKind: 'mobile', attemptsRemaining: 5 });
    const firstDone = await h.client.verifyPhoneCode(first.enrolmentId, await h.latestCode('+447400555001'), session);
    expect(firstDone).toMatchObject({ round: 1, state: 'confirmed', phoneEnrolled: false });
    await h.advance(31);
    const second = await h.client.startPhoneEnrolment({ phoneNumber: '+447400555001', method: 'sms' }, session);
    expect(second.round).toBe(2);
    const secondDone = await h.client.verifyPhoneCode(second.enrolmentId, await h.latestCode('+447400555001'), session);
    expect(secondDone).toMatchObject({ round: 2, state: 'confirmed', phoneEnrolled: true });

    // Steps 12–13: the record and the consent, delivered with the device credential and grant only.
    const idempotencyKey = key();
    const setup = await h.client.submitAccountSetup(
      {
        setupGrant: account.setupGrant,
        serviceId: 'social-care',
        recordIds: confirmation.invitation.records.map((r) => r.recordId),
        consent: { version: 'social-care-2026-01', statementIds: ['continue-setup', 'privacy-policy'], givenAt: new Date().toISOString() },
      },
      { idempotencyKey },
    );
    expect(setup).toMatchObject({ state: 'pending_activation', serviceId: 'social-care', activatedAt: null });
    expect(setup.reference).toMatch(/^NCC-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const stored = await h.anonymous.call('listTrainingAccountSetups');
    expect(stored.setups.filter((s) => s.reference === setup.reference)).toEqual([
      expect.objectContaining({ idempotencyKey, deviceId: h.deviceId, inviteId: invite.inviteId }),
    ]);

    // Step 15: activation comes later; the clock moves and the 'New … activation' e-mail is sent.
    expect((await h.client.getAccountSetup(setup.reference)).state).toBe('pending_activation');
    await h.advance(301);
    expect(await h.client.getAccountSetup(setup.reference)).toMatchObject({ state: 'active', activatedAt: expect.any(String) as unknown });
    expect((await h.messagesTo('jane.smith@example.org')).at(-1)).toMatchObject({ title: 'New My Norfolk Social Care activation' });

    // The invite is used now.
    expect(await failsWith(h.client.confirmInvite({ inviteCode: invite.inviteCode, email: 'jane.smith@example.org' }))).toMatchObject({
      code: 'invite_already_used',
      status: 410,
    });
  });
});

describe("a new resident on a landline, children's services: the call flow", () => {
  it('rings, is answered, waits for #, twice', async () => {
    const invite = inviteOf('alex.green@example.org', 'childrens-services');
    const confirmation = await h.client.confirmInvite({ inviteCode: invite.inviteCode, email: invite.email });
    const session = { registrationSession: confirmation.registrationSessionId };
    const verification = await h.client.startEmailVerification(invite.email, session);
    await h.client.verifyEmail(verification.verificationId, await h.latestCode(invite.email), session);
    await h.client.createAccount({ verificationId: verification.verificationId, givenName: 'Alex', surname: 'Green', password: 'children ARE 1st' }, session);

    for (const round of [1, 2] as const) {
      if (round === 2) await h.advance(31);
      const call = await h.client.startPhoneEnrolment({ phoneNumber: '+441603222222', method: 'call' }, session);
      expect(call).toMatchObject({ round, state: 'ringing', phoneKind: 'landline', codeExpiresAt: null, attemptsRemaining: null });
      const message = (await h.messagesTo('+441603222222')).at(-1)!;
      expect(message).toMatchObject({ channel: 'call', code: null, callId: expect.any(String) as unknown });
      expect(await h.anonymous.call('answerTrainingCall', { params: { callId: message.callId! } })).toMatchObject({ state: 'answered' });
      expect((await h.client.getPhoneEnrolment(call.enrolmentId, session)).state).toBe('answered');
      // A wrong key is heard and ignored; '#' confirms.
      expect(await h.anonymous.call('pressTrainingCallKey', { params: { callId: message.callId! }, body: { key: '1' } })).toMatchObject({ state: 'answered' });
      const pressed = await h.anonymous.call('pressTrainingCallKey', { params: { callId: message.callId! }, body: { key: '#' } });
      expect(pressed).toMatchObject({ state: 'confirmed', keysPressed: '1#' });
      expect(await h.client.getPhoneEnrolment(call.enrolmentId, session)).toMatchObject({ state: 'confirmed', phoneEnrolled: round === 2 });
    }
  });

  it('reports no_answer after a minute of ringing and failed after a minute without #', async () => {
    const invite = inviteOf('priya.patel@example.org', 'social-care');
    const confirmation = await h.client.confirmInvite({ inviteCode: invite.inviteCode, email: invite.email });
    const session = { registrationSession: confirmation.registrationSessionId };
    const verification = await h.client.startEmailVerification(invite.email, session);
    await h.client.verifyEmail(verification.verificationId, await h.latestCode(invite.email), session);
    await h.client.createAccount({ verificationId: verification.verificationId, givenName: 'Priya', surname: 'Patel', password: 'Patel-2026!' }, session);

    const unanswered = await h.client.startPhoneEnrolment({ phoneNumber: '+441603333333', method: 'call' }, session);
    expect((await h.messagesTo('+441603333333')).at(-1)!.callState).toBe('ringing');
    await h.advance(61);
    expect((await h.client.getPhoneEnrolment(unanswered.enrolmentId, session)).state).toBe('no_answer');
    // The message list tells each call's state as it is now.
    expect((await h.messagesTo('+441603333333')).at(-1)!.callState).toBe('no_answer');
    const callId = (await h.messagesTo('+441603333333')).at(-1)!.callId!;
    expect(await failsWith(h.anonymous.call('pressTrainingCallKey', { params: { callId }, body: { key: '#' } }))).toMatchObject({ code: 'step_out_of_order' });

    const silent = await h.client.startPhoneEnrolment({ phoneNumber: '+441603333333', method: 'call' }, session);
    await h.anonymous.call('answerTrainingCall', { params: { callId: (await h.messagesTo('+441603333333')).at(-1)!.callId! } });
    await h.advance(61);
    expect((await h.client.getPhoneEnrolment(silent.enrolmentId, session)).state).toBe('failed');
    expect((await h.messagesTo('+441603333333')).map((m) => m.callState)).toEqual(['no_answer', 'failed']);
    // Only calls carry a state.
    expect((await h.messagesTo(invite.email)).every((m) => m.callState === undefined)).toBe(true);
  });
});

describe('an existing account (seed step 4: skip to account setup)', () => {
  it('signs in and submits the setup without phone enrolment', async () => {
    const invite = inviteOf(SEED_EXISTING_ACCOUNT.email, 'childrens-services');
    const confirmation = await h.client.confirmInvite({ inviteCode: invite.inviteCode, email: invite.email });
    const account = await h.client.signIn(
      { email: SEED_EXISTING_ACCOUNT.email, password: SEED_EXISTING_ACCOUNT.password },
      { registrationSession: confirmation.registrationSessionId },
    );
    expect(account.phoneEnrolled).toBe(true);
    const setup = await h.client.submitAccountSetup(
      {
        setupGrant: account.setupGrant,
        serviceId: 'childrens-services',
        recordIds: [confirmation.invitation.records[0]!.recordId],
        consent: { version: 'childrens-services-2026-01', statementIds: ['confirm-access'], givenAt: new Date().toISOString() },
      },
      { idempotencyKey: key() },
    );
    expect(setup.state).toBe('pending_activation');
  });
});

describe('training endpoints', () => {
  it('has every seeded invite e-mail from the start, with the exact service titles', async () => {
    const fresh = await startHarness();
    try {
      const { messages } = await fresh.anonymous.call('listTrainingMessages', { query: { channel: 'email' } });
      expect(messages).toHaveLength(8);
      for (const invite of fresh.simulator.seed.invites) {
        const message = messages.find((m) => m.recipient === invite.email && m.code === invite.inviteCode)!;
        expect(message.title).toBe(service(invite.serviceId).emailTitles.invite);
      }
      expect((await fresh.anonymous.call('getTrainingSeed')).invites.map((i) => i.state)).toEqual([
        'sent', 'sent', 'sent', 'used', 'sent', 'sent', 'sent', 'expired',
      ]);
    } finally {
      await fresh.close();
    }
  });

  it("lists the messages to an invite's address by invite id, without the address", async () => {
    const invite = inviteOf('sam.jones@example.org', 'childrens-services');
    const { messages } = await h.anonymous.call('listTrainingMessages', { query: { inviteId: invite.inviteId } });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.recipient === invite.email)).toBe(true);
    expect(messages.map((m) => m.code)).toContain(invite.inviteCode);
    // With a recipient too, both must hold.
    expect((await h.anonymous.call('listTrainingMessages', { query: { inviteId: invite.inviteId, recipient: 'jane.smith@example.org' } })).messages).toEqual([]);
    expect(await failsWith(h.anonymous.call('listTrainingMessages', { query: { inviteId: 'inv_not_a_real_invite' } }))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('moves the clock forward only', async () => {
    const before = await h.anonymous.call('getTrainingClock');
    const after = await h.anonymous.call('advanceTrainingClock', { body: { seconds: 3600 } });
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3600_000);
    expect(after.offsetSeconds - before.offsetSeconds).toBe(3600);
    expect(await failsWith(h.anonymous.call('advanceTrainingClock', { body: { seconds: -5 } }))).toMatchObject({ code: 'invalid_request' });
  });

  it('mints setup grants in bulk that each make a valid setup', async () => {
    const { grants } = await h.anonymous.call('mintTrainingSetupGrants', { body: { count: 3, serviceId: 'childrens-services' } });
    expect(new Set(grants.map((g) => g.setupGrant)).size).toBe(3);
    for (const grant of grants) {
      const setup = await h.client.submitAccountSetup(
        {
          setupGrant: grant.setupGrant,
          serviceId: grant.serviceId,
          recordIds: grant.recordIds,
          consent: { version: grant.consentVersion, statementIds: grant.consentStatementIds, givenAt: new Date().toISOString() },
        },
        { idempotencyKey: key() },
      );
      expect(setup.state).toBe('pending_activation');
    }
  });
});
