/** Exponential backoff settings. */
export interface BackoffPolicy {
  /** The first retry waits up to this long (about 1 s). */
  baseMs: number;
  /** No wait is ever longer than this (about 5 minutes), Retry-After included. */
  capMs: number;
}

/** About a second to start with, never more than five minutes between tries. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): a delay drawn uniformly
 * from [0, min(cap, base · 2^retry)]. Spreading retries over the whole window is what stops a
 * fleet of kiosks that failed together from retrying together; a fixed exponential delay (got's
 * own retry) keeps them in lock-step. `retry` is 0 for the first retry.
 */
export function fullJitterDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(retry, 40));
  return Math.floor(random() * window);
}

/**
 * How long to wait before the next try. A `Retry-After` from the council is honoured up to the
 * cap: never earlier than it says, plus up to one base interval of jitter so kiosks told the same
 * number of seconds do not return in the same instant. Without one, full jitter.
 */
export function retryDelay(retry: number, retryAfterSeconds: number | undefined, policy: BackoffPolicy, random: () => number = Math.random): number {
  if (retryAfterSeconds === undefined) return fullJitterDelay(retry, policy, random);
  const asked = Math.max(0, retryAfterSeconds) * 1000;
  return Math.min(policy.capMs, asked + Math.floor(random() * policy.baseMs));
}
