import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { SEED_CASEWORKER } from '../../../main/council/simulator/simulatorSeed.ts';
import { liveCouncilCall } from '../../../main/registration/liveCouncilCall.ts';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { failure, rejection, startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// Caseworker sign-in over real HTTP against the simulator: the device authorization grant
// (RFC 8628) on the simulator's clock, and the staff lockout after wrong passwords.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const approve = (userCode: string, extra: { staffId?: string; decision?: 'approve' | 'deny' } = {}) =>
  h.anonymous.call('approveTrainingDeviceAuthorization', { body: { userCode, ...extra } });
const interval = COUNCIL_RULES.deviceAuthorizationIntervalSeconds;

describe('device authorization (RFC 8628)', () => {
  it('hands out a vowel-free user code, a secret device code and links on the simulator', async () => {
    const started = await h.client.startCaseworkerDeviceAuthorization();
    expect(started.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(started.deviceCode).not.toContain(started.userCode.replace('-', ''));
    expect(started.verificationUri).toBe(`${h.simulator.url}/device`);
    expect(started.verificationUriComplete).toBe(`${h.simulator.url}/device?user_code=${started.userCode}`);
    expect(started).toMatchObject({ expiresIn: COUNCIL_RULES.deviceAuthorizationSeconds, interval });
    const other = await h.client.startCaseworkerDeviceAuthorization();
    expect(other.userCode).not.toBe(started.userCode);
    expect(other.deviceCode).not.toBe(started.deviceCode);
    // The verification page is served, and shows the code it was given (and nothing else typed).
    const page = await fetch(started.verificationUriComplete);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(started.userCode);
    expect(await (await fetch(`${h.simulator.url}/device?user_code=<script>`)).text()).not.toContain('<script>');
  });

  it('is pending, asks a fast poller to slow down by 5 seconds, and once approved answers a caseworker session once', async () => {
    const { deviceCode, userCode } = await h.client.startCaseworkerDeviceAuthorization();
    expect((await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('authorization_pending');
    const slow = await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode));
    expect(slow).toMatchObject({ code: 'slow_down', status: 400, retryable: false });
    expect(slow.problem?.detail).toContain(`${interval + 5} seconds`);
    // The old interval is now too fast; the new one is not.
    await h.advance(interval);
    expect((await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('slow_down');
    await h.advance(interval + 10);
    expect((await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('authorization_pending');

    // Approved by code in any case, without its dash, as the seeded caseworker by default.
    expect(await approve(userCode.replace('-', '').toLowerCase())).toEqual({ userCode, state: 'approved', staffId: SEED_CASEWORKER.staffId });
    await h.advance(interval + 10);
    const session = await h.client.pollCaseworkerDeviceAuthorization(deviceCode);
    expect(session).toMatchObject({ staffId: SEED_CASEWORKER.staffId, displayName: SEED_CASEWORKER.displayName });
    // Exactly like a password sign-in: the token opens the staff endpoints on this kiosk.
    expect((await h.client.listCaseworkerInvites({ caseworkerToken: session.caseworkerToken })).invites.length).toBeGreaterThan(0);
    const expiresAt = Date.parse(session.expiresAt);
    expect(expiresAt - h.simulator.clock.now()).toBeGreaterThan((COUNCIL_RULES.caseworkerSessionSeconds - 5) * 1000);
    // The device code is spent, and the user code no longer names anything.
    await h.advance(interval + 10);
    expect((await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('expired_token');
    expect((await failure(approve(userCode))).code).toBe('not_found');
  });

  it('answers access_denied when the caseworker refuses, and only to the kiosk that started it', async () => {
    const { deviceCode, userCode } = await h.client.startCaseworkerDeviceAuthorization();
    expect(await approve(userCode, { decision: 'deny' })).toMatchObject({ state: 'denied' });
    // Another kiosk of the same council cannot use this kiosk's device code.
    const tokens = await h.anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } });
    const enrolment = await h.anonymous.enrolDevice({ enrolmentToken: tokens.enrolmentTokens[0]!, deviceName: 'other-kiosk' });
    const stranger = new CouncilClient({ baseUrl: h.simulator.url, deviceCredential: enrolment.credential, timeoutMs: 5_000 });
    expect((await failure(stranger.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('expired_token');
    expect((await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('access_denied');
  });

  it('approves as another caseworker only if they exist, and expires on the simulator clock', async () => {
    const { deviceCode, userCode } = await h.client.startCaseworkerDeviceAuthorization();
    expect((await failure(approve(userCode, { staffId: 'nobody.here' }))).code).toBe('not_found');
    expect((await failure(approve('BCDF-GHJK'))).code).toBe('not_found');
    await h.advance(COUNCIL_RULES.deviceAuthorizationSeconds);
    expect((await failure(approve(userCode))).code).toBe('expired_token');
    expect((await failure(h.client.pollCaseworkerDeviceAuthorization(deviceCode))).code).toBe('expired_token');
  });
});

describe('staff lockout', () => {
  const signIn = (password: string, staffId: string = SEED_CASEWORKER.staffId) => h.client.signInCaseworker({ staffId, password });

  it('counts wrong passwords down, locks the staff id for the lockout time even for the right password, then lets it in', async () => {
    for (const remaining of [4, 3, 2, 1]) {
      expect(await failure(signIn('wrong'))).toMatchObject({ code: 'caseworker_sign_in_failed', attemptsRemaining: remaining });
    }
    const locked = await failure(signIn('wrong'));
    expect(locked).toMatchObject({ code: 'caseworker_locked', status: 403, retryable: false, retryAfterSeconds: COUNCIL_RULES.caseworkerLockoutSeconds });
    await h.advance(60);
    expect(await failure(signIn(SEED_CASEWORKER.password))).toMatchObject({
      code: 'caseworker_locked',
      retryAfterSeconds: COUNCIL_RULES.caseworkerLockoutSeconds - 60,
    });
    // Other staff ids are not affected.
    expect((await failure(signIn('wrong', 'cw.someone-else'))).attemptsRemaining).toBe(4);
    await h.advance(COUNCIL_RULES.caseworkerLockoutSeconds - 60);
    expect((await signIn(SEED_CASEWORKER.password)).staffId).toBe(SEED_CASEWORKER.staffId);
    // After the lock, a fresh count.
    expect((await failure(signIn('wrong'))).attemptsRemaining).toBe(4);
  });

  it('starts the count again after a right password', async () => {
    for (let i = 0; i < COUNCIL_RULES.caseworkerMaxPasswordTries - 1; i++) await failure(signIn('wrong'));
    await signIn(SEED_CASEWORKER.password);
    expect((await failure(signIn('wrong'))).attemptsRemaining).toBe(COUNCIL_RULES.caseworkerMaxPasswordTries - 1);
  });

  it('counts unknown staff ids the same way, so the answers never tell which exist', async () => {
    for (const remaining of [4, 3, 2, 1]) expect((await failure(signIn('wrong', 'cw.unknown'))).attemptsRemaining).toBe(remaining);
    expect((await failure(signIn('wrong', 'cw.unknown'))).code).toBe('caseworker_locked');
  });

  it('reaches the kiosk API error with its tries left and its wait', async () => {
    const call = (password: string) => liveCouncilCall('signInCaseworker', () => signIn(password));
    const kioskFailure = async (password: string) => {
      const error = await rejection(call(password), KioskCallError);
      return { code: error.code, ...error.details };
    };
    expect(await kioskFailure('wrong')).toEqual({ code: 'caseworker_sign_in_failed', attemptsRemaining: 4 });
    for (let i = 0; i < 3; i++) await kioskFailure('wrong');
    expect(await kioskFailure('wrong')).toEqual({ code: 'caseworker_locked', retryAfterSeconds: COUNCIL_RULES.caseworkerLockoutSeconds });
  });
});
