import { z } from 'zod';
import { logEvent } from '../log.ts';
import type { Outbox, OutboxError } from './outbox.ts';
import { outboxErrorSchema } from './outbox.ts';

const DAY_MS = 24 * 3600 * 1000;

/** How long what is left of an item is kept. */
export interface RetentionPolicy {
  /** Dead-letter items (which still hold the payload) are deleted this long after they died. */
  deadLetterMs: number;
  /** Receipts (reference, state and times; no personal data) are deleted this long after delivery. */
  receiptMs: number;
}

/**
 * Defaults: 30 days for dead letters, long enough for the council's service desk to act on a
 * report (and no longer than a setup grant, 14 days, is of any use plus a margin); 90 days for
 * receipts, which only let IT answer "did this kiosk send reference X".
 */
export const DEFAULT_RETENTION: RetentionPolicy = { deadLetterMs: 30 * DAY_MS, receiptMs: 90 * DAY_MS };

/** What `purgeExpired` deleted. */
export interface PurgeResult {
  deadLetters: number;
  receipts: number;
}

/**
 * Deletes dead-letter items and receipts older than the retention policy, each table's deletion
 * audited as `purged` with its count, all in one transaction. `secure_delete` overwrites the
 * deleted payloads in the file. Run it at start-up and daily (the sync engine's watchdog does).
 */
export function purgeExpired(outbox: Outbox, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): PurgeResult {
  const db = outbox.database.connection;
  const result = outbox.write(() => {
    const deadLetters = db.prepare('DELETE FROM dead_letter WHERE dead_at < ?').run(now - policy.deadLetterMs).changes;
    const receipts = db.prepare('DELETE FROM outbox_receipt WHERE delivered_at < ?').run(now - policy.receiptMs).changes;
    if (deadLetters > 0) outbox.audit.append('purged', { table: 'dead_letter', count: deadLetters }, now);
    if (receipts > 0) outbox.audit.append('purged', { table: 'outbox_receipt', count: receipts }, now);
    return { deadLetters, receipts };
  });
  if (result.deadLetters + result.receipts > 0) {
    logEvent('outbox.purged', { deadLetters: result.deadLetters, receipts: result.receipts });
    outbox.notifyChanged();
  }
  return result;
}

/** A dead-letter item as IT sees it: identifiers, error and times, never the payload. */
export interface DeadLetterSummary {
  sequence: number;
  kind: string;
  sessionId: string;
  idempotencyKey: string;
  attempts: number;
  error: OutboxError | { code: 'unreadable-error'; reason: 'malformed' };
  enqueuedAt: number;
  deadAt: number;
}

const deadLetterRowSchema = z.object({
  sequence: z.number(),
  kind: z.string(),
  session_id: z.string(),
  idempotency_key: z.string(),
  attempts: z.number(),
  error: z.string(),
  enqueued_at: z.number(),
  dead_at: z.number(),
});

/** Lists the dead-letter table, oldest first, for IT's diagnosis screen or tool. */
export function listDeadLetters(outbox: Outbox): DeadLetterSummary[] {
  const rows = outbox.database.connection
    .prepare('SELECT sequence, kind, session_id, idempotency_key, attempts, error, enqueued_at, dead_at FROM dead_letter ORDER BY sequence')
    .all();
  return rows.map((raw) => {
    const row = deadLetterRowSchema.parse(raw);
    const error = outboxErrorSchema.safeParse(parseJson(row.error));
    return {
      sequence: row.sequence,
      kind: row.kind,
      sessionId: row.session_id,
      idempotencyKey: row.idempotency_key,
      attempts: row.attempts,
      error: error.success ? error.data : { code: 'unreadable-error', reason: 'malformed' },
      enqueuedAt: row.enqueued_at,
      deadAt: row.dead_at,
    };
  });
}

/** What `retryDeadLetter` did: `undefined` if there was no such dead letter. */
export interface DeadLetterRetry {
  /** The error it died with. */
  error: DeadLetterSummary['error'];
  /**
   * True when it goes back as a new request: the council refused it for good, and would only
   * replay that refusal to the same key. False when it keeps its key (a transient failure or an
   * unreadable row): if the council stored it meanwhile, it answers the first result.
   */
  newIdempotencyKey: boolean;
}

/**
 * The Idempotency-Key of a new request for a refused item: the first key with a `.retry-N`
 * suffix (keys allow dots), so `receiptFor` of the setup queue, which reads the part before the
 * first dot, still gives the resident's reference.
 */
export function retryKeyFor(idempotencyKey: string): string {
  const [base, suffix] = idempotencyKey.split('.', 2);
  const previous = /^retry-(\d+)$/.exec(suffix ?? '')?.[1];
  return `${base}.retry-${previous === undefined ? 1 : Number(previous) + 1}`;
}

/**
 * Puts a dead-letter item back in the outbox (IT's decision, once the cause is fixed), due at
 * once, with its attempts reset and the same sequence. After a permanent refusal it is a new
 * request (`retryKeyFor`): the council keeps its answer to a key and would replay the refusal.
 * After anything else (an item that expired while the council failed or was silent) it keeps its
 * Idempotency-Key: if the council did process it after all, the retry gets the first answer back
 * instead of a duplicate.
 */
export function retryDeadLetter(outbox: Outbox, sequence: number, now: number): DeadLetterRetry | undefined {
  const db = outbox.database.connection;
  const done = outbox.write((): DeadLetterRetry | undefined => {
    const dead = listDeadLetters(outbox).find((d) => d.sequence === sequence);
    if (dead === undefined) return undefined;
    const newIdempotencyKey = dead.error.reason === 'permanent';
    const key = newIdempotencyKey ? retryKeyFor(dead.idempotencyKey) : dead.idempotencyKey;
    db.prepare(
      `INSERT INTO outbox (sequence, kind, session_id, idempotency_key, payload, enqueued_at, next_attempt_at)
       SELECT sequence, kind, session_id, ?, payload, enqueued_at, ? FROM dead_letter WHERE sequence = ?`,
    ).run(key, now, sequence);
    db.prepare('DELETE FROM dead_letter WHERE sequence = ?').run(sequence);
    outbox.audit.append('dead-letter-retried', { sequence, idempotencyKey: key }, now);
    return { error: dead.error, newIdempotencyKey };
  });
  if (done !== undefined) outbox.notifyChanged();
  return done;
}

/** A receipt: what the kiosk keeps about a delivered item. */
export interface OutboxReceipt {
  sequence: number;
  kind: string;
  sessionId: string;
  idempotencyKey: string;
  reference: string;
  state: string;
  enqueuedAt: number;
  deliveredAt: number;
  attempts: number;
}

const receiptRowSchema = z.object({
  sequence: z.number(),
  kind: z.string(),
  session_id: z.string(),
  idempotency_key: z.string(),
  council_reference: z.string(),
  council_state: z.string(),
  enqueued_at: z.number(),
  delivered_at: z.number(),
  attempts: z.number(),
});

/** The receipts of one session (for the resident's "done" screen), or all of them (IT, tests). */
export function listReceipts(outbox: Outbox, sessionId?: string): OutboxReceipt[] {
  const sql = `SELECT sequence, kind, session_id, idempotency_key, council_reference, council_state, enqueued_at, delivered_at, attempts
               FROM outbox_receipt ${sessionId === undefined ? '' : 'WHERE session_id = ?'} ORDER BY sequence`;
  const statement = outbox.database.connection.prepare(sql);
  const rows = sessionId === undefined ? statement.all() : statement.all(sessionId);
  return rows.map((raw) => {
    const row = receiptRowSchema.parse(raw);
    return {
      sequence: row.sequence,
      kind: row.kind,
      sessionId: row.session_id,
      idempotencyKey: row.idempotency_key,
      reference: row.council_reference,
      state: row.council_state,
      enqueuedAt: row.enqueued_at,
      deliveredAt: row.delivered_at,
      attempts: row.attempts,
    };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
