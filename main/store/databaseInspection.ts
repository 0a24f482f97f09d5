import { W_OK } from 'node:constants';
import { accessSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { HighWaterReading } from './highWaterMark.ts';
import type { DatabaseCipher } from './kioskDatabase.ts';
import { highWaterPathFor } from './highWaterMark.ts';
import { LATEST_SCHEMA_VERSION } from './migrations.ts';
import {
  DatabaseInUseError,
  DatabaseNotWritableError,
  DatabaseRolledBackError,
  DatabaseTooNewError,
  DatabaseUnreadableError,
  sqliteCodeOf,
} from './storeErrors.ts';

// What the kiosk checks about its database before anything can write to it. Every check here
// only reads: a start that fails leaves every file exactly as it was.

/** The database's files as found on disk: sizes in bytes, `null` when a file does not exist. */
export interface DatabaseFiles {
  path: string;
  mainBytes: number | null;
  walBytes: number | null;
  /** The kiosk's high-water record beside the database (`highWaterMark.ts`). */
  recordPath: string;
  recordExists: boolean;
}

/** Looks at the database's files without opening them. */
export function databaseFilesAt(path: string): DatabaseFiles {
  const size = (file: string) => (existsSync(file) ? statSync(file).size : null);
  const recordPath = highWaterPathFor(path);
  return { path, mainBytes: size(path), walBytes: size(`${path}-wal`), recordPath, recordExists: existsSync(recordPath) };
}

/** True when there is no database yet: no content in the file or in a write-ahead log. */
export function isNewDatabase(files: DatabaseFiles): boolean {
  return !files.mainBytes && !files.walBytes;
}

/**
 * Refuses a data folder or database file the kiosk cannot write to (a read-only folder, file or
 * mount, or an immutable file) with `DatabaseNotWritableError`, before anything tries to, so IT
 * is told what it is rather than a misleading "wrong key or damaged file".
 */
export function assertWritable(files: DatabaseFiles): void {
  const folder = dirname(files.path);
  const targets = [folder, files.path, `${files.path}-wal`, `${files.path}-shm`, files.recordPath];
  for (const target of targets) {
    if (target !== folder && !existsSync(target)) continue;
    try {
      accessSync(target, W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'not writable';
      throw new DatabaseNotWritableError(files.path, target === folder ? `its data folder ${folder}` : target, code, { cause: error });
    }
  }
}

/**
 * A database that is not new must exist as a file: a missing or empty file beside a write-ahead
 * log that holds changes would have SQLite start a new database and discard the log.
 */
export function assertMainFileBesideLog(files: DatabaseFiles): void {
  if (!files.mainBytes && files.walBytes) {
    throw new DatabaseRolledBackError(files.path, { kind: 'log-without-database', walBytes: files.walBytes });
  }
}

/** What a database holds, read without writing: counts and sequence numbers, never a payload. */
export interface DatabaseContents {
  /** The database's own id (`kiosk_meta.device_id`), `null` before the schema exists. */
  databaseId: string | null;
  /** The highest outbox sequence number ever committed (0 when none). */
  outboxSequence: number;
  waiting: number;
  receipts: number;
  deadLetters: number;
  /** Whether the database says a high-water record was made for it. */
  recordKept: boolean;
}

/** The `kiosk_meta` row saying a high-water record was made for this database. */
export const RECORD_KEPT_META = 'high_water_record';

/**
 * Opens the database read-only with its key and reads every page (`quick_check`): a wrong key or
 * a damaged file is `DatabaseUnreadableError`, a file held by a running kiosk `DatabaseInUseError`,
 * a newer release's file `DatabaseTooNewError`. A read-only connection never checkpoints the
 * write-ahead log into the file nor deletes it.
 */
export function readDatabaseContents(path: string, key: Buffer, cipher: DatabaseCipher): DatabaseContents {
  return withReadOnly(path, (connection) => {
    connection.pragma(`cipher = '${cipher}'`);
    if (cipher === 'sqlcipher') connection.pragma('legacy = 4');
    connection.pragma(`key = "x'${key.toString('hex')}'"`);
    let check: unknown;
    try {
      connection.prepare('SELECT count(*) FROM sqlite_schema').get();
      check = connection.pragma('quick_check', { simple: true });
    } catch (error) {
      throw readError(path, error);
    }
    if (check !== 'ok') throw new DatabaseUnreadableError(path, 'INTEGRITY_CHECK');
    const version = connection.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(path, version, LATEST_SCHEMA_VERSION);
    return contentsOf(connection);
  });
}

/**
 * Whether another process (a running kiosk) holds the database: the kiosk keeps an exclusive lock
 * on the file for as long as it runs (`locking_mode=EXCLUSIVE`). Needs no key: the lock is taken
 * before the first page is decrypted.
 */
export function isDatabaseHeld(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    withReadOnly(path, (connection) => connection.prepare('SELECT count(*) FROM sqlite_schema').get());
    return false;
  } catch (error) {
    const code = sqliteCodeOf(error);
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  }
}

/**
 * Compares the database with the kiosk's high-water record; throws `DatabaseRolledBackError` if the
 * database has gone back in time. `contents` is `undefined` for a database that does not exist yet.
 */
export function checkAgainstRecord(files: DatabaseFiles, reading: HighWaterReading, contents: DatabaseContents | undefined): void {
  const { path } = files;
  if (contents === undefined) {
    if (!files.recordExists) return;
    const recordedSequence = reading.state === 'valid' ? reading.mark.outboxSequence : null;
    throw new DatabaseRolledBackError(path, { kind: files.mainBytes === null ? 'missing' : 'empty', recordedSequence });
  }
  if (reading.state === 'absent') {
    if (contents.recordKept) throw new DatabaseRolledBackError(path, { kind: 'record-missing' });
    return;
  }
  if (reading.state === 'invalid') throw new DatabaseRolledBackError(path, { kind: 'record-invalid' });
  if (reading.mark.databaseId !== contents.databaseId) throw new DatabaseRolledBackError(path, { kind: 'other-database' });
  if (contents.outboxSequence < reading.mark.outboxSequence) {
    throw new DatabaseRolledBackError(path, { kind: 'older', recordedSequence: reading.mark.outboxSequence, foundSequence: contents.outboxSequence });
  }
}

// A read-only connection to a WAL database makes an empty `-wal` and the `-shm` index when they
// are missing; both are removed again (they hold nothing), so a check leaves the folder as it was.
function withReadOnly<T>(path: string, use: (connection: Database.Database) => T): T {
  const made = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  const connection = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
  try {
    return use(connection);
  } finally {
    connection.close();
    for (const file of made) if (existsSync(file) && (file.endsWith('-shm') || statSync(file).size === 0)) rmSync(file);
  }
}

function readError(path: string, error: unknown): unknown {
  const code = sqliteCodeOf(error);
  if (code === undefined) return error;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new DatabaseInUseError(path, { cause: error });
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new DatabaseNotWritableError(path, path, code, { cause: error });
  }
  return new DatabaseUnreadableError(path, code, { cause: error });
}

function contentsOf(connection: Database.Database): DatabaseContents {
  const tables = new Set(
    connection
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .map((row) => row.name),
  );
  const count = (table: string) => (tables.has(table) ? (connection.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0) : 0);
  const meta = (name: string) =>
    tables.has('kiosk_meta') ? (connection.prepare<[string], { value: string }>('SELECT value FROM kiosk_meta WHERE name = ?').get(name)?.value ?? null) : null;
  return {
    databaseId: meta('device_id'),
    outboxSequence: outboxSequenceOf(connection, tables),
    waiting: count('outbox'),
    receipts: count('outbox_receipt'),
    deadLetters: count('dead_letter'),
    recordKept: meta(RECORD_KEPT_META) !== null,
  };
}

/** The highest outbox sequence number the database has committed (SQLite keeps it for AUTOINCREMENT). */
export function outboxSequenceOf(connection: Database.Database, tables?: ReadonlySet<string>): number {
  if (tables !== undefined && !tables.has('sqlite_sequence')) return 0;
  const row = connection.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get();
  return row?.seq ?? 0;
}
