import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { MAX_PIN_TRIES } from '../../../main/staff/staffSession.ts';
import type { StaffSession } from '../../../main/staff/staffSession.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';
import { capturedLog, checkedView, expectKioskError, movableClock, staffSessions } from './staffFixtures.ts';

// The staff session against the council API simulator over HTTP on 127.0.0.1: password sign-in,
// the PIN, the inactivity lock on a moved clock (and once on the real timer), and sign-out.

let harness: Harness;
const sessions = staffSessions(() => harness);
const log = capturedLog();

beforeAll(async () => {
  harness = await startHarness();
});
afterEach(() => {
  sessions.closeAll();
});
afterAll(async () => {
  await harness.close();
});

const PIN = '482913';

async function signedIn(session: StaffSession): Promise<void> {
  const { staffId, password } = harness.simulator.seed.caseworker;
  await session.signInWithPassword(staffId, password);
  await session.choosePin(PIN);
}

describe('staff sign-in with staff id and password', () => {
  it('signs in, asks for a PIN, then gives main a token the council accepts', async () => {
    const clock = movableClock();
    const session = sessions.open({ now: clock.now, lockSeconds: 300 });
    const { staffId, password, displayName } = harness.simulator.seed.caseworker;
    expect(checkedView(session)).toEqual({ state: 'signed_out', deviceSignIn: null });
    expect(session.caseworker()).toBeUndefined();

    await session.signInWithPassword(staffId, password);
    expect(checkedView(session)).toEqual({ state: 'choose_pin', displayName });
    expect(session.caseworker()).toBeUndefined();
    await expectKioskError(() => session.requireReady(), 'staff_locked');

    await session.choosePin(PIN);
    expect(checkedView(session)).toEqual({ state: 'ready', displayName, lockAt: new Date(clock.now() + 300_000).toISOString() });
    const caseworker = session.caseworker();
    expect(caseworker).toMatchObject({ staffId, displayName });
    const list = await harness.client.listCaseworkerInvites({ caseworkerToken: caseworker!.token });
    expect(list.invites.length).toBeGreaterThan(0);
    expect(session.requireReady()).toEqual(caseworker);
  });

  it('says a wrong password plainly, with the tries left, and stays signed out', async () => {
    const session = sessions.open();
    const { staffId, password } = harness.simulator.seed.caseworker;
    const error = await expectKioskError(session.signInWithPassword(staffId, 'not-the-password'), 'caseworker_sign_in_failed');
    expect(error.details).toEqual({ attemptsRemaining: COUNCIL_RULES.caseworkerMaxPasswordTries - 1 });
    expect(error.message).not.toContain('not-the-password');
    expect(session.state()).toBe('signed_out');
    // A right password starts the council's count again.
    await session.signInWithPassword(staffId, password);
    expect(session.state()).toBe('choose_pin');
  });

  it('says when the council has locked the staff id after five wrong passwords', async () => {
    // Another staff id than the seeded one, so the other tests can still sign in.
    const session = sessions.open();
    for (let left = COUNCIL_RULES.caseworkerMaxPasswordTries - 1; left > 0; left -= 1) {
      expect((await expectKioskError(session.signInWithPassword('cw.locked-out', 'wrong'), 'caseworker_sign_in_failed')).details).toEqual({ attemptsRemaining: left });
    }
    const locked = await expectKioskError(session.signInWithPassword('cw.locked-out', 'wrong'), 'caseworker_locked');
    expect(locked.details).toEqual({ retryAfterSeconds: COUNCIL_RULES.caseworkerLockoutSeconds });
    expect(session.state()).toBe('signed_out');
  });

  it('answers council_unreachable when the council does not answer', async () => {
    const unreachable = new CouncilClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000, getRetryLimit: 0 });
    const session = sessions.open({ council: () => unreachable });
    await expectKioskError(session.signInWithPassword('cw.training', 'whatever'), 'council_unreachable');
    expect(session.state()).toBe('signed_out');
  });

  it('refuses steps out of order', async () => {
    const session = sessions.open();
    await expectKioskError(session.choosePin(PIN), 'staff_signed_out');
    await expectKioskError(session.unlock(PIN), 'staff_signed_out');
    await expectKioskError(() => session.requireReady(), 'staff_signed_out');
    const { staffId, password } = harness.simulator.seed.caseworker;
    await session.signInWithPassword(staffId, password);
    await expectKioskError(session.unlock(PIN), 'step_out_of_order');
    await expectKioskError(session.choosePin('123'), 'invalid_input');
    await expectKioskError(session.choosePin('12345678x'), 'invalid_input');
    expect(session.state()).toBe('choose_pin');
    await session.choosePin(PIN);
    await expectKioskError(session.choosePin('1111'), 'step_out_of_order');
    await expectKioskError(session.signInWithPassword(staffId, password), 'step_out_of_order');
    await expectKioskError(session.startDeviceSignIn(), 'step_out_of_order');
  });

  it('approves a device sign-in only in training, and only one on show', async () => {
    await expectKioskError(sessions.open().approveTraining(), 'not_training');
    const approved: string[] = [];
    const training = sessions.open({ approveTraining: (userCode) => Promise.resolve(approved.push(userCode)) });
    await expectKioskError(training.approveTraining(), 'step_out_of_order');
    expect(approved).toEqual([]);
  });
});

describe('the PIN and the inactivity lock', () => {
  it('locks after lockSeconds without activity; activity and staff calls push the lock back', async () => {
    const clock = movableClock();
    const session = sessions.open({ now: clock.now, lockSeconds: 120 });
    await signedIn(session);
    clock.advance(100_000);
    session.noteActivity();
    clock.advance(100_000);
    expect(session.state()).toBe('ready');
    session.requireReady();
    clock.advance(119_000);
    expect(checkedView(session)).toMatchObject({ state: 'ready', lockAt: new Date(clock.now() + 1_000).toISOString() });
    clock.advance(1_000);
    expect(checkedView(session)).toEqual({ state: 'locked', displayName: harness.simulator.seed.caseworker.displayName });
    // Locked: main still holds the council session (it lasts the day), but no staff call goes through.
    expect(session.caseworker()?.token).toMatch(/.{16,}/);
    await expectKioskError(() => session.requireReady(), 'staff_locked');
    session.noteActivity();
    expect(session.state()).toBe('locked');
  });

  it('unlocks with the PIN; a wrong PIN says how many tries are left, and a right one starts the count again', async () => {
    const clock = movableClock();
    const session = sessions.open({ now: clock.now, lockSeconds: 60 });
    await signedIn(session);
    session.lock();
    expect(session.state()).toBe('locked');
    expect((await expectKioskError(session.unlock('000000'), 'pin_incorrect')).details).toEqual({ attemptsRemaining: MAX_PIN_TRIES - 1 });
    expect((await expectKioskError(session.unlock(''), 'pin_incorrect')).details).toEqual({ attemptsRemaining: MAX_PIN_TRIES - 2 });
    await session.unlock(PIN);
    expect(checkedView(session)).toMatchObject({ state: 'ready', lockAt: new Date(clock.now() + 60_000).toISOString() });
    session.lock();
    expect((await expectKioskError(session.unlock('4829'), 'pin_incorrect')).details).toEqual({ attemptsRemaining: MAX_PIN_TRIES - 1 });
    // 'Hand back to staff' on one display: the PIN is checked while ready too.
    await session.unlock(PIN);
    expect((await expectKioskError(session.unlock('1234'), 'pin_incorrect')).details).toEqual({ attemptsRemaining: MAX_PIN_TRIES - 1 });
    expect(session.state()).toBe('ready');
  });

  it('signs the caseworker out after five wrong PINs in a row', async () => {
    const session = sessions.open();
    await signedIn(session);
    session.lock();
    for (let left = MAX_PIN_TRIES - 1; left >= 0; left -= 1) {
      expect((await expectKioskError(session.unlock('999999'), 'pin_incorrect')).details).toEqual({ attemptsRemaining: left });
    }
    expect(checkedView(session)).toEqual({ state: 'signed_out', deviceSignIn: null });
    expect(session.caseworker()).toBeUndefined();
    await expectKioskError(session.unlock(PIN), 'staff_signed_out');
    expect(log.filter((l) => l.event === 'staff.signed_out').at(-1)).toMatchObject({ reason: 'pin_tries' });
  });

  it('signs out, rather than locks, a caseworker who never chose a PIN', async () => {
    const clock = movableClock();
    const session = sessions.open({ now: clock.now, lockSeconds: 60 });
    const { staffId, password } = harness.simulator.seed.caseworker;
    await session.signInWithPassword(staffId, password);
    clock.advance(60_000);
    expect(session.state()).toBe('signed_out');
    await session.signInWithPassword(staffId, password);
    session.lock();
    expect(session.state()).toBe('signed_out');
    expect(log.filter((l) => l.event === 'staff.signed_out').at(-1)).toMatchObject({ reason: 'no_pin' });
  });

  it('signs out when the council session ends, locked or not', async () => {
    const clock = movableClock();
    const session = sessions.open({ now: clock.now, lockSeconds: COUNCIL_RULES.caseworkerSessionSeconds * 2 });
    await signedIn(session);
    clock.advance(COUNCIL_RULES.caseworkerSessionSeconds * 1000 - 60_000);
    session.lock();
    expect(session.state()).toBe('locked');
    clock.advance(61_000);
    expect(session.caseworker()).toBeUndefined();
    expect(session.state()).toBe('signed_out');
    expect(log.filter((l) => l.event === 'staff.signed_out').at(-1)).toMatchObject({ reason: 'session_expired' });
  });

  it('locks on its own timer, with nobody calling, and tells the listeners', async () => {
    const session = sessions.open({ lockSeconds: 0.2 });
    await signedIn(session);
    const locked = new Promise<string>((resolve) => {
      session.onChange(() => {
        resolve(session.state());
      });
    });
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no change heard'), 5_000));
    expect(await Promise.race([locked, timeout])).toBe('locked');
  });

  it('tells listeners of each change, once, until they stop listening', async () => {
    const session = sessions.open();
    const heard: string[] = [];
    const stop = session.onChange(() => heard.push(session.view().state));
    await signedIn(session);
    session.lock();
    session.lock();
    await session.unlock(PIN);
    session.signOut();
    expect(heard).toEqual(['choose_pin', 'ready', 'locked', 'ready', 'signed_out']);
    stop();
    await signedIn(session);
    expect(heard).toHaveLength(5);
  });

  it('forgets the caseworker at sign-out, and logs no staff id, password, PIN or token', async () => {
    const session = sessions.open();
    await signedIn(session);
    const token = session.caseworker()!.token;
    session.signOut();
    expect(session.caseworker()).toBeUndefined();
    await expectKioskError(() => session.requireReady(), 'staff_signed_out');
    const text = JSON.stringify(log);
    for (const secret of [token, PIN, harness.simulator.seed.caseworker.password, harness.simulator.seed.caseworker.staffId]) {
      expect(text).not.toContain(secret);
    }
    const events = log.map((l) => l.event);
    for (const event of ['staff.signed_in', 'staff.pin_chosen', 'staff.locked', 'staff.unlocked', 'staff.pin_refused', 'staff.signed_out']) {
      expect(events).toContain(event);
    }
    expect(log.find((l) => l.event === 'staff.signed_in')).toMatchObject({ method: 'password' });
  });
});
