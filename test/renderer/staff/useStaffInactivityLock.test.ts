// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { ACTIVITY_REPORT_MS, useStaffInactivityLock } from '../../../renderer/staff/useStaffInactivityLock.ts';
import { mountComposable } from '../composables/mountComposable.ts';

const START = Date.UTC(2026, 10, 30, 10, 0, 0);
const MINUTE = 60_000;

async function lockWith(lockInMs: number | undefined) {
  const calls: string[] = [];
  const lockAt = ref(lockInMs === undefined ? undefined : new Date(Date.now() + lockInMs).toISOString());
  await mountComposable(() => {
    useStaffInactivityLock({ lockAt, lock: () => calls.push('lock'), noteActivity: () => calls.push('activity') });
    return true;
  });
  return { calls, lockAt };
}
const touch = (): void => {
  window.dispatchEvent(new Event('pointerdown'));
};

describe("the console's own inactivity lock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it("locks when the view's lock time passes with no input", async () => {
    const { calls } = await lockWith(5 * MINUTE);
    vi.advanceTimersByTime(5 * MINUTE - 1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['lock']);
  });

  it('tells main of input at most every 15 seconds', async () => {
    const { calls } = await lockWith(5 * MINUTE);
    touch();
    vi.advanceTimersByTime(ACTIVITY_REPORT_MS - 1000);
    touch();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(calls).toEqual(['activity']);
    // The input in between is told once the 15 seconds are up.
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['activity', 'activity']);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b' }));
    vi.advanceTimersByTime(ACTIVITY_REPORT_MS - 1);
    expect(calls).toEqual(['activity', 'activity']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['activity', 'activity', 'activity']);
  });

  it('does not lock just after input (main\'s later lock time is on its way), and follows the later lock time', async () => {
    const { calls, lockAt } = await lockWith(MINUTE);
    touch();
    vi.advanceTimersByTime(MINUTE - 5000);
    touch();
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual(['activity', 'activity']);
    // Main answers with a later lock time: no lock before it.
    lockAt.value = new Date(Date.now() + 2 * MINUTE).toISOString();
    await Promise.resolve();
    vi.advanceTimersByTime(2 * MINUTE - 1);
    expect(calls).toEqual(['activity', 'activity']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['activity', 'activity', 'lock']);
  });

  it('does nothing while the console is not ready (no lock time)', async () => {
    const { calls } = await lockWith(undefined);
    touch();
    vi.advanceTimersByTime(60 * MINUTE);
    expect(calls).toEqual([]);
  });
});
