import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersionOf } from '../../../main/store/migrations.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { accountSetupPayload, captureLogs, tempFolder } from './storeFixtures.ts';

captureLogs();

/**
 * Data written by a kiosk running schema version N, in that version's own SQL, so the upgrade is
 * tested with rows in it. Adding migration N+1 means adding `N: …` here (the test below insists).
 */
const SEED_AT_VERSION: Record<number, (db: Database.Database) => void> = {
  0: () => {},
  // Version 1: one waiting item, one receipt, one dead letter.
  1: (db) => {
    db.prepare(
      `INSERT INTO outbox (kind, session_id, idempotency_key, payload, enqueued_at, next_attempt_at)
       VALUES ('account-setup', 'session-a', 'key-a-0001', ?, 1000, 1000)`,
    ).run(JSON.stringify(accountSetupPayload()));
    db.prepare(
      `INSERT INTO outbox_receipt (sequence, kind, session_id, idempotency_key, council_reference, council_state, enqueued_at, delivered_at, attempts)
       VALUES (100, 'account-setup', 'session-b', 'key-b-0001', 'NCC-0001', 'pending_activation', 10, 20, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO dead_letter (sequence, kind, session_id, idempotency_key, payload, enqueued_at, attempts, error, dead_at)
       VALUES (101, 'account-setup', 'session-c', 'key-c-0001', '{}', 10, 3, '{"code":"invalid_request","reason":"permanent","status":400}', 30)`,
    ).run();
  },
};

function rawOpen(path: string, key: Buffer): Database.Database {
  const db = new Database(path);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
  return db;
}

function schemaOf(db: Database.Database): Array<{ type: string; name: string; sql: string | null }> {
  return db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{
    type: string;
    name: string;
    sql: string | null;
  }>;
}

describe('schema migrations', () => {
  it('are numbered 1, 2, 3… with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('have a seed for every version a kiosk may be upgraded from', () => {
    for (let version = 0; version < LATEST_SCHEMA_VERSION; version++) expect(SEED_AT_VERSION[version], `seed for version ${version}`).toBeTypeOf('function');
  });

  it.each(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, version) => version))(
    'upgrade a database at version %i to the latest, keeping its data, to the same schema as a new one',
    async (from) => {
      const folder = await tempFolder();
      const key = randomBytes(32);
      const fresh = await openKioskDatabase({ path: join(folder, 'fresh.db'), keyProvider: explicitKeyProvider(key) });
      const expected = schemaOf(fresh.connection);
      fresh.close();

      const path = join(folder, 'old.db');
      const old = rawOpen(path, key);
      migrate(old, path, from);
      expect(schemaVersionOf(old)).toBe(from);
      SEED_AT_VERSION[from]?.(old);
      old.close();

      const upgraded = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) });
      expect(schemaVersionOf(upgraded.connection)).toBe(LATEST_SCHEMA_VERSION);
      expect(schemaOf(upgraded.connection)).toEqual(expected);
      const counts = createOutbox(upgraded).counts();
      if (from >= 1) {
        expect(counts.depth).toBe(1);
        expect(counts.deadLetterCount).toBe(1);
        expect(upgraded.connection.prepare('SELECT count(*) AS n FROM outbox_receipt').get()).toEqual({ n: 1 });
      } else {
        expect(counts.depth).toBe(0);
      }
      upgraded.close();
    },
  );

  it('a failing migration leaves the previous version intact (each runs in a transaction)', async () => {
    const path = join(await tempFolder(), 'half.db');
    const db = rawOpen(path, randomBytes(32));
    db.exec('CREATE TABLE outbox (x)');
    expect(() => migrate(db, path)).toThrow(/already exists/);
    expect(schemaVersionOf(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'kiosk_meta'").get()).toEqual({ n: 0 });
    db.close();
  });
});
