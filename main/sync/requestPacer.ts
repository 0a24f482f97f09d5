import { retryDelay } from './backoff.ts';
import type { BackoffPolicy } from './backoff.ts';

/** How far a council's requests to slow down can slow this kiosk: 1/32 of its pace. */
const MAX_PACE_FACTOR = 32;

/** What a pacer needs: the pace, the backoff for throttling, and the time and dice (injected in tests). */
export interface RequestPacerOptions {
  /** At most this many requests start per second (`Infinity` for no pacing). */
  requestsPerSecond: number;
  backoff: BackoffPolicy;
  clock: () => number;
  random: () => number;
}

/**
 * When this kiosk may start its next request to the council:
 * - a hold (start jitter, a store that could not be written, a council that asked to wait)
 *   stops everything until it ends; holds only ever lengthen;
 * - requests start at most `requestsPerSecond` a second, counted from when each really went out;
 * - a council that asks this kiosk to slow down (429, or 503 with `Retry-After`) pauses it for
 *   the time it asked (with backoff if it keeps asking) and halves its pace, down to 1/32; every
 *   acknowledged request brings the pace back up by a tenth.
 */
export class RequestPacer {
  readonly #baseIntervalMs: number;
  readonly #backoff: BackoffPolicy;
  readonly #clock: () => number;
  readonly #random: () => number;
  #holdUntil = 0;
  #nextSendAt = 0;
  #paceFactor = 1;
  #throttles = 0;

  constructor(options: RequestPacerOptions) {
    this.#baseIntervalMs = 1000 / options.requestsPerSecond;
    this.#backoff = options.backoff;
    this.#clock = options.clock;
    this.#random = options.random;
  }

  /** The pace now, in requests a second (lower after the council asked to slow down). */
  get requestsPerSecond(): number {
    return 1000 / this.#interval();
  }

  /** Until when everything is held (a time in the past when nothing is). */
  get heldUntil(): number {
    return this.#holdUntil;
  }

  /** Nothing starts before `until`. */
  hold(until: number): void {
    this.#holdUntil = Math.max(this.#holdUntil, until);
  }

  /** Holds for a random time in [0, windowMs) from now: kiosks starting together do not send together. */
  holdRandomly(windowMs: number): void {
    this.hold(this.#clock() + Math.floor(this.#random() * windowMs));
  }

  /**
   * Takes the next slot if one is free at `now` (true), or says when the next one is (a number).
   * Several slots can be taken at once only without pacing.
   */
  takeSlot(now: number): true | number {
    const interval = this.#interval();
    if (interval > 0 && now < this.#nextSendAt) return this.#nextSendAt;
    this.#nextSendAt = Math.max(now, this.#nextSendAt) + interval;
    return true;
  }

  /** The requests of the slots just taken went out now: the pace counts from here. */
  sent(): void {
    const interval = this.#interval();
    if (interval > 0) this.#nextSendAt = Math.max(this.#nextSendAt, this.#clock() + interval);
  }

  /** The council acknowledged a request: speed back up gently. */
  acknowledged(): void {
    this.#throttles = 0;
    this.#paceFactor = Math.max(1, this.#paceFactor * 0.9);
  }

  /** The council asked this kiosk to slow down: pause everything for what it asked, and halve the pace. */
  throttled(retryAfterSeconds: number | undefined): void {
    this.hold(this.#clock() + retryDelay(this.#throttles++, retryAfterSeconds, this.#backoff, this.#random));
    this.#paceFactor = Math.min(MAX_PACE_FACTOR, this.#paceFactor * 2);
  }

  #interval(): number {
    return this.#baseIntervalMs * this.#paceFactor;
  }
}
