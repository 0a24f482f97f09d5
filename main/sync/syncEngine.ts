import { logEvent } from '../log.ts';
import { acknowledgementSchema } from '../store/outboxItem.ts';
import type { OutboxItem } from '../store/outboxItem.ts';
import { sqliteCodeOf } from '../store/storeErrors.ts';
import { fullJitterDelay, retryDelay } from './backoff.ts';
import { deliveryAttempt } from './deliveryAttempt.ts';
import type { DeliveryOutcome } from './outboxSender.ts';
import { councilStateAfter, queueStatusSnapshot } from './queueStatus.ts';
import type { CouncilState, QueueStatus } from './queueStatus.ts';
import { QueueStatusPublisher } from './queueStatusPublisher.ts';
import { RequestPacer } from './requestPacer.ts';
import { resolveSyncEngineOptions } from './syncEngineOptions.ts';
import type { SyncEngineOptions } from './syncEngineOptions.ts';

export type { SyncEngineOptions } from './syncEngineOptions.ts';

/** The running engine. */
export interface SyncEngine {
  /** The status now (queue counts and online state), checked against the kiosk API contract. */
  status(): QueueStatus;
  /** Listens to status snapshots, starting with the current one; returns an unsubscribe. */
  onStatus(listener: (status: QueueStatus) => void): () => void;
  /** Tells the engine the OS says the network went away or came back (Electron's `online`/`offline`). */
  setOnline(online: boolean): void;
  /** Resolves once nothing waits and nothing is in flight (dead letters aside). */
  idle(): Promise<void>;
  /** Stops sending; resolves when the deliveries in flight have finished and been recorded. */
  stop(): Promise<void>;
}

const PURGE_INTERVAL_MS = 24 * 3600 * 1000;
// Council refusals that mean the invitation's setup is already at the council.
const ALREADY_ARRIVED = new Set(['invite_already_used', 'setup_grant_used']);

/**
 * Starts delivering the outbox to the council, and keeps at it:
 * - only each session's head is sent, so order holds within a session while other sessions go
 *   past a stuck item; up to `concurrency` sessions at once;
 * - every attempt has a timeout; failures back off with full jitter; `Retry-After` is honoured up
 *   to the cap; a 429 (or a 503 with `Retry-After`) pauses the whole kiosk, not just one item;
 * - only a permanent refusal moves an item to the dead-letter table; transient failures (5xx,
 *   timeouts, resets, 429) are retried for as long as the setup is useful (`usefulForMs`), then
 *   the item expires to the dead-letter table with that reason;
 * - an answer-less failure marks the kiosk offline: then one probe at a time, and when it gets
 *   through, the items that waited only for the network become due at once;
 * - a random delay precedes the first attempt after start and after coming back online;
 * - a watchdog wakes the queue every `watchdogMs` even if nothing new is written;
 * - status snapshots (the `queueStatus` event) on every change, throttled.
 */
export function startSyncEngine(options: SyncEngineOptions): SyncEngine {
  const resolved = resolveSyncEngineOptions(options);
  const { outbox, sender, concurrency, requestTimeoutMs, backoff, usefulForMs, startJitterMs, requestsPerSecond, watchdogMs, retention, clock, random } = resolved;
  let running = true;
  let online = resolved.online;
  // What the status says about the council: unknown until an attempt has an answer (or none).
  let council: CouncilState = 'unknown';
  const pacer = new RequestPacer({ requestsPerSecond, backoff, clock, random });
  pacer.holdRandomly(startJitterMs);
  let storeFailures = 0;
  let lastPurgeAt = 0;
  let pumping = false;
  let pumpAgain = false;
  // Read afresh after `pumpOnce`, which may ask for another pump or stop the engine.
  const morePumping = (): boolean => pumpAgain && running;
  let wakeTimer: NodeJS.Timeout | undefined;
  const inFlight = new Map<string, { sequence: number; startedAt: number; done: Promise<void> }>();
  const toRecord: Array<{ item: OutboxItem; outcome: DeliveryOutcome; resolve: () => void }> = [];
  let idleWaiters: Array<() => void> = [];

  function setWake(at: number | null): void {
    clearTimeout(wakeTimer);
    wakeTimer = undefined;
    if (at === null || !running) return;
    const delay = Math.min(Math.max(0, at - clock()), watchdogMs);
    wakeTimer = setTimeout(pump, delay);
  }

  function pump(): void {
    if (!running) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        pumpOnce();
      } while (morePumping());
    } catch (error) {
      // A store that cannot be read now (I/O, full disk) must not become a hot loop.
      const wait = fullJitterDelay(storeFailures++, backoff, random);
      pacer.hold(clock() + wait);
      setWake(clock() + wait);
      logEvent('sync.pump_failed', { code: sqliteCodeOf(error) ?? (error instanceof Error ? error.name : 'unknown') });
    } finally {
      pumping = false;
    }
    checkIdle();
  }

  function pumpOnce(): void {
    const now = clock();
    if (now < pacer.heldUntil) return setWake(pacer.heldUntil);
    const capacity = online ? concurrency : 1;
    let free = capacity - inFlight.size;
    if (free <= 0) return setWake(null);
    const batch: OutboxItem[] = [];
    let nextSlot: number | undefined;
    for (const item of outbox.dueHeads(now, inFlight.size + free, (sessionId) => inFlight.has(sessionId))) {
      if (free === 0) break;
      const slot = pacer.takeSlot(now);
      if (slot !== true) {
        nextSlot = slot;
        break;
      }
      batch.push(item);
      free--;
    }
    // Counted on disk before the requests go out: a setup never sent can then be safely replaced.
    outbox.startAttempts(batch.map((item) => item.sequence));
    if (batch.length > 0) pacer.sent();
    for (const item of batch) deliver(item);
    if (nextSlot !== undefined) return setWake(nextSlot);
    setWake(free > 0 ? outbox.nextDueAfter(now) : null);
  }

  function deliver(item: OutboxItem): void {
    const done = deliveryAttempt(sender, item, requestTimeoutMs).then(
      (outcome) =>
        new Promise<void>((resolve) => {
          toRecord.push({ item, outcome, resolve });
          if (toRecord.length === 1) setImmediate(recordOutcomes);
        }),
    );
    inFlight.set(item.sessionId, { sequence: item.sequence, startedAt: clock(), done });
  }

  // Outcomes that arrive in the same turn of the event loop are written in one transaction: one
  // synchronous=FULL commit for many acknowledgements (group commit). Until it is written, an item
  // stays in flight, so it cannot be sent again in between.
  function recordOutcomes(): void {
    const batch = toRecord.splice(0);
    const now = clock();
    try {
      outbox.together(() => {
        for (const { item, outcome } of batch) record(item, outcome, now);
      });
      storeFailures = 0;
    } catch (error) {
      // The outcomes could not be written (full disk, I/O): the items are still waiting and will be
      // sent again with the same Idempotency-Key, which the council answers without duplicating.
      pacer.hold(now + fullJitterDelay(storeFailures++, backoff, random));
      logEvent('sync.record_failed', { items: batch.length, code: sqliteCodeOf(error) ?? (error instanceof Error ? error.name : 'unknown') });
    }
    for (const { item, resolve } of batch) {
      inFlight.delete(item.sessionId);
      resolve();
    }
    scheduleStatus();
    pump();
  }

  function record(item: OutboxItem, outcome: DeliveryOutcome, now: number): void {
    // A broken acknowledgement is still an answer: the council is there.
    council = councilStateAfter(outcome);
    if (outcome.type === 'acknowledged' && !acknowledgementSchema.safeParse(outcome.acknowledgement).success) {
      // An answer the outbox cannot keep must not roll back the whole batch: retry it like any
      // other unexpected answer (a replay will say the same; expiry ends it).
      outcome = { type: 'retry', error: { code: 'unexpected_acknowledgement', reason: 'failed' } };
    }
    if (outcome.type === 'acknowledged') {
      outbox.acknowledge(item.sequence, outcome.acknowledgement, now);
      reachable(now);
      pacer.acknowledged();
    } else if (outcome.type === 'permanent') {
      // "This invite's setup already arrived", and this kiosk holds that earlier setup's receipt:
      // the same setup, not a failure.
      const settled = ALREADY_ARRIVED.has(outcome.error.code) && outbox.reconcileWithEarlier(item.sequence, now);
      if (!settled) outbox.deadLetter(item.sequence, outcome.error, now);
      reachable(now);
    } else {
      const { error } = outcome;
      if (error.reason === 'unreachable') unreachable();
      else reachable(now);
      if (now - item.enqueuedAt >= usefulForMs) {
        // Past the setup grant's validity the council can only refuse it: stop, and say why.
        outbox.deadLetter(item.sequence, { ...error, reason: 'expired' }, now);
        logEvent('sync.expired', { sequence: item.sequence, code: error.code });
        return;
      }
      const delay = retryDelay(item.attempts, error.retryAfterSeconds, backoff, random);
      outbox.recordFailure(item.sequence, { error, nextAttemptAt: now + delay, countsAsFailure: error.reason === 'failed' });
      // The council asked this client to slow down: pause everything, and halve the pace.
      if (error.status === 429 || (error.status === 503 && error.retryAfterSeconds !== undefined)) pacer.throttled(error.retryAfterSeconds);
    }
  }

  function reachable(now: number): void {
    if (online) return;
    online = true;
    const due = outbox.makeOfflineItemsDue(now);
    logEvent('sync.online', { due });
  }

  function unreachable(): void {
    if (!online) return;
    online = false;
    logEvent('sync.offline');
  }

  function snapshot(): QueueStatus {
    return queueStatusSnapshot(outbox.counts(), council, clock(), outbox.storageFull);
  }
  const statusPublisher = new QueueStatusPublisher(snapshot, resolved.statusThrottleMs);
  const scheduleStatus = (): void => statusPublisher.schedule();

  function checkIdle(): void {
    if (idleWaiters.length === 0 || inFlight.size > 0) return;
    let depth: number;
    try {
      depth = outbox.counts().depth;
    } catch {
      return;
    }
    if (depth > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function watchdog(): void {
    const now = clock();
    for (const [sessionId, flight] of inFlight) {
      if (now - flight.startedAt > 2 * requestTimeoutMs) logEvent('sync.watchdog_stalled', { sequence: flight.sequence, session: sessionId });
    }
    if (now - lastPurgeAt >= PURGE_INTERVAL_MS) {
      lastPurgeAt = now;
      try {
        outbox.history.purgeExpired(now, retention);
      } catch (error) {
        logEvent('sync.purge_failed', { code: sqliteCodeOf(error) ?? 'unknown' });
      }
    }
    scheduleStatus();
    pump();
  }

  let pumpQueued = false;
  const stopStorageListening = outbox.onStorageChange(scheduleStatus);
  const stopListening = outbox.onChange(() => {
    scheduleStatus();
    // An enqueue wakes the engine at once (after the caller's synchronous code has finished).
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  });
  const watchdogTimer = setInterval(watchdog, watchdogMs);
  logEvent('sync.started', { concurrency, startJitterMs, requestsPerSecond });
  watchdog();

  return {
    status: snapshot,
    onStatus: (listener) => statusPublisher.subscribe(listener),
    setOnline(next) {
      if (next && !online) {
        const now = clock();
        online = true;
        council = 'unknown';
        pacer.holdRandomly(startJitterMs);
        outbox.makeOfflineItemsDue(now);
        logEvent('sync.online', { source: 'os' });
      } else if (!next && online) {
        online = false;
        council = 'not_answering';
        logEvent('sync.offline', { source: 'os' });
      }
      scheduleStatus();
      pump();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    async stop() {
      running = false;
      stopListening();
      stopStorageListening();
      clearInterval(watchdogTimer);
      clearTimeout(wakeTimer);
      statusPublisher.stop();
      await Promise.all([...inFlight.values()].map((flight) => flight.done));
      logEvent('sync.stopped');
    },
  };
}
