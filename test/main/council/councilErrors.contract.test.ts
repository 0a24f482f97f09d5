import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { SEED_CASEWORKER, SEED_EXISTING_ACCOUNT } from '../../../main/council/simulator/simulatorSeed.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { COUNCIL_PROBLEM_STATUS, councilProblemCodeSchema } from '../../../shared/councilApi/councilProblem.ts';
import type { CouncilProblemCode } from '../../../shared/councilApi/councilProblem.ts';
import type { TrainingSetupGrant } from '../../../shared/councilApi/trainingApi.ts';
import { failure, key, startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// Every problem code of the contract, produced by the simulator over real HTTP and read by the
// client as a typed CouncilApiError (or, for transport-level ones, read raw).

const seen = new Set<CouncilProblemCode>();
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** Expects a client call to fail with `code`; checks status and retryable against the contract. */
async function expectProblem(promise: Promise<unknown>, code: CouncilProblemCode) {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  expect(error.status).toBe(COUNCIL_PROBLEM_STATUS[code]);
  expect(error.problem?.type).toBe(`urn:council-api:problem:${code}`);
  seen.add(code);
  return error;
}

/** Sends a raw request (for what the client refuses to send) and expects a problem with `code`. */
async function expectRawProblem(path: string, init: RequestInit, code: CouncilProblemCode) {
  const response = await fetch(`${h.simulator.url}${path}`, init);
  expect(response.status).toBe(COUNCIL_PROBLEM_STATUS[code]);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as { code: string; status: number };
  expect(body).toMatchObject({ code, status: COUNCIL_PROBLEM_STATUS[code] });
  seen.add(code);
  return body;
}

function invite(email: string, serviceId = 'social-care') {
  return h.simulator.seed.invites.find((i) => i.email === email && i.serviceId === serviceId)!;
}

async function openSession(email = 'jane.smith@example.org', serviceId = 'social-care') {
  const i = invite(email, serviceId);
  const confirmation = await h.client.confirmInvite({ inviteCode: i.inviteCode, email: i.email });
  return { registrationSession: confirmation.registrationSessionId, confirmation };
}

async function newAccount(email = 'jane.smith@example.org') {
  const { registrationSession, confirmation } = await openSession(email);
  const session = { registrationSession };
  const verification = await h.client.startEmailVerification(email, session);
  await h.client.verifyEmail(verification.verificationId, await h.latestCode(email), session);
  const account = await h.client.createAccount({ verificationId: verification.verificationId, givenName: 'Jane', surname: 'Smith', password: 'Norfolk-2026' }, session);
  return { session, account, confirmation };
}

function setupBody(grant: TrainingSetupGrant) {
  return {
    setupGrant: grant.setupGrant,
    serviceId: grant.serviceId,
    recordIds: grant.recordIds,
    consent: { version: grant.consentVersion, statementIds: grant.consentStatementIds, givenAt: new Date().toISOString() },
  };
}

async function mintGrant(serviceId = 'social-care'): Promise<TrainingSetupGrant> {
  return (await h.anonymous.call('mintTrainingSetupGrants', { body: { count: 1, serviceId } })).grants[0]!;
}

describe('transport and request shape', () => {
  const json = { 'Content-Type': 'application/json' };
  it('answers broken JSON, unknown fields, a wrong content type, a huge body, unknown paths and methods', async () => {
    await expectRawProblem('/v1/invite-confirmations', { method: 'POST', headers: { ...json, 'Idempotency-Key': key() }, body: '{"inviteCode":' }, 'unauthorized');
    const credential = (await h.anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } })).enrolmentTokens[0]!;
    const device = await h.anonymous.enrolDevice({ enrolmentToken: credential, deviceName: 'raw' });
    const headers = { ...json, Authorization: `Bearer ${device.credential}`, 'Idempotency-Key': `"${key()}"` };
    const broken = await expectRawProblem('/v1/invite-confirmations', { method: 'POST', headers, body: '{"inviteCode":' }, 'invalid_request');
    expect(broken).toMatchObject({ detail: 'The body is not valid JSON' });
    const unknown = await expectRawProblem(
      '/v1/invite-confirmations',
      { method: 'POST', headers, body: JSON.stringify({ inviteCode: 'X', email: 'a@b.org', admin: true }) },
      'invalid_request',
    );
    expect(unknown).toMatchObject({ invalidParams: [{ name: 'body', reason: expect.stringContaining('admin') as unknown }] });
    await expectRawProblem('/v1/invite-confirmations', { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' }, 'unsupported_media_type');
    await expectRawProblem('/v1/invite-confirmations', { method: 'POST', headers, body: JSON.stringify({ inviteCode: 'x'.repeat(70_000) }) }, 'body_too_large');
    await expectRawProblem('/v1/invite-confirmations', { method: 'POST', headers: { ...json, Authorization: headers.Authorization }, body: '{}' }, 'idempotency_key_missing');
    await expectRawProblem('/v1/invite-confirmations', { method: 'POST', headers: { ...headers, 'Idempotency-Key': '"no spaces allowed"' }, body: '{}' }, 'idempotency_key_missing');
    await expectRawProblem('/v1/nothing-here', {}, 'not_found');
    const notAllowed = await fetch(`${h.simulator.url}/v1/site`, { method: 'DELETE' });
    expect(notAllowed.status).toBe(405);
    expect(await notAllowed.json()).toMatchObject({ code: 'method_not_allowed' });
    seen.add('method_not_allowed');
    // And it keeps serving.
    expect((await h.client.getSiteConfiguration()).siteId).toBe('site_training');
  });

  it('refuses an unknown or used enrolment token', async () => {
    await expectProblem(h.anonymous.enrolDevice({ enrolmentToken: 'not-a-token-we-issued', deviceName: 'kiosk' }), 'enrolment_token_invalid');
  });

  it('refuses a missing or unknown device credential', async () => {
    await expectProblem(new CouncilClient({ baseUrl: h.simulator.url }).getSiteConfiguration(), 'unauthorized');
    await expectProblem(new CouncilClient({ baseUrl: h.simulator.url, deviceCredential: 'dc.not-a-real-credential' }).getSiteConfiguration(), 'unauthorized');
  });

  it('answers not_found for an unknown account setup', async () => {
    await expectProblem(h.client.getAccountSetup('NCC-NOPE-NOPE'), 'not_found');
  });
});

describe('faults and limits', () => {
  it('answers injected 500, 503 and 429 with Retry-After', async () => {
    await h.anonymous.call('setTrainingFaults', { body: { error500: 1 } });
    expect((await expectProblem(h.client.getSiteConfiguration(), 'internal_error')).retryable).toBe(true);
    await h.anonymous.call('setTrainingFaults', { body: { unavailable503: 1, retryAfterSeconds: 7 } });
    const unavailable = await expectProblem(h.client.submitAccountSetup(setupBody(await mintGrant()), { idempotencyKey: key() }), 'service_unavailable');
    expect(unavailable).toMatchObject({ retryable: true, retryAfterSeconds: 7 });
    await h.anonymous.call('setTrainingFaults', { body: { rateLimited429: 1, retryAfterSeconds: 3 } });
    expect(await expectProblem(h.client.submitAccountSetup(setupBody(await mintGrant()), { idempotencyKey: key() }), 'rate_limited')).toMatchObject({
      retryable: true,
      retryAfterSeconds: 3,
    });
  });

  it('limits the request rate globally, with Retry-After', async () => {
    const limited = await startHarness({ rateLimitPerSecond: 2 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => limited.client.getSiteConfiguration()));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const r of refused) expect((r).reason).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 1 });
      // Training endpoints are never limited.
      expect((await limited.anonymous.call('getTrainingClock')).now).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe('staff', () => {
  it('refuses a wrong caseworker password, and an unknown or expired caseworker token', async () => {
    await expectProblem(h.client.signInCaseworker({ staffId: SEED_CASEWORKER.staffId, password: 'wrong' }), 'caseworker_sign_in_failed');
    await expectProblem(h.client.listCaseworkerInvites({ caseworkerToken: 'cw.not-a-real-token-at-all' }), 'caseworker_session_invalid');
    const session = await h.client.signInCaseworker({ staffId: SEED_CASEWORKER.staffId, password: SEED_CASEWORKER.password });
    await h.advance(9 * 3600 + 1);
    await expectProblem(h.client.listCaseworkerInvites({ caseworkerToken: session.caseworkerToken }), 'caseworker_session_invalid');
  });
});

describe('staff sign-in: lockout and device authorization', () => {
  it('locks a staff id after five wrong passwords in a row', async () => {
    const wrong = () => h.client.signInCaseworker({ staffId: SEED_CASEWORKER.staffId, password: 'wrong' });
    for (let i = 0; i < 4; i++) await expectProblem(wrong(), 'caseworker_sign_in_failed');
    expect((await expectProblem(wrong(), 'caseworker_locked')).retryAfterSeconds).toBe(COUNCIL_RULES.caseworkerLockoutSeconds);
  });

  it('answers pending, slow down, refused and expired device authorizations', async () => {
    const approve = (userCode: string, decision: 'approve' | 'deny') => h.anonymous.call('approveTrainingDeviceAuthorization', { body: { userCode, decision } });
    const first = await h.client.startCaseworkerDeviceAuthorization();
    await expectProblem(h.client.pollCaseworkerDeviceAuthorization(first.deviceCode), 'authorization_pending');
    await expectProblem(h.client.pollCaseworkerDeviceAuthorization(first.deviceCode), 'slow_down');
    await approve(first.userCode, 'deny');
    await expectProblem(h.client.pollCaseworkerDeviceAuthorization(first.deviceCode), 'access_denied');
    const second = await h.client.startCaseworkerDeviceAuthorization();
    await h.advance(COUNCIL_RULES.deviceAuthorizationSeconds);
    await expectProblem(approve(second.userCode, 'approve'), 'expired_token');
    await expectProblem(h.client.pollCaseworkerDeviceAuthorization(second.deviceCode), 'expired_token');
  });
});

describe('invites', () => {
  it('does not find a wrong code, or the right code with another address', async () => {
    await expectProblem(h.client.confirmInvite({ inviteCode: 'K7QM-3XPD-9WT8', email: 'jane.smith@example.org' }), 'invite_not_found');
    await expectProblem(h.client.confirmInvite({ inviteCode: invite('jane.smith@example.org').inviteCode, email: 'someone.else@example.org' }), 'invite_not_found');
  });

  it('tells a used invite from an expired one', async () => {
    await expectProblem(h.client.confirmInvite({ inviteCode: invite('tom.baker@example.org').inviteCode, email: 'tom.baker@example.org' }), 'invite_already_used');
    const dan = invite('dan.white@example.org', 'childrens-services');
    await expectProblem(h.client.confirmInvite({ inviteCode: dan.inviteCode, email: dan.email }), 'invite_expired');
  });

  it('refuses a wrong, expired or foreign registration session', async () => {
    await expectProblem(h.client.startEmailVerification('a@example.org', { registrationSession: 'rs.not-a-real-session-id' }), 'registration_session_invalid');
    const { registrationSession } = await openSession();
    const other = await startHarness();
    try {
      // A session opened on one kiosk is not valid on another (here: another device of another simulator is simply unknown).
      await expectProblem(other.client.startEmailVerification('a@example.org', { registrationSession }), 'registration_session_invalid');
    } finally {
      await other.close();
    }
    await h.advance(3601);
    await expectProblem(h.client.startEmailVerification('a@example.org', { registrationSession }), 'registration_session_invalid');
  });
});

describe('accounts and codes', () => {
  it('refuses a wrong password at sign-in', async () => {
    const { registrationSession } = await openSession(SEED_EXISTING_ACCOUNT.email);
    await expectProblem(h.client.signIn({ email: SEED_EXISTING_ACCOUNT.email, password: 'Norfolk-Training-2' }, { registrationSession }), 'sign_in_failed');
  });

  it('accepts only the address the invitation went to, for signing in and for signing up (accountEmail: invitation)', async () => {
    const existing = await openSession(SEED_EXISTING_ACCOUNT.email);
    // Another person's account, even with the right password, cannot take this invitation's records.
    await expectProblem(
      h.client.signIn({ email: 'nobody@example.org', password: SEED_EXISTING_ACCOUNT.password }, { registrationSession: existing.registrationSession }),
      'email_not_invited',
    );
    const { registrationSession } = await openSession();
    await expectProblem(h.client.startEmailVerification('someone.else@example.org', { registrationSession }), 'email_not_invited');
    expect(await h.messagesTo('someone.else@example.org')).toEqual([]);
    // The invited address in other letters is the same address.
    expect((await h.client.startEmailVerification('Jane.Smith@Example.org', { registrationSession })).state).toBe('code_sent');
  });

  it('counts wrong codes, kills the code on the fifth, and expires codes after 10 minutes', async () => {
    const { registrationSession } = await openSession();
    const session = { registrationSession };
    const verification = await h.client.startEmailVerification('jane.smith@example.org', session);
    const right = await h.latestCode('jane.smith@example.org');
    const wrong = right === '000000' ? '111111' : '000000';
    for (const remaining of [4, 3, 2, 1]) {
      expect((await expectProblem(h.client.verifyEmail(verification.verificationId, wrong, session), 'code_incorrect')).attemptsRemaining).toBe(remaining);
    }
    await expectProblem(h.client.verifyEmail(verification.verificationId, wrong, session), 'too_many_attempts');
    // Dead: even the right code no longer works.
    await expectProblem(h.client.verifyEmail(verification.verificationId, right, session), 'too_many_attempts');
    await h.advance(30);
    const resent = await h.client.resendEmailVerification(verification.verificationId, session);
    expect(resent).toMatchObject({ state: 'code_sent', attemptsRemaining: 5 });
    const fresh = await h.latestCode('jane.smith@example.org');
    await h.advance(601);
    await expectProblem(h.client.verifyEmail(verification.verificationId, fresh, session), 'code_expired');
  });

  it('throttles codes: 30 seconds between, 5 an hour per address', async () => {
    const { registrationSession } = await openSession();
    const session = { registrationSession };
    const verification = await h.client.startEmailVerification('jane.smith@example.org', session);
    const tooSoon = await expectProblem(h.client.resendEmailVerification(verification.verificationId, session), 'resend_too_soon');
    expect(tooSoon.retryAfterSeconds).toBe(30);
    expect(tooSoon.retryable).toBe(true);
    for (let i = 0; i < 4; i++) {
      await h.advance(31);
      await h.client.resendEmailVerification(verification.verificationId, session);
    }
    await h.advance(31);
    const tooMany = await expectProblem(h.client.resendEmailVerification(verification.verificationId, session), 'too_many_codes');
    // The oldest of the five was sent 5 × 31 s ago: it leaves the hour in 3600 − 155 s.
    expect(tooMany.retryAfterSeconds).toBe(3600 - 155);
    await h.advance(3600 - 155);
    // The registration session has expired meanwhile (an hour): a new one, and the address may get a code again.
    const again = await openSession();
    expect((await h.client.startEmailVerification('jane.smith@example.org', { registrationSession: again.registrationSession })).state).toBe('code_sent');
  });

  it('refuses an address in use, an unverified address, a weak password, and a resend after verifying', async () => {
    const existing = await openSession(SEED_EXISTING_ACCOUNT.email);
    await expectProblem(h.client.startEmailVerification(SEED_EXISTING_ACCOUNT.email.toUpperCase(), { registrationSession: existing.registrationSession }), 'email_in_use');
    const { registrationSession } = await openSession();
    const session = { registrationSession };
    const verification = await h.client.startEmailVerification('jane.smith@example.org', session);
    const create = (password: string) => h.client.createAccount({ verificationId: verification.verificationId, givenName: 'Jane', surname: 'Smith', password }, session);
    await expectProblem(create('Norfolk-2026'), 'email_not_verified');
    await h.client.verifyEmail(verification.verificationId, await h.latestCode('jane.smith@example.org'), session);
    expect((await expectProblem(create('norfolk'), 'password_too_weak')).failedRules).toEqual(['length', 'three_kinds']);
    await expectProblem(h.client.resendEmailVerification(verification.verificationId, session), 'step_out_of_order');
    await create('Norfolk-2026');
    await expectProblem(create('Norfolk-2026'), 'email_in_use');
  });
});

describe('phone enrolment', () => {
  it('needs an account first', async () => {
    const { registrationSession } = await openSession();
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+447400555001', method: 'sms' }, { registrationSession }), 'account_required');
  });

  it("takes Ofcom's drama ranges, since the simulator is training: numbers nobody owns", async () => {
    const { session } = await newAccount();
    expect(await h.client.startPhoneEnrolment({ phoneNumber: '+447700900123', method: 'sms' }, session)).toMatchObject({ phoneKind: 'mobile', state: 'code_sent' });
    expect(await h.client.startPhoneEnrolment({ phoneNumber: '+441632960123', method: 'call' }, session)).toMatchObject({ phoneKind: 'landline', state: 'ringing' });
  });

  it('refuses invalid numbers, texts to landlines, and codes for calls', async () => {
    const { session } = await newAccount();
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+441632961000', method: 'sms' }, session), 'phone_invalid');
    // The services text and call UK numbers only (their definitions' phoneCountries).
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+12025550143', method: 'call' }, session), 'phone_invalid');
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+33612345678', method: 'sms' }, session), 'phone_invalid');
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+449098790000', method: 'call' }, session), 'phone_invalid');
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+441603222222', method: 'sms' }, session), 'sms_not_supported_for_landline');
    const call = await h.client.startPhoneEnrolment({ phoneNumber: '+441603222222', method: 'call' }, session);
    await expectProblem(h.client.verifyPhoneCode(call.enrolmentId, '123456', session), 'step_out_of_order');
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+441603222222', method: 'call' }, session), 'resend_too_soon');
    await expectProblem(h.client.getPhoneEnrolment('pe_unknown', session), 'not_found');
  });

  it('refuses a second phone for an account that has one', async () => {
    const { registrationSession } = await openSession(SEED_EXISTING_ACCOUNT.email);
    await h.client.signIn({ email: SEED_EXISTING_ACCOUNT.email, password: SEED_EXISTING_ACCOUNT.password }, { registrationSession });
    await expectProblem(h.client.startPhoneEnrolment({ phoneNumber: '+447400555001', method: 'sms' }, { registrationSession }), 'phone_already_enrolled');
  });
});

describe('account setup', () => {
  it('refuses unknown, foreign-service, expired and used grants', async () => {
    const grant = await mintGrant();
    await expectProblem(h.client.submitAccountSetup({ ...setupBody(grant), setupGrant: 'sg.this-grant-does-not-exist' }, { idempotencyKey: key() }), 'setup_grant_invalid');
    await expectProblem(h.client.submitAccountSetup({ ...setupBody(grant), serviceId: 'childrens-services' }, { idempotencyKey: key() }), 'setup_grant_invalid');
    await h.client.submitAccountSetup(setupBody(grant), { idempotencyKey: key() });
    const used = await expectProblem(h.client.submitAccountSetup(setupBody(grant), { idempotencyKey: key() }), 'setup_grant_used');
    expect(used.retryable).toBe(false);
    const old = await mintGrant();
    await h.advance(14 * 24 * 3600 + 1);
    await expectProblem(h.client.submitAccountSetup(setupBody(old), { idempotencyKey: key() }), 'setup_grant_expired');
  });

  it('refuses records outside the invite, old consent, a missing statement, and an account without a phone', async () => {
    const grant = await mintGrant();
    await expectProblem(h.client.submitAccountSetup({ ...setupBody(grant), recordIds: ['rec_not_in_invite'] }, { idempotencyKey: key() }), 'record_not_found');
    const body = setupBody(grant);
    await expectProblem(h.client.submitAccountSetup({ ...body, consent: { ...body.consent, version: 'social-care-2025-01' } }, { idempotencyKey: key() }), 'consent_invalid');
    await expectProblem(h.client.submitAccountSetup({ ...body, consent: { ...body.consent, statementIds: ['privacy-policy'] } }, { idempotencyKey: key() }), 'consent_invalid');
    const { account, confirmation } = await newAccount();
    await expectProblem(
      h.client.submitAccountSetup(
        {
          setupGrant: account.setupGrant,
          serviceId: 'social-care',
          recordIds: [confirmation.invitation.records[0]!.recordId],
          consent: { version: 'social-care-2026-01', statementIds: ['continue-setup', 'privacy-policy'], givenAt: new Date().toISOString() },
        },
        { idempotencyKey: key() },
      ),
      'phone_not_enrolled',
    );
  });

  it('refuses a second setup for an invite already set up with another grant', async () => {
    const { registrationSession, confirmation } = await openSession(SEED_EXISTING_ACCOUNT.email);
    const signIn = () => h.client.signIn({ email: SEED_EXISTING_ACCOUNT.email, password: SEED_EXISTING_ACCOUNT.password }, { registrationSession });
    const [first, second] = [await signIn(), await signIn()];
    const body = (setupGrant: string) => ({
      setupGrant,
      serviceId: 'social-care',
      recordIds: [confirmation.invitation.records[0]!.recordId],
      consent: { version: 'social-care-2026-01', statementIds: ['continue-setup', 'privacy-policy'], givenAt: new Date().toISOString() },
    });
    await h.client.submitAccountSetup(body(first.setupGrant), { idempotencyKey: key() });
    await expectProblem(h.client.submitAccountSetup(body(second.setupGrant), { idempotencyKey: key() }), 'invite_already_used');
  });
});

describe('idempotency problems', () => {
  it('refuses a key reused for another body (422) and one still in flight (409)', async () => {
    const [a, b] = [await mintGrant(), await mintGrant()];
    const k = key();
    await h.client.submitAccountSetup(setupBody(a), { idempotencyKey: k });
    await expectProblem(h.client.submitAccountSetup(setupBody(b), { idempotencyKey: k }), 'idempotency_key_reused');
    await h.anonymous.call('setTrainingFaults', { body: { slow: 1, slowMs: 400 } });
    const k2 = key();
    const bodyB = setupBody(b);
    const first = h.client.submitAccountSetup(bodyB, { idempotencyKey: k2 });
    await new Promise((r) => setTimeout(r, 50));
    const conflict = await expectProblem(h.client.submitAccountSetup(bodyB, { idempotencyKey: k2 }), 'idempotency_request_in_progress');
    expect(conflict.retryable).toBe(true);
    expect((await first).state).toBe('pending_activation');
  });
});

afterAll(() => {
  // Every code the contract defines was produced by the simulator and read by the client.
  expect(councilProblemCodeSchema.options.filter((code) => !seen.has(code))).toEqual([]);
});
