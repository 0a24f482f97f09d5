import { SYNC_PACING_DEFAULTS } from '../../shared/kioskConfig.ts';
import { COUNCIL_RULES } from '../../shared/councilApi/councilPrimitives.ts';
import type { Outbox } from '../store/outbox.ts';
import { DEFAULT_RETENTION } from '../store/outboxMaintenance.ts';
import type { RetentionPolicy } from '../store/outboxMaintenance.ts';
import { DEFAULT_BACKOFF } from './backoff.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { OutboxSender } from './outboxSender.ts';

/** How the engine delivers. Every field has a default fit for a library kiosk. */
export interface SyncEngineOptions {
  outbox: Outbox;
  sender: OutboxSender;
  /** Deliveries in flight at once while online (default 4); one probe at a time while offline. */
  concurrency?: number;
  /** Every attempt is aborted after this long (default 30 s) and counts as a timeout. */
  requestTimeoutMs?: number;
  /** Full-jitter backoff between tries of one item (default base 1 s, cap 5 min). */
  backoff?: BackoffPolicy;
  /**
   * How long a setup stays worth sending (default: the council's setup-grant validity, 14 days,
   * from when it was queued). Until then only a permanent refusal dead-letters an item; however
   * long the council fails or stays silent, the item is tried again (backoff capped, so the
   * council is asked every few minutes once it is back). After it, a failed attempt moves the
   * item to the dead-letter table as `expired`, with the last error's code.
   */
  usefulForMs?: number;
  /**
   * At start and whenever the kiosk comes back online, nothing is sent for a random time in
   * [0, startJitterMs] (default 25 s), so kiosks powered on together or reconnected together do
   * not arrive together.
   */
  startJitterMs?: number;
  /**
   * At most this many requests start per second (default 1.5; `Infinity` for none). A 429
   * halves it for a while.
   *
   * The defaults need no tuning for a fleet of a few hundred kiosks: 200 kiosks with 5 setups
   * each, coming back together to a council that takes 50 requests a second, spread their
   * 1,000 requests over the 25 s start window at about 40 a second, so they finish within
   * 1.5 × the ideal 20 s with next to no 429s (`npm run bench -- outboxFleet`). A much larger
   * fleet, or a much smaller council limit, wants a longer `startJitterMs` (about the fleet's
   * queued requests ÷ 0.8 × the council's limit).
   */
  requestsPerSecond?: number;
  /** The watchdog pumps the queue, refreshes the status and purges this often (default 30 s). */
  watchdogMs?: number;
  /** Status snapshots are published at most this often (default 250 ms). */
  statusThrottleMs?: number;
  /** How long dead letters and receipts are kept (purged at start and about daily). */
  retention?: RetentionPolicy;
  /** Whether the kiosk believes it is online at start (default true). */
  online?: boolean;
  clock?: () => number;
  random?: () => number;
}

/** The options with every default filled in. */
export type ResolvedSyncEngineOptions = Required<Omit<SyncEngineOptions, 'online'>> & { online: boolean };

/** Fills in the defaults (see `SyncEngineOptions`); at least one delivery at a time. */
export function resolveSyncEngineOptions(options: SyncEngineOptions): ResolvedSyncEngineOptions {
  return {
    outbox: options.outbox,
    sender: options.sender,
    concurrency: Math.max(1, options.concurrency ?? SYNC_PACING_DEFAULTS.concurrency),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    usefulForMs: options.usefulForMs ?? COUNCIL_RULES.setupGrantValiditySeconds * 1000,
    startJitterMs: options.startJitterMs ?? SYNC_PACING_DEFAULTS.startJitterSeconds * 1000,
    requestsPerSecond: options.requestsPerSecond ?? SYNC_PACING_DEFAULTS.requestsPerSecond,
    watchdogMs: options.watchdogMs ?? 30_000,
    statusThrottleMs: options.statusThrottleMs ?? 250,
    retention: options.retention ?? DEFAULT_RETENTION,
    online: options.online ?? true,
    clock: options.clock ?? Date.now,
    random: options.random ?? Math.random,
  };
}
