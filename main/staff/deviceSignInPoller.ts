import type { CaseworkerSession } from '../../shared/councilApi/caseworkerApi.ts';
import { CouncilApiError } from '../council/councilApiError.ts';
import { logEvent } from '../log.ts';

/** RFC 8628 §3.5: after `slow_down`, the interval grows by five seconds for good. */
export const SLOW_DOWN_STEP_MS = 5_000;

/** How a device sign-in ended without a caseworker: refused on their device, or out of time (or failed: start again). */
export type DeviceSignInStop = 'denied' | 'expired';

/** What the poller needs: the token request, the authorization's terms, and where to report. */
export interface DeviceSignInPollerOptions {
  /** `POST …/token` for this authorization's device code. */
  poll: () => Promise<CaseworkerSession>;
  /** The council's `interval`, in milliseconds: the least time between two polls. */
  intervalMs: number;
  /** When the authorization expires, on the `now` clock. */
  expiresAt: number;
  now: () => number;
  /** The caseworker approved: their council session. */
  approved: (session: CaseworkerSession) => void;
  /** Polling stopped for good. */
  stopped: (status: DeviceSignInStop) => void;
}

/**
 * Polls the council for one device authorization (RFC 8628 §3.4–3.5) until the caseworker
 * approves or refuses it, or it expires. A poll is sent only after the previous one answered and
 * a full `interval` has passed since (never faster); `slow_down` adds five seconds for good. A
 * failure of the network kind (no answer, 5xx, 429) is not the caseworker's doing, so polling
 * goes on until expiry; any other answer it cannot use stops polling as `expired` (start again).
 * The timers are `unref`ed: a sign-in on show never keeps the process alive.
 */
export class DeviceSignInPoller {
  readonly #options: DeviceSignInPollerOptions;
  #intervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #done = false;

  constructor(options: DeviceSignInPollerOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs;
    this.#schedule(this.#intervalMs);
  }

  /** Stops polling; an answer still on its way is ignored. */
  stop(): void {
    this.#done = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The least time between two polls now, in milliseconds (grows with `slow_down`). */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  // Waits `delayMs`, or less when the authorization expires sooner, in which case it ends there
  // without polling (so an early wake-up never means an early poll).
  #schedule(delayMs: number): void {
    const untilExpiry = this.#options.expiresAt - this.#options.now();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#tick();
    }, Math.max(0, Math.min(delayMs, untilExpiry)));
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    if (this.#stopped()) return;
    if (this.#options.now() >= this.#options.expiresAt) {
      this.#finish('expired');
      return;
    }
    let session: CaseworkerSession;
    try {
      session = await this.#options.poll();
    } catch (error) {
      if (!this.#stopped()) this.#failed(error);
      return;
    }
    if (this.#stopped()) return;
    this.#done = true;
    this.#options.approved(session);
  }

  // Read through a method: `stop()` may run while a poll is awaited.
  #stopped(): boolean {
    return this.#done;
  }

  #failed(error: unknown): void {
    const code = error instanceof CouncilApiError ? error.code : 'unexpected_error';
    if (code === 'authorization_pending') return this.#schedule(this.#intervalMs);
    if (code === 'slow_down') {
      this.#intervalMs += SLOW_DOWN_STEP_MS;
      return this.#schedule(this.#intervalMs);
    }
    if (code === 'access_denied') return this.#finish('denied');
    if (code === 'expired_token') return this.#finish('expired');
    logEvent('staff.device_poll_failed', { code });
    if (error instanceof CouncilApiError && error.retryable) {
      return this.#schedule(Math.max(this.#intervalMs, (error.retryAfterSeconds ?? 0) * 1000));
    }
    this.#finish('expired');
  }

  #finish(status: DeviceSignInStop): void {
    this.stop();
    this.#options.stopped(status);
  }
}
