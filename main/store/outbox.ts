import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { logEvent } from '../log.ts';
import { AuditLog } from './auditLog.ts';
import type { KioskDatabase } from './kioskDatabase.ts';
import { checkOutboxPayload, isOutboxKind } from './outboxKinds.ts';
import type { OutboxKind, OutboxPayload } from './outboxKinds.ts';
import { OutboxPayloadError, storeWriteError } from './storeErrors.ts';

/** A registration session id: an opaque identifier (a UUID fits), never personal data. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Why an attempt failed, as stored with the item: codes and numbers only, never a message that
 * might echo personal data. `reason` drives the engine: `unreachable` (no answer at all: the kiosk
 * is offline), `unavailable` (429/503 and gateway errors: the council is busy or down), `failed`
 * (anything else worth retrying), `permanent` (a 4xx that will never succeed), `expired` (never
 * delivered while the setup was useful: its last error's code is kept), `malformed` (the stored
 * row itself could not be read back).
 */
export const outboxErrorSchema = z.strictObject({
  code: z.string().regex(/^[\w.:-]{1,64}$/),
  reason: z.enum(['unreachable', 'unavailable', 'failed', 'permanent', 'expired', 'malformed']),
  status: z.number().int().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
});
/** See `outboxErrorSchema`. */
export type OutboxError = z.infer<typeof outboxErrorSchema>;

/** What a caller asks to queue. */
export interface EnqueueRequest<K extends OutboxKind = OutboxKind> {
  kind: K;
  sessionId: string;
  payload: OutboxPayload<K>;
}

/** What an enqueue returns once the row is on disk. */
export interface EnqueuedItem {
  sequence: number;
  idempotencyKey: string;
}

/**
 * What `submitOnce` did with a submission:
 * - `queued`: a new item (nothing waited for this session);
 * - `replaced`: an item for the session waited and had never been sent: it now carries the newer
 *   payload, under its own sequence and Idempotency-Key;
 * - `already-sent`: an item for the session waited and had been sent at least once: it is kept as
 *   sent (the council may hold it under that key), the newer payload is dropped;
 * - `already-delivered`: the council acknowledged the session's setup: `reference` and `state`.
 * `since` is when the earlier submission was queued (or, once delivered, acknowledged).
 */
export type Submission = { sequence: number; idempotencyKey: string } & (
  | { outcome: 'queued' | 'replaced' }
  | { outcome: 'already-sent'; since: number }
  | { outcome: 'already-delivered'; since: number; reference: string; state: string }
);

/** An item waiting for delivery, read back and validated. */
export interface OutboxItem<K extends OutboxKind = OutboxKind> {
  sequence: number;
  kind: K;
  sessionId: string;
  idempotencyKey: string;
  payload: OutboxPayload<K>;
  enqueuedAt: number;
  /** Attempts started: counted on disk before each request goes out (`startAttempts`). */
  attempts: number;
  failures: number;
  nextAttemptAt: number;
  lastError: OutboxError | null;
}

/** The council's acknowledgement: all that remains on the kiosk once it arrives. */
export const acknowledgementSchema = z.strictObject({
  reference: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  state: z.string().regex(/^[a-z_]{1,40}$/),
});
/** See `acknowledgementSchema`. */
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** What happened when a failed attempt was recorded. */
export type FailureRecord = 'retrying' | 'gone';

/** The queue's counts, for the status the renderer sees. Times in ms since the epoch. */
export interface OutboxCounts {
  depth: number;
  oldestEnqueuedAt: number | null;
  lastSuccessAt: number | null;
  deadLetterCount: number;
}

interface OutboxRow {
  sequence: number;
  kind: string;
  session_id: string;
  idempotency_key: string;
  payload: string;
  enqueued_at: number;
  attempts: number;
  failures: number;
  next_attempt_at: number;
  last_error: string | null;
}

interface ReceiptRow {
  sequence: number;
  idempotency_key: string;
  council_reference: string;
  council_state: string;
  delivered_at: number;
}

// A session's head is its lowest sequence still waiting: only heads are delivered, which keeps
// order within a session while other sessions' items go past a stuck one.
const IS_HEAD = 'NOT EXISTS (SELECT 1 FROM outbox p WHERE p.session_id = o.session_id AND p.sequence < o.sequence)';

/**
 * The durable outbox: every mutation bound for the council is first a row here, written in the same
 * transaction as any local state change (`enqueue`'s `alongside`, or the caller's own
 * `db.connection.transaction` around `enqueue`, which nests). The row carries its kind, its
 * zod-checked payload, an Idempotency-Key made before the first send, the per-device sequence
 * number, the registration session, attempts, the next attempt time and the last error.
 *
 * When the council acknowledges an item, its row is replaced by a receipt without the payload (the
 * personal data is deleted; `secure_delete` overwrites it in the file). A row that fails
 * permanently moves to the dead-letter table with its error. A row that cannot be read back is
 * quarantined there too, logged, never dropped. Every move is recorded in the audit log, in the
 * same transaction. Single connection, single writer: callers are the kiosk's main process only.
 */
export class Outbox {
  readonly database: KioskDatabase;
  readonly audit: AuditLog;
  readonly #db: Database.Database;
  readonly #clock: () => number;
  readonly #listeners = new Set<() => void>();
  readonly #sql;

  constructor(database: KioskDatabase, options: { clock?: () => number } = {}) {
    this.database = database;
    this.#db = database.connection;
    this.#clock = options.clock ?? Date.now;
    this.audit = new AuditLog(this.#db);
    const db = this.#db;
    this.#sql = {
      insert: db.prepare(
        `INSERT INTO outbox (kind, session_id, idempotency_key, payload, enqueued_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      dueHeads: db.prepare<[number, number], OutboxRow>(
        `SELECT * FROM outbox o WHERE o.next_attempt_at <= ? AND ${IS_HEAD} ORDER BY o.sequence LIMIT ?`,
      ),
      nextHeadAfter: db.prepare<[number], { next_attempt_at: number | null }>(
        `SELECT min(o.next_attempt_at) AS next_attempt_at FROM outbox o WHERE o.next_attempt_at > ? AND ${IS_HEAD}`,
      ),
      byId: db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE sequence = ?'),
      remove: db.prepare<[number]>('DELETE FROM outbox WHERE sequence = ?'),
      receipt: db.prepare(
        `INSERT INTO outbox_receipt (sequence, kind, session_id, idempotency_key, council_reference, council_state,
           enqueued_at, delivered_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deadLetter: db.prepare(
        `INSERT INTO dead_letter (sequence, kind, session_id, idempotency_key, payload, enqueued_at, attempts, error, dead_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      retry: db.prepare<[number, number, string, number]>('UPDATE outbox SET failures = failures + ?, next_attempt_at = ?, last_error = ? WHERE sequence = ?'),
      start: db.prepare<[number]>('UPDATE outbox SET attempts = attempts + 1 WHERE sequence = ?'),
      sessionHead: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE session_id = ? ORDER BY sequence LIMIT 1'),
      sessionReceipt: db.prepare<[string], ReceiptRow>(
        'SELECT sequence, idempotency_key, council_reference, council_state, delivered_at FROM outbox_receipt WHERE session_id = ? ORDER BY sequence LIMIT 1',
      ),
      replacePayload: db.prepare<[string, number]>('UPDATE outbox SET payload = ? WHERE sequence = ? AND attempts = 0'),
      setMeta: db.prepare<[string, string]>('INSERT INTO kiosk_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM kiosk_meta WHERE name = ?'),
      depth: db.prepare<[], { depth: number; oldest: number | null }>('SELECT count(*) AS depth, min(enqueued_at) AS oldest FROM outbox'),
      deadCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letter'),
      makeDue: db.prepare<[number, number]>(
        `UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at > ? AND json_extract(last_error, '$.reason') = 'unreachable'`,
      ),
    };
  }

  /** This device's id (made with the database): identifies the kiosk in logs and to IT. */
  get deviceId(): string {
    return this.#sql.getMeta.get('device_id')?.value ?? 'unknown';
  }

  /**
   * Queues one item durably: when this returns, the row (and its audit entry, and whatever
   * `alongside` wrote) is committed with `synchronous=FULL`. A bad payload is an
   * `OutboxPayloadError` before anything is written; a full disk is a `DatabaseFullError` and
   * the whole transaction is rolled back.
   */
  enqueue<K extends OutboxKind>(request: EnqueueRequest<K>, alongside?: (db: Database.Database) => void): EnqueuedItem {
    const { kind, sessionId } = request;
    if (!isOutboxKind(kind)) throw new OutboxPayloadError(String(kind), ['kind: not a kind the outbox knows']);
    if (!sessionIdSchema.safeParse(sessionId).success) throw new OutboxPayloadError(kind, ['sessionId: not a session id']);
    const check = checkOutboxPayload(kind, request.payload);
    if (!check.ok) throw new OutboxPayloadError(kind, check.problems);
    const idempotencyKey = randomUUID();
    const now = this.#clock();
    const sequence = this.#write(() => {
      alongside?.(this.#db);
      const sequence = Number(this.#sql.insert.run(kind, sessionId, idempotencyKey, JSON.stringify(check.payload), now, now).lastInsertRowid);
      this.audit.append('enqueued', { sequence, kind, sessionId, idempotencyKey }, now);
      return sequence;
    });
    this.#changed();
    return { sequence, idempotencyKey };
  }

  /**
   * Queues a submission that must reach the council once per session, whatever happens to the
   * kiosk in between (the setup queue's session is the invitation): if the session's setup already
   * waits or was delivered, the submission joins it instead of racing it (see `Submission`). A
   * waiting item that was never sent takes the newer payload, keeping its Idempotency-Key; one
   * that was sent keeps its payload, because the council may have stored it under that key.
   * Audited as `joined`. Synchronous, like every outbox call: nothing can interleave.
   */
  submitOnce<K extends OutboxKind>(request: EnqueueRequest<K>): Submission {
    const check = checkOutboxPayload(request.kind, request.payload);
    if (!check.ok) throw new OutboxPayloadError(request.kind, check.problems);
    const now = this.#clock();
    const joined = this.#write((): Submission | undefined => {
      const waiting = this.#sql.sessionHead.get(request.sessionId);
      if (waiting !== undefined) {
        const replaced = this.#sql.replacePayload.run(JSON.stringify(check.payload), waiting.sequence).changes === 1;
        this.audit.append('joined', { sequence: waiting.sequence, sessionId: request.sessionId }, now);
        const base = { sequence: waiting.sequence, idempotencyKey: waiting.idempotency_key };
        return replaced ? { ...base, outcome: 'replaced' } : { ...base, outcome: 'already-sent', since: waiting.enqueued_at };
      }
      const delivered = this.#sql.sessionReceipt.get(request.sessionId);
      if (delivered === undefined) return undefined;
      this.audit.append('joined', { sequence: delivered.sequence, sessionId: request.sessionId, reference: delivered.council_reference }, now);
      return {
        sequence: delivered.sequence,
        idempotencyKey: delivered.idempotency_key,
        outcome: 'already-delivered',
        since: delivered.delivered_at,
        reference: delivered.council_reference,
        state: delivered.council_state,
      };
    });
    if (joined !== undefined) {
      if (joined.outcome === 'replaced') this.#changed();
      return joined;
    }
    return { ...this.enqueue(request), outcome: 'queued' };
  }

  /**
   * Counts an attempt for each item, on disk, before its request goes out: an item with
   * `attempts` 0 has certainly never reached the council, even after a crash.
   */
  startAttempts(sequences: readonly number[]): void {
    if (sequences.length === 0) return;
    this.#write(() => {
      for (const sequence of sequences) this.#sql.start.run(sequence);
    });
  }

  /**
   * Settles an item the council refused because its session's setup already arrived
   * (`invite_already_used`, `setup_grant_used`) when this kiosk holds the receipt of that earlier
   * setup: the item becomes a receipt with the earlier reference and state, audited as
   * `reconciled`. Returns false (nothing changed) when there is no such receipt.
   */
  reconcileWithEarlier(sequence: number, now: number): boolean {
    const done = this.#write(() => {
      const row = this.#sql.byId.get(sequence);
      if (row === undefined) return false;
      const earlier = this.#sql.sessionReceipt.get(row.session_id);
      if (earlier === undefined || earlier.sequence > row.sequence) return false;
      this.#sql.receipt.run(row.sequence, row.kind, row.session_id, row.idempotency_key, earlier.council_reference, earlier.council_state, row.enqueued_at, now, row.attempts);
      this.#sql.remove.run(sequence);
      this.audit.append('reconciled', { sequence, sessionId: row.session_id, reference: earlier.council_reference }, now);
      return true;
    });
    if (done) this.#changed();
    return done;
  }

  /**
   * Up to `limit` items due at `now` that are their session's head, oldest (lowest sequence)
   * first, leaving out sessions `skip` names (those already in flight: they are not read back or
   * parsed again). A row that cannot be read back (unknown kind, payload failing its schema) is
   * quarantined to the dead-letter table with code `malformed-row`, logged and audited, and skipped.
   */
  dueHeads(now: number, limit: number, skip: (sessionId: string) => boolean = () => false): OutboxItem[] {
    const items: OutboxItem[] = [];
    for (const row of this.#sql.dueHeads.all(now, limit)) {
      if (skip(row.session_id)) continue;
      const item = this.#parse(row);
      if (item !== undefined) items.push(item);
    }
    return items;
  }

  /** When the next head that is not yet due becomes due (`null` if none): the engine sleeps until then. */
  nextDueAfter(now: number): number | null {
    return this.#sql.nextHeadAfter.get(now)?.next_attempt_at ?? null;
  }

  /**
   * Records the council's acknowledgement: the row becomes a receipt (reference, state, times; no
   * payload), the last-success time is updated, the audit log says `delivered`. Returns false if
   * the item is no longer waiting (already acknowledged): acknowledging twice is harmless.
   */
  acknowledge(sequence: number, acknowledgement: Acknowledgement, now: number): boolean {
    const ack = acknowledgementSchema.parse(acknowledgement);
    const done = this.#write(() => {
      const row = this.#sql.byId.get(sequence);
      if (row === undefined) return false;
      this.#sql.receipt.run(row.sequence, row.kind, row.session_id, row.idempotency_key, ack.reference, ack.state, row.enqueued_at, now, row.attempts);
      this.#sql.remove.run(sequence);
      this.#sql.setMeta.run('last_success_at', String(now));
      this.audit.append('delivered', { sequence, kind: row.kind, sessionId: row.session_id, reference: ack.reference }, now);
      return true;
    });
    if (done) this.#changed();
    return done;
  }

  /**
   * Records a failed attempt and when to try again. `countsAsFailure` (the engine's call: not for
   * an offline kiosk or a throttling council) adds to the item's failure count, for IT's view; no
   * number of failures dead-letters an item (the engine expires it when it is no longer useful).
   */
  recordFailure(sequence: number, failure: { error: OutboxError; nextAttemptAt: number; countsAsFailure: boolean }): FailureRecord {
    const error = outboxErrorSchema.parse(failure.error);
    return this.#write((): FailureRecord => {
      const changes = this.#sql.retry.run(failure.countsAsFailure ? 1 : 0, failure.nextAttemptAt, JSON.stringify(error), sequence).changes;
      return changes === 0 ? 'gone' : 'retrying';
    });
  }

  /** Moves an item to the dead-letter table after a permanent error (or when it expired), keeping the error. */
  deadLetter(sequence: number, error: OutboxError, now: number): boolean {
    const checked = outboxErrorSchema.parse(error);
    const done = this.#write(() => {
      const row = this.#sql.byId.get(sequence);
      if (row === undefined) return false;
      this.#moveToDeadLetter(row, checked, row.attempts, now, 'dead-lettered');
      return true;
    });
    if (done) this.#changed();
    return done;
  }

  /**
   * Makes every item that is waiting only because the kiosk was offline due at `at`: called when
   * the kiosk comes back online, so items do not sit out a five-minute backoff (the engine adds
   * its own random start delay so a fleet does not arrive at once). Returns how many.
   */
  makeOfflineItemsDue(at: number): number {
    const changes = this.#write(() => this.#sql.makeDue.run(at, at).changes);
    if (changes > 0) this.#changed();
    return changes;
  }

  /** Depth, oldest enqueue time, last success time and dead-letter count. */
  counts(): OutboxCounts {
    const { depth, oldest } = this.#sql.depth.get() ?? { depth: 0, oldest: null };
    const last = this.#sql.getMeta.get('last_success_at')?.value;
    return { depth, oldestEnqueuedAt: oldest, lastSuccessAt: last === undefined ? null : Number(last), deadLetterCount: this.#sql.deadCount.get()?.n ?? 0 };
  }

  /** Listens to every change of the queue (enqueue, delivery, dead-letter, purge); returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs `fn` in one transaction; driver errors become the store's typed errors. For the outbox's own files. */
  write<T>(fn: () => T): T {
    return this.#write(fn);
  }

  /** Tells listeners the queue changed (for maintenance operations in other files). */
  notifyChanged(): void {
    this.#changed();
  }

  #write<T>(fn: () => T): T {
    let result: T;
    try {
      result = this.#db.transaction(fn)();
    } catch (error) {
      const typed = storeWriteError(this.database.path, error);
      this.database.writeFailed(typed);
      throw typed;
    }
    this.database.committed();
    return result;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  #parse(row: OutboxRow): OutboxItem | undefined {
    const problems: string[] = [];
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      problems.push('payload: not JSON');
    }
    if (!isOutboxKind(row.kind)) problems.push('kind: not a kind the outbox knows');
    else if (problems.length === 0) {
      const check = checkOutboxPayload(row.kind, payload);
      if (!check.ok) problems.push(...check.problems);
      else payload = check.payload;
    }
    if (!sessionIdSchema.safeParse(row.session_id).success) problems.push('session_id: not a session id');
    const lastError = row.last_error === null ? null : outboxErrorSchema.safeParse(safeJson(row.last_error));
    if (problems.length > 0) {
      this.#quarantine(row, problems);
      return undefined;
    }
    return {
      sequence: row.sequence,
      kind: row.kind as OutboxKind,
      sessionId: row.session_id,
      idempotencyKey: row.idempotency_key,
      payload: payload as OutboxPayload,
      enqueuedAt: row.enqueued_at,
      attempts: row.attempts,
      failures: row.failures,
      nextAttemptAt: row.next_attempt_at,
      // A damaged last-error is only a diagnosis aid: forget it rather than quarantine the item.
      lastError: lastError?.success ? lastError.data : null,
    };
  }

  #quarantine(row: OutboxRow, problems: string[]): void {
    const now = this.#clock();
    this.#write(() => this.#moveToDeadLetter(row, { code: 'malformed-row', reason: 'malformed' }, row.attempts, now, 'quarantined'));
    // Problems name fields, never values; only their count and the sequence go to the log.
    logEvent('outbox.quarantined', { sequence: row.sequence, problems: problems.length });
    this.#changed();
  }

  #moveToDeadLetter(row: OutboxRow, error: OutboxError, attempts: number, now: number, event: 'dead-lettered' | 'quarantined'): void {
    this.#sql.deadLetter.run(row.sequence, row.kind, row.session_id, row.idempotency_key, row.payload, row.enqueued_at, attempts, JSON.stringify(error), now);
    this.#sql.remove.run(row.sequence);
    this.audit.append(event, { sequence: row.sequence, kind: row.kind.slice(0, 64), sessionId: row.session_id.slice(0, 64), errorCode: error.code, ...(error.status === undefined ? {} : { status: error.status }) }, now);
    logEvent('outbox.dead_lettered', { sequence: row.sequence, code: error.code, status: error.status ?? null });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Opens the outbox on an open kiosk database. */
export function createOutbox(database: KioskDatabase, options: { clock?: () => number } = {}): Outbox {
  return new Outbox(database, options);
}
