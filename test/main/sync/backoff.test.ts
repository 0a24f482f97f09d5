import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, fullJitterDelay, retryDelay } from '../../../main/sync/backoff.ts';
import { classifyHttpStatus, outcomeForHttpFailure } from '../../../main/sync/outboxSender.ts';

const policy = { baseMs: 1_000, capMs: 300_000 };

describe('full-jitter backoff', () => {
  it('draws from [0, min(cap, base · 2^retry)]', () => {
    expect(fullJitterDelay(0, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(0, policy, () => 0.999_999)).toBe(999);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(4_000);
    expect(fullJitterDelay(8, policy, () => 0.999_999)).toBe(255_999);
    expect(fullJitterDelay(9, policy, () => 0.999_999)).toBe(299_999);
    expect(fullJitterDelay(5_000, policy, () => 0.999_999)).toBe(299_999);
  });

  it('spreads a fleet: many kiosks failing together retry at different times', () => {
    const delays = Array.from({ length: 200 }, () => fullJitterDelay(4, policy));
    expect(new Set(delays).size).toBeGreaterThan(150);
    for (const delay of delays) expect(delay).toBeLessThan(16_000);
  });

  it('defaults to about one second, capped at five minutes', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 1_000, capMs: 300_000 });
  });
});

describe('Retry-After', () => {
  it('is honoured: never earlier, at most one base interval later', () => {
    expect(retryDelay(0, 30, policy, () => 0)).toBe(30_000);
    expect(retryDelay(7, 30, policy, () => 0.999_999)).toBe(30_999);
  });

  it('is capped at the backoff cap', () => {
    expect(retryDelay(0, 3_600, policy, () => 0)).toBe(300_000);
  });

  it('without one, full jitter applies', () => {
    expect(retryDelay(3, undefined, policy, () => 0.5)).toBe(4_000);
  });
});

describe('which HTTP failures are retried', () => {
  it.each([
    [400, 'permanent'],
    [401, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
    [422, 'permanent'],
    [408, 'failed'],
    [409, 'failed'],
    [425, 'failed'],
    [429, 'unavailable'],
    [500, 'failed'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
  ])('%i is %s', (status, reason) => {
    expect(classifyHttpStatus(status)).toBe(reason);
  });

  it('builds the outcome with the Retry-After', () => {
    expect(outcomeForHttpFailure(503, 'service_unavailable', 5)).toEqual({
      type: 'retry',
      error: { code: 'service_unavailable', status: 503, retryAfterSeconds: 5, reason: 'unavailable' },
    });
    expect(outcomeForHttpFailure(422, 'idempotency_key_reused')).toEqual({
      type: 'permanent',
      error: { code: 'idempotency_key_reused', status: 422, reason: 'permanent' },
    });
  });
});
