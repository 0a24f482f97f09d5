import { performance } from 'node:perf_hooks';

/**
 * A global token bucket: `ratePerSecond` requests a second on average, bursts up to one
 * second's worth. Real time, not the simulator's clock: it models the council's capacity, which
 * a fleet benchmark measures in real seconds.
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, now: () => number = () => performance.now()) {
    if (!(ratePerSecond > 0)) throw new RangeError('The rate limit must be more than 0 requests a second');
    this.#rate = ratePerSecond;
    this.#now = now;
    this.#tokens = ratePerSecond;
    this.#last = now();
  }

  /** Takes a token: 0 when allowed, else the whole seconds to wait (at least 1, for `Retry-After`). */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate));
  }
}
