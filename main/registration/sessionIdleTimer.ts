/**
 * Main's own end of a resident's session that has had no call for the idle limit (a page that
 * never said it finished). The timer runs on real time; the check uses the injected clock, as
 * does the same check at every call. A caseworker's pause holds it: a paused session never
 * idles out (the pause has its own end).
 */
export class SessionIdleTimer {
  readonly #limitMs: number;
  readonly #now: () => number;
  readonly #onIdle: () => void;
  #lastCallAt = 0;
  #paused = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(limitMs: number, now: () => number, onIdle: () => void) {
    this.#limitMs = limitMs;
    this.#now = now;
    this.#onIdle = onIdle;
  }

  /** A call came: the idle time starts again. */
  touch(): void {
    this.#lastCallAt = this.#now();
    this.#arm();
  }

  /** Whether the session has had no call for the idle limit (never while paused). */
  idle(): boolean {
    return !this.#paused && this.#now() - this.#lastCallAt >= this.#limitMs;
  }

  /** Holds the timer (paused), or lets it run again from now (resumed). */
  pause(paused: boolean): void {
    this.#paused = paused;
    if (paused) this.#clear();
    else this.touch();
  }

  /** The session ended: no timer is left behind. */
  stop(): void {
    this.#paused = false;
    this.#clear();
  }

  /** 1 while a timer is pending, else 0: for the soak benchmark and tests. */
  pending(): number {
    return this.#timer === undefined ? 0 : 1;
  }

  #arm(): void {
    this.#clear();
    if (this.#paused) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.idle()) this.#onIdle();
      else this.#arm();
    }, this.#limitMs);
    this.#timer.unref();
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
