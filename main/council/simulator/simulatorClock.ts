/**
 * The simulator's clock: a base time source (injectable, `Date.now` by default) plus an offset
 * that only moves forward, through `advance` (in-process) or `POST /training/clock/advance`.
 * Every rule with a duration (code expiry, resend cooldown, call timeouts, activation delay,
 * grant validity) reads this clock, so tests jump 10 minutes in a millisecond instead of waiting.
 */
export class SimulatorClock {
  readonly #base: () => number;
  #offsetMs = 0;

  constructor(base: () => number = Date.now) {
    this.#base = base;
  }

  /** Milliseconds since the epoch, as the simulator sees it. */
  now(): number {
    return this.#base() + this.#offsetMs;
  }

  /** Moves the clock forward by whole seconds; a negative or fractional amount is refused. */
  advance(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('The clock only moves forward, in whole seconds');
    this.#offsetMs += seconds * 1000;
  }

  /** How far the clock has been moved ahead of its base. */
  get offsetSeconds(): number {
    return this.#offsetMs / 1000;
  }
}

/** An instant as the contract writes it: ISO 8601, UTC. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
