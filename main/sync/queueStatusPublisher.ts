import { logEvent } from '../log.ts';
import { sqliteCodeOf } from '../store/storeErrors.ts';
import { sameQueueStatus } from './queueStatus.ts';
import type { QueueStatus } from './queueStatus.ts';

/**
 * Publishes the sync engine's status snapshots (the kiosk's `queueStatus` event): a change asks
 * for one (`schedule`), and at most one goes out per `throttleMs`, only if it says something new.
 * A snapshot that cannot be read (the store failing) is logged and skipped, never thrown.
 */
export class QueueStatusPublisher {
  readonly #snapshot: () => QueueStatus;
  readonly #throttleMs: number;
  readonly #listeners = new Set<(status: QueueStatus) => void>();
  #timer: NodeJS.Timeout | undefined;
  #last: QueueStatus | undefined;
  #stopped = false;

  constructor(snapshot: () => QueueStatus, throttleMs: number) {
    this.#snapshot = snapshot;
    this.#throttleMs = throttleMs;
  }

  /** Listens to snapshots, starting with the current one; returns an unsubscribe. */
  subscribe(listener: (status: QueueStatus) => void): () => void {
    this.#listeners.add(listener);
    const status = this.#snapshot();
    this.#last = status;
    listener(status);
    return () => this.#listeners.delete(listener);
  }

  /** Something changed: publish a snapshot within `throttleMs`. */
  schedule(): void {
    if (this.#timer === undefined && !this.#stopped) this.#timer = setTimeout(() => this.#publish(), this.#throttleMs);
  }

  /** Publishes nothing more. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #publish(): void {
    this.#timer = undefined;
    if (this.#listeners.size === 0) return;
    let status: QueueStatus;
    try {
      status = this.#snapshot();
    } catch (error) {
      logEvent('sync.status_failed', { code: sqliteCodeOf(error) ?? 'unknown' });
      return;
    }
    if (sameQueueStatus(this.#last, status)) return;
    this.#last = status;
    for (const listener of this.#listeners) listener(status);
  }
}
