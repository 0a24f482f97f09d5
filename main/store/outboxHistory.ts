import { logEvent } from '../log.ts';
import type { AuditLog } from './auditLog.ts';
import type { InvitationLookup } from './invitationLookup.ts';
import type { OutboxEvents } from './outboxEvents.ts';
import type { DeadLetterSummary, OutboxReceipt } from './outboxItem.ts';
import { DEFAULT_RETENTION, retryKeyFor } from './outboxMaintenance.ts';
import type { DeadLetterRetry, PurgeResult, RetentionPolicy } from './outboxMaintenance.ts';
import { deadLetterFromRow, receiptFromRow } from './outboxRowParser.ts';
import type { OutboxStatements } from './outboxStatements.ts';

/** The parts of the outbox its history shares: statements, audit log, announcements, one transaction. */
export interface OutboxParts {
  sql: OutboxStatements;
  audit: AuditLog;
  events: OutboxEvents;
  /** Runs `fn` in one transaction; driver errors become the store's typed errors. */
  write: <T>(fn: () => T) => T;
  /** Finds a session again from what the resident typed. */
  lookup: InvitationLookup;
}

/**
 * What is left of outbox items once they leave the queue (`Outbox.history`): the receipts of
 * delivered items (no payload) and the dead letters (with their payload and error), their
 * retention, and IT's retry of a dead letter. Same connection and single writer as the outbox.
 */
export class OutboxHistory {
  readonly #parts: OutboxParts;

  constructor(parts: OutboxParts) {
    this.#parts = parts;
  }

  /**
   * Deletes dead-letter items and receipts older than the retention policy, each table's deletion
   * audited as `purged` with its count, all in one transaction. `secure_delete` overwrites the
   * deleted payloads in the file. Run it at start-up and daily (the sync engine's watchdog does).
   */
  purgeExpired(now: number, policy: RetentionPolicy = DEFAULT_RETENTION): PurgeResult {
    const result = this.#parts.write(() => {
      const deadLetters = this.#parts.sql.purgeDeadLetters.run(now - policy.deadLetterMs).changes;
      const receipts = this.#parts.sql.purgeReceipts.run(now - policy.receiptMs).changes;
      if (deadLetters > 0) this.#parts.audit.append('purged', { table: 'dead_letter', count: deadLetters }, now);
      if (receipts > 0) this.#parts.audit.append('purged', { table: 'outbox_receipt', count: receipts }, now);
      // A session with nothing left on this kiosk cannot be found again: its lookup goes too.
      this.#parts.lookup.purgeOrphans();
      return { deadLetters, receipts };
    });
    if (result.deadLetters + result.receipts > 0) {
      logEvent('outbox.purged', { deadLetters: result.deadLetters, receipts: result.receipts });
      this.#parts.events.changed();
    }
    return result;
  }

  /** Lists the dead-letter table, oldest first, for IT's diagnosis screen or tool. */
  listDeadLetters(): DeadLetterSummary[] {
    return this.#parts.sql.deadLetters.all().map(deadLetterFromRow);
  }

  /**
   * Puts a dead-letter item back in the outbox (IT's decision, once the cause is fixed), due at
   * once, with its attempts reset and the same sequence. After a permanent refusal it is a new
   * request (`retryKeyFor`): the council keeps its answer to a key and would replay the refusal.
   * After anything else (an item that expired while the council failed or was silent) it keeps its
   * Idempotency-Key: if the council did process it after all, the retry gets the first answer back
   * instead of a duplicate. `undefined` if there is no such dead letter.
   */
  retryDeadLetter(sequence: number, now: number): DeadLetterRetry | undefined {
    const done = this.#parts.write((): DeadLetterRetry | undefined => {
      const row = this.#parts.sql.deadLetterById.get(sequence);
      if (row === undefined) return undefined;
      const dead = deadLetterFromRow(row);
      const newIdempotencyKey = dead.error.reason === 'permanent';
      const key = newIdempotencyKey ? retryKeyFor(dead.idempotencyKey) : dead.idempotencyKey;
      this.#parts.sql.requeueDeadLetter.run(key, now, sequence);
      this.#parts.sql.removeDeadLetter.run(sequence);
      this.#parts.audit.append('dead-letter-retried', { sequence, idempotencyKey: key }, now);
      return { error: dead.error, newIdempotencyKey };
    });
    if (done !== undefined) this.#parts.events.changed();
    return done;
  }

  /**
   * The first receipt of the session `typed` was given for at submission (`Outbox.submitOnce`):
   * a resident back after delivery. `undefined` when this kiosk delivered nothing for it.
   */
  receiptByLookup(typed: string): OutboxReceipt | undefined {
    const sessionId = this.#parts.lookup.sessionOf(typed);
    return sessionId === undefined ? undefined : this.listReceipts(sessionId)[0];
  }

  /** The receipts of one session (for the resident's "done" screen), or all of them (IT, tests). */
  listReceipts(sessionId?: string): OutboxReceipt[] {
    const rows = sessionId === undefined ? this.#parts.sql.receipts.all() : this.#parts.sql.sessionReceipts.all(sessionId);
    return rows.map(receiptFromRow);
  }
}
