import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../../main/sync/requestPacer.ts';

// The pacer on an injected clock: minutes of pacing checked in microseconds.

function pacer(requestsPerSecond: number, random = () => 0.5) {
  const time = { now: 1_000_000 };
  const paced = new RequestPacer({ requestsPerSecond, backoff: { baseMs: 1_000, capMs: 300_000 }, clock: () => time.now, random });
  return { time, paced };
}

/** Starts requests whenever a slot is free until `untilMs`, and returns their start times. */
function run(p: ReturnType<typeof pacer>, untilMs: number): number[] {
  const starts: number[] = [];
  while (p.time.now < untilMs) {
    const wait = p.time.now < p.paced.heldUntil ? p.paced.heldUntil : p.paced.takeSlot(p.time.now);
    if (wait === true) {
      p.paced.sent();
      starts.push(p.time.now);
    } else p.time.now = wait;
  }
  return starts;
}

describe('request pacer', () => {
  it('starts at most requestsPerSecond a second', () => {
    const p = pacer(1.5);
    const starts = run(p, p.time.now + 60_000);
    expect(starts.length).toBeGreaterThanOrEqual(90);
    expect(starts.length).toBeLessThanOrEqual(91);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(666);
  });

  it('counts the pace from when requests really went out', () => {
    const p = pacer(2);
    expect(p.paced.takeSlot(p.time.now)).toBe(true);
    p.time.now += 30; // the attempt was counted on disk first
    p.paced.sent();
    expect(p.paced.takeSlot(p.time.now + 499)).toBe(p.time.now + 500);
  });

  it('without pacing, slots are always free', () => {
    const p = pacer(Infinity);
    expect([p.paced.takeSlot(p.time.now), p.paced.takeSlot(p.time.now), p.paced.takeSlot(p.time.now)]).toEqual([true, true, true]);
  });

  it('a throttling council pauses the kiosk for its Retry-After and halves the pace; acknowledgements bring it back', () => {
    const p = pacer(2, () => 0);
    const start = p.time.now;
    p.paced.throttled(10);
    expect(p.paced.heldUntil).toBe(start + 10_000);
    expect(p.paced.requestsPerSecond).toBe(1);
    p.paced.throttled(undefined);
    expect(p.paced.requestsPerSecond).toBe(0.5);
    for (let i = 0; i < 20; i++) p.paced.throttled(undefined);
    expect(p.paced.requestsPerSecond).toBe(2 / 32);
    for (let i = 0; i < 100; i++) p.paced.acknowledged();
    expect(p.paced.requestsPerSecond).toBe(2);
  });

  it('holds only lengthen; a random hold stays inside its window', () => {
    const p = pacer(1, () => 0.999);
    p.paced.hold(p.time.now + 5_000);
    p.paced.hold(p.time.now + 1_000);
    expect(p.paced.heldUntil).toBe(p.time.now + 5_000);
    p.paced.holdRandomly(25_000);
    expect(p.paced.heldUntil).toBe(p.time.now + 24_975);
  });
});
