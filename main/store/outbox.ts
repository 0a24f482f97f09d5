import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { logEvent } from '../log.ts';
import { AuditLog } from './auditLog.ts';
import { InvitationLookup } from './invitationLookup.ts';
import type { KioskDatabase } from './kioskDatabase.ts';
import { joinSessionSubmission } from './joinSessionSubmission.ts';
import { OutboxEvents } from './outboxEvents.ts';
import { acknowledgementSchema, outboxErrorSchema, sessionIdSchema } from './outboxItem.ts';
import type { Acknowledgement, EnqueuedItem, EnqueueRequest, FailureRecord, OutboxCounts, OutboxDelivery, OutboxError, OutboxItem, Submission } from './outboxItem.ts';
import { checkOutboxPayload, isOutboxKind } from './outboxKinds.ts';
import type { OutboxKind } from './outboxKinds.ts';
import { OutboxHistory } from './outboxHistory.ts';
import { parseOutboxRow } from './outboxRowParser.ts';
import { prepareOutboxStatements } from './outboxStatements.ts';
import type { OutboxRow, OutboxStatements } from './outboxStatements.ts';
import { OutboxPayloadError, storeWriteError } from './storeErrors.ts';

/**
 * The durable outbox: every mutation bound for the council is first a row here, written in the same
 * transaction as any local state change (the caller's own `db.connection.transaction` around
 * `enqueue`, which nests). The row carries its kind, its zod-checked payload, an Idempotency-Key
 * made before the first send, the per-device sequence number, the registration session,
 * attempts, the next attempt time and the last error.
 *
 * When the council acknowledges an item, its row is replaced by a receipt without the payload (the
 * personal data is deleted; `secure_delete` overwrites it in the file). A row that fails
 * permanently moves to the dead-letter table with its error. A row that cannot be read back is
 * quarantined there too, logged, never dropped. Every move is recorded in the audit log, in the
 * same transaction. Single connection, single writer: callers are the kiosk's main process only.
 *
 * Every statement on the outbox, receipt and dead-letter tables is behind these methods (the SQL
 * is in `outboxStatements.ts`); no other module reaches the driver through the outbox.
 */
export class Outbox {
  readonly audit: AuditLog;
  /** What is left of items once they leave the queue: receipts and dead letters. */
  readonly history: OutboxHistory;
  readonly #database: KioskDatabase;
  readonly #db: Database.Database;
  readonly #clock: () => number;
  readonly #events = new OutboxEvents();
  readonly #sql: OutboxStatements;
  readonly #lookup: InvitationLookup;

  constructor(database: KioskDatabase, options: { clock?: () => number } = {}) {
    this.#database = database;
    this.#db = database.connection;
    this.#clock = options.clock ?? Date.now;
    this.audit = new AuditLog(this.#db);
    this.#sql = prepareOutboxStatements(this.#db);
    this.#lookup = new InvitationLookup(this.#db);
    this.history = new OutboxHistory({ sql: this.#sql, audit: this.audit, events: this.#events, write: (fn) => this.#write(fn), lookup: this.#lookup });
  }

  /** This device's id (made with the database): identifies the kiosk in logs and to IT. */
  get deviceId(): string {
    return this.#sql.getMeta.get('device_id')?.value ?? 'unknown';
  }

  /**
   * Queues one item durably: when this returns, the row and its audit entry are committed with
   * `synchronous=FULL` (unless the caller's own transaction is open around it). A bad payload is an
   * `OutboxPayloadError` before anything is written; a full disk is a `DatabaseFullError` and
   * the whole transaction is rolled back.
   */
  enqueue<K extends OutboxKind>(request: EnqueueRequest<K>): EnqueuedItem {
    const { kind, sessionId } = request;
    if (!isOutboxKind(kind)) throw new OutboxPayloadError(String(kind), ['kind: not a kind the outbox knows']);
    if (!sessionIdSchema.safeParse(sessionId).success) throw new OutboxPayloadError(kind, ['sessionId: not a session id']);
    const check = checkOutboxPayload(kind, request.payload);
    if (!check.ok) throw new OutboxPayloadError(kind, check.problems);
    const idempotencyKey = randomUUID();
    const now = this.#clock();
    const sequence = this.#write(() => {
      const sequence = Number(this.#sql.insert.run(kind, sessionId, idempotencyKey, JSON.stringify(check.payload), now, now).lastInsertRowid);
      this.audit.append('enqueued', { sequence, kind, sessionId, idempotencyKey }, now);
      return sequence;
    });
    this.#events.changed();
    return { sequence, idempotencyKey };
  }

  /**
   * Queues a submission that must reach the council once per session, whatever happens to the
   * kiosk in between (the setup queue's session is the invitation): if the session's setup already
   * waits or was delivered, the submission joins it instead of racing it (see `Submission`). A
   * waiting item that was never sent takes the newer payload, keeping its Idempotency-Key; one
   * that was sent keeps its payload, because the council may have stored it under that key.
   * Audited as `joined`. Synchronous, like every outbox call: nothing can interleave. With
   * `lookup` (what the resident typed to reach the session), the session can be found again from
   * it (`history.receiptByLookup`), in the same commit; only its keyed hash is kept.
   */
  submitOnce<K extends OutboxKind>(request: EnqueueRequest<K>, lookup?: string): Submission {
    if (lookup === undefined) return this.#submitOnce(request);
    return this.together(() => {
      const submission = this.#submitOnce(request);
      this.#lookup.remember(lookup, request.sessionId);
      return submission;
    });
  }

  #submitOnce<K extends OutboxKind>(request: EnqueueRequest<K>): Submission {
    const check = checkOutboxPayload(request.kind, request.payload);
    if (!check.ok) throw new OutboxPayloadError(request.kind, check.problems);
    const now = this.#clock();
    const joined = this.#write(() => joinSessionSubmission({ sql: this.#sql, audit: this.audit }, request.sessionId, check.payload, now));
    if (joined !== undefined) {
      if (joined.outcome === 'replaced') this.#events.changed();
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
    const done = this.#write((): OutboxDelivery | false => {
      const row = this.#sql.byId.get(sequence);
      if (row === undefined) return false;
      const earlier = this.#sql.sessionReceipt.get(row.session_id);
      if (earlier === undefined || earlier.sequence > row.sequence) return false;
      this.#sql.receipt.run(row.sequence, row.kind, row.session_id, row.idempotency_key, earlier.council_reference, earlier.council_state, row.enqueued_at, now, row.attempts);
      this.#sql.remove.run(sequence);
      this.audit.append('reconciled', { sequence, sessionId: row.session_id, reference: earlier.council_reference }, now);
      return { sequence, sessionId: row.session_id, reference: earlier.council_reference, state: earlier.council_state };
    });
    if (done === false) return false;
    this.#events.changed();
    this.#events.delivered(done);
    return true;
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
      const parsed = parseOutboxRow(row);
      if (parsed.ok) items.push(parsed.item);
      else this.#quarantine(row, parsed.problems);
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
    const done = this.#write((): OutboxDelivery | false => {
      const row = this.#sql.byId.get(sequence);
      if (row === undefined) return false;
      this.#sql.receipt.run(row.sequence, row.kind, row.session_id, row.idempotency_key, ack.reference, ack.state, row.enqueued_at, now, row.attempts);
      this.#sql.remove.run(sequence);
      this.#sql.setMeta.run('last_success_at', String(now));
      this.audit.append('delivered', { sequence, kind: row.kind, sessionId: row.session_id, reference: ack.reference }, now);
      return { sequence, sessionId: row.session_id, reference: ack.reference, state: ack.state };
    });
    if (done === false) return false;
    this.#events.changed();
    this.#events.delivered(done);
    return true;
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
    if (done) this.#events.changed();
    return done;
  }

  /**
   * Makes every item that is waiting only because the kiosk was offline due at `at`: called when
   * the kiosk comes back online, so items do not sit out a five-minute backoff (the engine adds
   * its own random start delay so a fleet does not arrive at once). Returns how many.
   */
  makeOfflineItemsDue(at: number): number {
    const changes = this.#write(() => this.#sql.makeDue.run(at, at).changes);
    if (changes > 0) this.#events.changed();
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
    return this.#events.onChange(listener);
  }

  /** Listens to deliveries (acknowledged, or settled with an earlier receipt), each once committed; returns an unsubscribe. */
  onDelivered(listener: (delivery: OutboxDelivery) => void): () => void {
    return this.#events.onDelivered(listener);
  }

  /** Whether the disk was last found full (for the queue status). */
  get storageFull(): boolean {
    return this.#database.storageFull;
  }

  /** Listens to the disk becoming full or writable again; returns an unsubscribe. */
  onStorageChange(listener: () => void): () => void {
    return this.#database.onStorageChange(listener);
  }

  /** Runs several of the outbox's own calls as one commit (a batch of outcomes); announcements follow the commit, or a rollback drops them. */
  together<T>(calls: () => T): T {
    return this.#events.holdWhile(() => this.#write(calls));
  }

  #write<T>(fn: () => T): T {
    let result: T;
    try {
      result = this.#db.transaction(fn)();
    } catch (error) {
      const typed = storeWriteError(this.#database.path, error);
      this.#database.writeFailed(typed);
      throw typed;
    }
    this.#database.committed();
    return result;
  }

  #quarantine(row: OutboxRow, problems: string[]): void {
    const now = this.#clock();
    this.#write(() => this.#moveToDeadLetter(row, { code: 'malformed-row', reason: 'malformed' }, row.attempts, now, 'quarantined'));
    // Problems name fields, never values; only their count and the sequence go to the log.
    logEvent('outbox.quarantined', { sequence: row.sequence, problems: problems.length });
    this.#events.changed();
  }

  #moveToDeadLetter(row: OutboxRow, error: OutboxError, attempts: number, now: number, event: 'dead-lettered' | 'quarantined'): void {
    this.#sql.deadLetter.run(row.sequence, row.kind, row.session_id, row.idempotency_key, row.payload, row.enqueued_at, attempts, JSON.stringify(error), now);
    this.#sql.remove.run(row.sequence);
    this.audit.append(event, { sequence: row.sequence, kind: row.kind.slice(0, 64), sessionId: row.session_id.slice(0, 64), errorCode: error.code, ...(error.status === undefined ? {} : { status: error.status }) }, now);
    logEvent('outbox.dead_lettered', { sequence: row.sequence, code: error.code, status: error.status ?? null });
  }
}

/** Opens the outbox on an open kiosk database. */
export function createOutbox(database: KioskDatabase, options: { clock?: () => number } = {}): Outbox {
  return new Outbox(database, options);
}
