import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { logEvent } from '../log.ts';
import { DatabaseTooNewError } from './storeErrors.ts';

/** One schema step: from `version - 1` to `version`, run inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/**
 * Every schema version, in order. Never edit a released migration: add the next one (and a seed
 * for the version before it in `test/main/store/migrations.test.ts`, which upgrades from every
 * earlier version). The schema version lives in SQLite's `user_version`.
 *
 * v1 tables (all STRICT, times are milliseconds since the epoch):
 * - `kiosk_meta`: this device's id, the time of the last acknowledged delivery.
 * - `outbox`: items waiting for the council; `sequence` is the per-device sequence number
 *   (AUTOINCREMENT: never reused, even after rows move out). `attempts` counts every try and drives
 *   backoff; `failures` counts only those that count towards dead-lettering. Every index is a page
 *   written by each durable enqueue, so there are few: `(session_id, sequence)` finds session heads;
 *   the Idempotency-Key (a random UUID) has no unique index here (receipts and dead letters keep one).
 * - `outbox_receipt`: what stays after the council acknowledged an item: no payload column at all.
 * - `dead_letter`: items that failed permanently, with their error, until purged.
 * - `audit_log`: append-only (triggers refuse UPDATE and DELETE), hash-chained.
 *
 * v2:
 * - `invitation_lookup`: finds an invitation's outbox session from what the resident typed (a
 *   keyed hash of the invite code and address, never the code itself), so a resident who comes
 *   back after delivery is told the truth; kept only while the session has a row, receipt or dead
 *   letter. Its key, `lookup_secret` in `kiosk_meta`, is random per database.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'outbox, receipts, dead letters, hash-chained audit log',
    up(db) {
      db.exec(`
        CREATE TABLE kiosk_meta (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE outbox (
          sequence INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          session_id TEXT NOT NULL,
          idempotency_key TEXT NOT NULL,
          payload TEXT NOT NULL,
          enqueued_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          failures INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error TEXT
        ) STRICT;
        CREATE INDEX outbox_by_session ON outbox (session_id, sequence);

        CREATE TABLE outbox_receipt (
          sequence INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          session_id TEXT NOT NULL,
          idempotency_key TEXT NOT NULL UNIQUE,
          council_reference TEXT NOT NULL,
          council_state TEXT NOT NULL,
          enqueued_at INTEGER NOT NULL,
          delivered_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX outbox_receipt_by_delivered ON outbox_receipt (delivered_at);

        CREATE TABLE dead_letter (
          sequence INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          session_id TEXT NOT NULL,
          idempotency_key TEXT NOT NULL UNIQUE,
          payload TEXT NOT NULL,
          enqueued_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL,
          error TEXT NOT NULL,
          dead_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX dead_letter_by_dead_at ON dead_letter (dead_at);

        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          event TEXT NOT NULL,
          detail TEXT NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      `);
      db.prepare('INSERT INTO kiosk_meta (name, value) VALUES (?, ?)').run('device_id', randomUUID());
    },
  },
  {
    version: 2,
    description: 'invitation lookup by keyed hash of what the resident typed',
    up(db) {
      db.exec(`
        CREATE TABLE invitation_lookup (
          lookup_key TEXT PRIMARY KEY,
          session_id TEXT NOT NULL
        ) STRICT;
      `);
      db.prepare('INSERT INTO kiosk_meta (name, value) VALUES (?, ?)').run('lookup_secret', randomBytes(32).toString('hex'));
    },
  },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** The file's schema version (`PRAGMA user_version`; 0 for a new file). */
export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (the latest by default), one migration per transaction, so a
 * kill between two leaves a consistent earlier version that the next start continues from. A file
 * newer than this build is refused with `DatabaseTooNewError` and left untouched.
 */
export function migrate(db: Database.Database, path: string, target: number = LATEST_SCHEMA_VERSION): void {
  const current = schemaVersionOf(db);
  if (current > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(path, current, LATEST_SCHEMA_VERSION);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    logEvent('store.migrated', { version: migration.version });
  }
}
