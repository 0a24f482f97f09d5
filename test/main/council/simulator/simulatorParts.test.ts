import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../../main/council/simulator/faultInjector.ts';
import { IdempotencyStore, requestFingerprint } from '../../../../main/council/simulator/idempotencyStore.ts';
import { RateLimiter } from '../../../../main/council/simulator/rateLimiter.ts';
import { SimulatorClock } from '../../../../main/council/simulator/simulatorClock.ts';

describe('simulator clock', () => {
  it('adds whole seconds to an injected base, forward only', () => {
    let base = 1_000_000;
    const clock = new SimulatorClock(() => base);
    clock.advance(600);
    base += 5;
    expect(clock.now()).toBe(1_000_000 + 600_000 + 5);
    expect(clock.offsetSeconds).toBe(600);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(0.5)).toThrow(RangeError);
  });
});

describe('rate limiter', () => {
  it('allows a second of burst, then the rate, and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(50, () => now);
    const first = Array.from({ length: 60 }, () => limiter.take());
    expect(first.filter((w) => w === 0)).toHaveLength(50);
    expect(first.at(-1)).toBe(1);
    now += 100; // 5 tokens come back in 100 ms at 50/s
    expect(Array.from({ length: 6 }, () => limiter.take()).filter((w) => w === 0)).toHaveLength(5);
    expect(() => new RateLimiter(0)).toThrow(RangeError);
  });
});

describe('idempotency store', () => {
  it('claims, replays, refuses another fingerprint, and forgets what must not be replayed', () => {
    const store = new IdempotencyStore();
    const a = requestFingerprint('POST', '/v1/x', { b: 1, a: [1, { d: 2, c: 3 }] });
    expect(requestFingerprint('POST', '/v1/x', { a: [1, { c: 3, d: 2 }], b: 1 })).toBe(a);
    expect(requestFingerprint('POST', '/v1/y', { b: 1, a: [1, { d: 2, c: 3 }] })).not.toBe(a);
    expect(store.begin('dev1', 'k', a, 0)).toEqual({ kind: 'new' });
    expect(store.begin('dev1', 'k', a, 0)).toEqual({ kind: 'in_flight' });
    expect(store.begin('dev1', 'k', 'other', 0)).toEqual({ kind: 'mismatch' });
    expect(store.begin('dev2', 'k', 'other', 0)).toEqual({ kind: 'new' });
    store.finish('dev1', 'k', { status: 201, body: { ok: 1 } });
    expect(store.begin('dev1', 'k', a, 0)).toEqual({ kind: 'replay', answer: { status: 201, body: { ok: 1 } } });
    store.finish('dev2', 'k', undefined);
    expect(store.begin('dev2', 'k', a, 0)).toEqual({ kind: 'new' });
  });

  it('keeps answered records 30 days, then lets them go', () => {
    const store = new IdempotencyStore();
    store.begin('d', 'old', 'f', 0);
    store.finish('d', 'old', { status: 201, body: {} });
    const later = 31 * 24 * 3600_000;
    for (let i = 0; i < 1000; i++) store.begin('d', `k${i}`, 'f', later);
    expect(store.begin('d', 'old', 'f', later)).toEqual({ kind: 'new' });
  });
});

describe('fault injector', () => {
  it('validates settings and draws nothing when all rates are 0', () => {
    const faults = new FaultInjector();
    expect(faults.draw('/v1/site')).toEqual({ before: undefined, slowMs: 0, after: undefined });
    expect(() => faults.set({ error500: 2 })).toThrow();
    expect(faults.set({ drop: 1 }).drop).toBe(1);
    expect(faults.draw('/v1/site').after).toBe('drop');
  });
});
