import type Database from 'better-sqlite3-multiple-ciphers';

/** A row of the `outbox` table. */
export interface OutboxRow {
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

/** A row of the `outbox_receipt` table. */
export interface ReceiptRow {
  sequence: number;
  kind: string;
  session_id: string;
  idempotency_key: string;
  council_reference: string;
  council_state: string;
  enqueued_at: number;
  delivered_at: number;
  attempts: number;
}

/** A row of the `dead_letter` table, without the payload (which only a retry reads, in SQL). */
export interface DeadLetterRow {
  sequence: number;
  kind: string;
  session_id: string;
  idempotency_key: string;
  attempts: number;
  error: string;
  enqueued_at: number;
  dead_at: number;
}

// A session's head is its lowest sequence still waiting: only heads are delivered, which keeps
// order within a session while other sessions' items go past a stuck one.
const IS_HEAD = 'NOT EXISTS (SELECT 1 FROM outbox p WHERE p.session_id = o.session_id AND p.sequence < o.sequence)';
const RECEIPT_COLUMNS = 'sequence, kind, session_id, idempotency_key, council_reference, council_state, enqueued_at, delivered_at, attempts';
const DEAD_LETTER_COLUMNS = 'sequence, kind, session_id, idempotency_key, attempts, error, enqueued_at, dead_at';

/** The outbox's prepared statements (see `prepareOutboxStatements`). */
export interface OutboxStatements {
  insert: Statement<[string, string, string, string, number, number]>;
  dueHeads: Statement<[number, number], OutboxRow>;
  nextHeadAfter: Statement<[number], { next_attempt_at: number | null }>;
  byId: Statement<[number], OutboxRow>;
  remove: Statement<[number]>;
  receipt: Statement<[number, string, string, string, string, string, number, number, number]>;
  deadLetter: Statement<[number, string, string, string, string, number, number, string, number]>;
  retry: Statement<[number, number, string, number]>;
  start: Statement<[number]>;
  sessionHead: Statement<[string], OutboxRow>;
  sessionReceipt: Statement<[string], ReceiptRow>;
  replacePayload: Statement<[string, number]>;
  setMeta: Statement<[string, string]>;
  getMeta: Statement<[string], { value: string }>;
  depth: Statement<[], { depth: number; oldest: number | null }>;
  deadCount: Statement<[], { n: number }>;
  makeDue: Statement<[number, number]>;
  purgeDeadLetters: Statement<[number]>;
  purgeReceipts: Statement<[number]>;
  deadLetters: Statement<[], DeadLetterRow>;
  deadLetterById: Statement<[number], DeadLetterRow>;
  requeueDeadLetter: Statement<[string, number, number]>;
  removeDeadLetter: Statement<[number]>;
  receipts: Statement<[], ReceiptRow>;
  sessionReceipts: Statement<[string], ReceiptRow>;
}

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/**
 * Every SQL statement on the outbox, receipt and dead-letter tables (and the two `kiosk_meta`
 * values the outbox keeps), prepared once on the outbox's connection. Only the `Outbox` holds
 * them: no other module writes these tables.
 */
export function prepareOutboxStatements(db: Database.Database): OutboxStatements {
  return {
    insert: db.prepare<[string, string, string, string, number, number]>(
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
    receipt: db.prepare<[number, string, string, string, string, string, number, number, number]>(
      `INSERT INTO outbox_receipt (${RECEIPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deadLetter: db.prepare<[number, string, string, string, string, number, number, string, number]>(
      `INSERT INTO dead_letter (sequence, kind, session_id, idempotency_key, payload, enqueued_at, attempts, error, dead_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    retry: db.prepare<[number, number, string, number]>('UPDATE outbox SET failures = failures + ?, next_attempt_at = ?, last_error = ? WHERE sequence = ?'),
    start: db.prepare<[number]>('UPDATE outbox SET attempts = attempts + 1 WHERE sequence = ?'),
    sessionHead: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE session_id = ? ORDER BY sequence LIMIT 1'),
    sessionReceipt: db.prepare<[string], ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM outbox_receipt WHERE session_id = ? ORDER BY sequence LIMIT 1`),
    replacePayload: db.prepare<[string, number]>('UPDATE outbox SET payload = ? WHERE sequence = ? AND attempts = 0'),
    setMeta: db.prepare<[string, string]>('INSERT INTO kiosk_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM kiosk_meta WHERE name = ?'),
    depth: db.prepare<[], { depth: number; oldest: number | null }>('SELECT count(*) AS depth, min(enqueued_at) AS oldest FROM outbox'),
    deadCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letter'),
    makeDue: db.prepare<[number, number]>(
      `UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at > ? AND json_extract(last_error, '$.reason') = 'unreachable'`,
    ),
    purgeDeadLetters: db.prepare<[number]>('DELETE FROM dead_letter WHERE dead_at < ?'),
    purgeReceipts: db.prepare<[number]>('DELETE FROM outbox_receipt WHERE delivered_at < ?'),
    deadLetters: db.prepare<[], DeadLetterRow>(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letter ORDER BY sequence`),
    deadLetterById: db.prepare<[number], DeadLetterRow>(`SELECT ${DEAD_LETTER_COLUMNS} FROM dead_letter WHERE sequence = ?`),
    requeueDeadLetter: db.prepare<[string, number, number]>(
      `INSERT INTO outbox (sequence, kind, session_id, idempotency_key, payload, enqueued_at, next_attempt_at)
       SELECT sequence, kind, session_id, ?, payload, enqueued_at, ? FROM dead_letter WHERE sequence = ?`,
    ),
    removeDeadLetter: db.prepare<[number]>('DELETE FROM dead_letter WHERE sequence = ?'),
    receipts: db.prepare<[], ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM outbox_receipt ORDER BY sequence`),
    sessionReceipts: db.prepare<[string], ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM outbox_receipt WHERE session_id = ? ORDER BY sequence`),
  };
}
