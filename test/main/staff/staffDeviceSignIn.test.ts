import { describe, expect, it, vi } from 'vitest';
import type { TestContext } from 'vitest';
import { qrCodePath } from '../../../main/staff/qrCodePath.ts';
import type { StaffCouncil } from '../../../main/staff/staffCouncil.ts';
import { StaffSession } from '../../../main/staff/staffSession.ts';
import type { StaffSessionDeps } from '../../../main/staff/staffSession.ts';
import type { CaseworkerSession } from '../../../shared/councilApi/caseworkerApi.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';
import { capturedLog, checkedView, expectKioskError, movableClock } from './staffFixtures.ts';

// The device sign-in (RFC 8628) against the council API simulator over HTTP, on real time: the
// council's interval is 5 seconds, so each test waits for real polls. They run side by side, each
// with its own simulator. Polls are observed (not changed) on their way to the simulator.

const INTERVAL_MS = COUNCIL_RULES.deviceAuthorizationIntervalSeconds * 1000;
const log = capturedLog();

interface Poll {
  at: number;
  answer: string;
  deviceCode: string;
}

/**
 * A simulator, a staff session on it with training approval, and the polls it sent (when, and
 * what came back); both closed when the test finishes.
 */
async function deviceSetup(
  test: TestContext,
  deps: Partial<StaffSessionDeps> = {},
  beforePoll?: (deviceCode: string, harness: Harness) => Promise<void>,
) {
  const harness = await startHarness();
  const polls: Poll[] = [];
  const council: StaffCouncil = {
    startCaseworkerDeviceAuthorization: () => harness.client.startCaseworkerDeviceAuthorization(),
    signInCaseworker: (body) => harness.client.signInCaseworker(body),
    async pollCaseworkerDeviceAuthorization(deviceCode): Promise<CaseworkerSession> {
      await beforePoll?.(deviceCode, harness);
      const at = Date.now();
      try {
        const session = await harness.client.pollCaseworkerDeviceAuthorization(deviceCode);
        polls.push({ at, answer: 'session', deviceCode });
        return session;
      } catch (error) {
        polls.push({ at, answer: (error as { code?: string }).code ?? 'error', deviceCode });
        throw error;
      }
    },
  };
  const approve = (userCode: string, decision: 'approve' | 'deny' = 'approve') =>
    harness.anonymous.call('approveTrainingDeviceAuthorization', { body: { userCode, decision } });
  const session = new StaffSession({ council: () => council, lockSeconds: 300, approveTraining: (userCode) => approve(userCode), ...deps });
  test.onTestFinished(async () => {
    session.close();
    await harness.close();
  });
  return { harness, session, polls, approve };
}

/** Waits, on real time, until `done` holds (checked every 50 ms), or fails after `ms`. */
async function until(done: () => boolean, ms: number): Promise<void> {
  await vi.waitFor(
    () => {
      if (!done()) throw new Error(`not yet after ${ms} ms`);
    },
    { timeout: ms, interval: 50 },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gaps(polls: Poll[]): number[] {
  return polls.slice(1).map((poll, i) => poll.at - polls[i]!.at);
}

const deviceStatus = (session: StaffSession) => {
  const view = session.view();
  return view.state === 'signed_out' ? view.deviceSignIn?.status : undefined;
};

describe.concurrent("staff sign-in on the caseworker's work device", () => {
  it('shows the code and its QR code, and signs in at the first poll after approval', async (test) => {
    const { harness, session, polls } = await deviceSetup(test);
    const heard: string[] = [];
    session.onChange(() => heard.push(session.state()));
    const startedAt = Date.now();
    const shown = await session.startDeviceSignIn();
    expect(shown.userCode).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    expect(shown.verificationUriComplete).toBe(`${harness.simulator.url}/device?user_code=${shown.userCode}`);
    expect(shown.qr).toEqual(qrCodePath(shown.verificationUriComplete));
    expect(shown.status).toBe('waiting');
    expect(Date.parse(shown.expiresAt) - startedAt).toBeGreaterThan((COUNCIL_RULES.deviceAuthorizationSeconds - 5) * 1000);
    expect(checkedView(session)).toEqual({ state: 'signed_out', deviceSignIn: shown });

    await until(() => polls.length === 1, INTERVAL_MS + 3_000);
    expect(polls[0]!.at - startedAt).toBeGreaterThanOrEqual(INTERVAL_MS);
    await session.approveTraining();
    await until(() => heard.includes('choose_pin'), INTERVAL_MS + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['authorization_pending', 'session']);
    expect(gaps(polls).every((gap) => gap >= INTERVAL_MS)).toBe(true);
    // The device code is the kiosk's secret: never shown, never logged.
    expect(JSON.stringify([shown, log])).not.toContain(polls[0]!.deviceCode);
    expect(checkedView(session)).toEqual({ state: 'choose_pin', displayName: harness.simulator.seed.caseworker.displayName });
    await session.choosePin('2468');
    const token = session.caseworker()!.token;
    expect((await harness.client.listCaseworkerInvites({ caseworkerToken: token })).invites.length).toBeGreaterThan(0);
    expect(log).toContainEqual(expect.objectContaining({ event: 'staff.signed_in', method: 'device' }));
    expect(JSON.stringify(log)).not.toContain(token);
  }, 20_000);

  it('shows denied when the caseworker refuses, and stops polling', async (test) => {
    const { session, polls, approve } = await deviceSetup(test);
    const { userCode } = await session.startDeviceSignIn();
    await approve(userCode, 'deny');
    await until(() => deviceStatus(session) === 'denied', INTERVAL_MS + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['access_denied']);
    await expectKioskError(session.approveTraining(), 'step_out_of_order');
    await sleep(INTERVAL_MS + 500);
    expect(polls).toHaveLength(1);
    expect(session.state()).toBe('signed_out');
    expect(log).toContainEqual(expect.objectContaining({ event: 'staff.device_sign_in_ended', outcome: 'denied' }));
  }, 20_000);

  it('shows expired when the council says the code expired, and when the kiosk clock passes its expiry', async (test) => {
    const { harness, session, polls } = await deviceSetup(test);
    await session.startDeviceSignIn();
    await harness.advance(COUNCIL_RULES.deviceAuthorizationSeconds);
    await until(() => deviceStatus(session) === 'expired', INTERVAL_MS + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['expired_token']);

    const clock = movableClock();
    const local = (await deviceSetup(test, { now: clock.now })).session;
    const shown = await local.startDeviceSignIn();
    clock.advance(Date.parse(shown.expiresAt) - clock.now());
    expect(checkedView(local)).toEqual({ state: 'signed_out', deviceSignIn: { ...shown, status: 'expired' } });
    await expectKioskError(local.approveTraining(), 'step_out_of_order');
  }, 20_000);

  it('keeps polling through network failures, the view still waiting', async (test) => {
    const { harness, session, polls } = await deviceSetup(test);
    harness.simulator.faults.set({ drop: 1, paths: ['/v1/caseworker-device-authorizations/token'] });
    await session.startDeviceSignIn();
    await until(() => polls.length === 1, INTERVAL_MS + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['network_error']);
    expect(deviceStatus(session)).toBe('waiting');
    expect(log).toContainEqual(expect.objectContaining({ event: 'staff.device_poll_failed', code: 'network_error' }));
    harness.simulator.faults.set({});
    await session.approveTraining();
    await until(() => session.state() === 'choose_pin', INTERVAL_MS + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['network_error', 'session']);
  }, 20_000);

  it('polls 5 seconds slower for good after slow_down', async (test) => {
    // Another poll of the same device code just before the session's first one makes that one
    // too fast for the council, which answers slow_down.
    let provoked = false;
    const { session, polls, approve } = await deviceSetup(test, {}, async (deviceCode, harness) => {
      if (provoked) return;
      provoked = true;
      await harness.client.pollCaseworkerDeviceAuthorization(deviceCode).catch(() => undefined);
    });
    const { userCode } = await session.startDeviceSignIn();
    await until(() => polls.length === 1, INTERVAL_MS + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['slow_down']);
    await approve(userCode);
    await until(() => session.state() === 'choose_pin', INTERVAL_MS + 5_000 + 3_000);
    expect(polls.map((p) => p.answer)).toEqual(['slow_down', 'session']);
    expect(gaps(polls)[0]).toBeGreaterThanOrEqual(INTERVAL_MS + 5_000);
  }, 25_000);

  it('stops at cancel, and a new sign-in replaces the one on show', async (test) => {
    const { session, polls, approve } = await deviceSetup(test);
    const first = await session.startDeviceSignIn();
    const second = await session.startDeviceSignIn();
    expect(second.userCode).not.toBe(first.userCode);
    expect(checkedView(session)).toMatchObject({ deviceSignIn: { userCode: second.userCode } });
    await approve(first.userCode);
    session.cancelDeviceSignIn();
    expect(checkedView(session)).toEqual({ state: 'signed_out', deviceSignIn: null });
    await sleep(INTERVAL_MS + 1_000);
    expect(polls).toEqual([]);
    expect(session.state()).toBe('signed_out');
    expect(log).toContainEqual(expect.objectContaining({ event: 'staff.device_sign_in_ended', outcome: 'cancelled' }));
  }, 20_000);
});
