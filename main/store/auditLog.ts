import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { identityCheckSchema } from '../../shared/kioskApi/staffView.ts';

/** What the audit log records about the outbox. */
export const auditEventSchema = z.enum([
  'enqueued',
  'delivered',
  'dead-lettered',
  'dead-letter-retried',
  'quarantined',
  'purged',
  'joined',
  'reconciled',
  /** A caseworker confirmed an invite code the resident read out at the kiosk (assisted mode). */
  'assisted.invite_confirmed',
]);
/** One kind of audit entry. */
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * An audit entry's details: identifiers and codes only, never personal data (no payloads, no error
 * messages that might echo one). Strict, so a caller cannot slip a payload in.
 */
export const auditDetailSchema = z.strictObject({
  sequence: z.number().int().positive().optional(),
  kind: z.string().max(64).optional(),
  sessionId: z.string().max(64).optional(),
  idempotencyKey: z.string().max(64).optional(),
  reference: z.string().max(128).optional(),
  errorCode: z.string().max(64).optional(),
  status: z.number().int().optional(),
  count: z.number().int().nonnegative().optional(),
  table: z.string().max(64).optional(),
  /** How a caseworker checked the resident's identity (`identityCheckSchema`'s words). */
  check: identityCheckSchema.optional(),
  /** Who did it: the caseworker's staff id (the council's id for its employee, not a resident's data). */
  staffId: z.string().max(60).optional(),
  /** The council's opaque id of the invite concerned (never its code). */
  inviteId: z.string().max(100).optional(),
});
/** See `auditDetailSchema`. */
export type AuditDetail = z.infer<typeof auditDetailSchema>;

/** The hash the first entry chains from. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** An entry's hash: SHA-256 over the previous hash and the entry's own fields, in a fixed encoding. */
export function auditEntryHash(previousHash: string, id: number, at: number, event: string, detail: string): string {
  return createHash('sha256').update(JSON.stringify([previousHash, id, at, event, detail])).digest('hex');
}

/** The result of `verifyAuditLog`. */
export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; firstBadId: number; reason: string };

/**
 * The append-only, hash-chained record of what happened to outbox items (enqueue, delivery,
 * dead-letter, retry, quarantine, purge), and of caseworkers' confirmations of invite codes. Each entry's hash covers the previous entry's hash, so
 * changing, removing or reordering any entry breaks every hash after it; `verify` finds the first
 * break. SQLite triggers refuse UPDATE and DELETE on the table, so only a deliberate edit of the
 * file (with the key) can alter it, and `verify` shows where.
 *
 * `append` must run inside the caller's transaction (the one that made the change it records);
 * it reads the previous hash from the table each time, so a rolled-back transaction leaves no gap.
 */
export class AuditLog {
  readonly #insert: Database.Statement<[number, number, string, string, string]>;
  readonly #last: Database.Statement<[], { id: number; hash: string }>;
  readonly #all: Database.Statement<[], { id: number; at: number; event: string; detail: string; hash: string }>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare('INSERT INTO audit_log (id, at, event, detail, hash) VALUES (?, ?, ?, ?, ?)');
    this.#last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.#all = db.prepare('SELECT id, at, event, detail, hash FROM audit_log ORDER BY id');
  }

  /** Appends one entry (inside the caller's transaction). */
  append(event: AuditEvent, detail: AuditDetail, at: number): void {
    const text = JSON.stringify(auditDetailSchema.parse(detail));
    const last = this.#last.get();
    const id = (last?.id ?? 0) + 1;
    this.#insert.run(id, at, event, text, auditEntryHash(last?.hash ?? AUDIT_GENESIS_HASH, id, at, event, text));
  }

  /** Walks the whole chain: ids consecutive from 1, every hash recomputed, every event known. */
  verify(): AuditVerification {
    let previous = AUDIT_GENESIS_HASH;
    let entries = 0;
    for (const row of this.#all.iterate()) {
      entries++;
      if (row.id !== entries) return { ok: false, entries, firstBadId: row.id, reason: `entry ${entries} is missing` };
      if (!auditEventSchema.safeParse(row.event).success) return { ok: false, entries, firstBadId: row.id, reason: 'unknown event' };
      if (auditEntryHash(previous, row.id, row.at, row.event, row.detail) !== row.hash) {
        return { ok: false, entries, firstBadId: row.id, reason: 'hash does not match' };
      }
      previous = row.hash;
    }
    return { ok: true, entries, lastHash: previous };
  }

  /** Entries for IT's diagnosis, newest last (details are identifiers only). */
  entries(): Array<{ id: number; at: number; event: string; detail: AuditDetail }> {
    return this.#all.all().map((row) => ({ id: row.id, at: row.at, event: row.event, detail: auditDetailSchema.parse(JSON.parse(row.detail)) }));
  }
}
