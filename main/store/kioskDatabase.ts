import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { logEvent } from '../log.ts';
import {
  RECORD_KEPT_META,
  assertMainFileBesideLog,
  assertWritable,
  checkAgainstRecord,
  databaseFilesAt,
  isNewDatabase,
  outboxSequenceOf,
  readDatabaseContents,
} from './databaseInspection.ts';
import type { KeyProvider } from './databaseKey.ts';
import { createHighWaterMark, highWaterKey, openHighWaterMark, readHighWaterMark } from './highWaterMark.ts';
import type { HighWaterReading, HighWaterRecorder } from './highWaterMark.ts';
import { migrate } from './migrations.ts';
import {
  DatabaseFullError,
  DatabaseInUseError,
  DatabaseNotDurableError,
  DatabaseNotWritableError,
  DatabaseUnreadableError,
  sqliteCodeOf,
  storeWriteError,
} from './storeErrors.ts';

/**
 * How pages are encrypted. Both are authenticated (every page carries a MAC, so a flipped bit or a
 * tampered page is an error, never silently wrong data) and both take the 32-byte key raw.
 *
 * `sqlcipher` (SQLCipher 4: AES-256-CBC + HMAC-SHA512) is the default. `npm run bench`
 * (test/bench/outboxEnqueue.bench.ts) measures both in the same run, interleaved op by op. On the
 * 2-core build machine, durable single-row commits with the library's default ChaCha20-Poly1305
 * were 2–17% faster than SQLCipher's over six runs (about 3,000–4,500/s either way): a durable
 * commit is bound by fsync, not by the cipher, and ChaCha20 pulls ahead only in large batched
 * transactions, which the outbox does not do. That small gain does not pay for what SQLCipher's
 * format gives council IT: it is the SQLCipher 4 format, which standard SQLCipher 4 tools (the
 * sqlcipher shell, DB Browser for SQLite) open with the raw key, for diagnosis or recovery without
 * our code (not tried here: Debian's sqlcipher package is 3.4, too old for that format). `chacha20` stays
 * available for the benchmark and for a council that prefers it (a file keeps the cipher it was
 * created with; opening it with the other is `DatabaseUnreadableError`).
 */
export type DatabaseCipher = 'sqlcipher' | 'chacha20';

/** The cipher a new kiosk database is written with; see `DatabaseCipher` for the measured reasons. */
export const DEFAULT_CIPHER: DatabaseCipher = 'sqlcipher';

/** Where the database is and how to unlock it. */
export interface KioskDatabaseOptions {
  /** The database file, in the app's data folder. Its folder is created (mode 0700) if missing. */
  path: string;
  keyProvider: KeyProvider;
  cipher?: DatabaseCipher;
}

/** An open, keyed, migrated database with durable settings asserted. The one writer. */
export interface KioskDatabase {
  readonly path: string;
  /** The driver's connection, for the outbox and audit log (synchronous, single-threaded). */
  readonly connection: Database.Database;
  /**
   * Called by the outbox after each committed write: moves the kiosk's high-water record
   * (`highWaterMark.ts`) up to what the database has committed (cheap when nothing new was queued;
   * a record that cannot be written is logged for IT, never an error for the write that already
   * committed), and clears `storageFull`.
   */
  committed(): void;
  /** Called by the outbox when a write failed (already rolled back): a full disk sets `storageFull`. */
  writeFailed(error: unknown): void;
  /** The last write failed because the disk is full, and none has succeeded since: for IT's status. */
  readonly storageFull: boolean;
  /** Calls `listener` whenever `storageFull` changes; returns a function that stops it. */
  onStorageChange(listener: () => void): () => void;
  close(): void;
}

/**
 * Opens (or, only when there is no database yet, creates) the kiosk's encrypted database. Every
 * check is made before anything can write, so a start that fails changes nothing on disk:
 *
 * 1. makes the data folder if missing (mode 0700) and refuses a folder or file it cannot write to
 *    (`DatabaseNotWritableError`: a read-only folder, file or mount is not a wrong key);
 * 2. refuses a missing or empty file beside a write-ahead log that holds changes
 *    (`DatabaseRolledBackError`), which SQLite would otherwise treat as a new database;
 * 3. asks the key provider for the key (allowed to make a new one only for a new database);
 * 4. opens an existing file read-only and reads every page (`quick_check`): a wrong key, a
 *    truncated, bit-flipped or tampered file is a `DatabaseUnreadableError`; a file another
 *    process holds, `DatabaseInUseError`; it is never re-created (that would lose residents' data);
 * 5. compares it with the kiosk's high-water record: a database that has gone back in time (deleted,
 *    emptied, an older copy, a write-ahead log cut short or damaged) is `DatabaseRolledBackError`;
 * 6. only then opens it for writing, exclusively (`locking_mode=EXCLUSIVE`: one writer); sets and
 *    asserts WAL and `synchronous=FULL` (an enqueue that returned is on disk), and `secure_delete`
 *    (deleted personal data is overwritten, not left in free pages); runs the migrations; and makes
 *    or brings forward the high-water record.
 */
export async function openKioskDatabase(options: KioskDatabaseOptions): Promise<KioskDatabase> {
  const { path, keyProvider } = options;
  const cipher = options.cipher ?? DEFAULT_CIPHER;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const files = databaseFilesAt(path);
  assertWritable(files);
  assertMainFileBesideLog(files);
  const created = isNewDatabase(files);
  const key = await keyProvider.getKey({ mayCreate: created && !files.recordExists });
  let connection: Database.Database;
  let recorder: HighWaterRecorder;
  try {
    const macKey = highWaterKey(key);
    const reading = readHighWaterMark(files.recordPath, macKey);
    checkAgainstRecord(files, reading, created ? undefined : readDatabaseContents(path, key, cipher));
    connection = openForWriting(path, key, cipher);
    try {
      recorder = keepHighWaterRecord(connection, files.recordPath, reading, macKey);
    } catch (error) {
      connection.close();
      throw error;
    }
  } finally {
    key.fill(0);
  }
  const outboxSequence = connection.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
  logEvent('store.opened', { cipher, created });
  let storageFull = false;
  const storageListeners = new Set<() => void>();
  const setStorageFull = (next: boolean) => {
    if (next === storageFull) return;
    storageFull = next;
    logEvent(next ? 'store.storage_full' : 'store.storage_ok');
    for (const listener of storageListeners) listener();
  };
  return {
    path,
    connection,
    committed() {
      setStorageFull(false);
      try {
        recorder.advance(outboxSequence.get()?.seq ?? 0);
      } catch (error) {
        logEvent('store.high_water_failed', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      }
    },
    writeFailed(error) {
      if (error instanceof DatabaseFullError) setStorageFull(true);
    },
    get storageFull() {
      return storageFull;
    },
    onStorageChange(listener) {
      storageListeners.add(listener);
      return () => storageListeners.delete(listener);
    },
    close() {
      if (connection.open) connection.close();
      recorder.close();
    },
  };
}

function openForWriting(path: string, key: Buffer, cipher: DatabaseCipher): Database.Database {
  const connection = new Database(path, { timeout: 0 });
  try {
    connection.pragma(`cipher = '${cipher}'`);
    if (cipher === 'sqlcipher') connection.pragma('legacy = 4');
    connection.pragma(`key = "x'${key.toString('hex')}'"`);
    connection.pragma('locking_mode = EXCLUSIVE');
    takeLock(connection, path);
    configureDurability(connection, path);
    migrate(connection, path);
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

// The first read takes the exclusive lock (another process may have started since the read-only
// checks) and decrypts page 1 again; the read-only pass has already read every page.
function takeLock(connection: Database.Database, path: string): void {
  try {
    connection.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    const code = sqliteCodeOf(error);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DatabaseInUseError(path, { cause: error });
    if (code !== undefined) throw new DatabaseUnreadableError(path, code, { cause: error });
    throw error;
  }
}

/**
 * Opens the high-water record for updates, or makes it for a database that has none yet (a new
 * one, or one from before the record existed). The record is made before the database notes that
 * it has one, so a crash between the two leaves a record and a database that does not yet rely on it.
 */
function keepHighWaterRecord(connection: Database.Database, recordPath: string, reading: HighWaterReading, macKey: Buffer): HighWaterRecorder {
  const outboxSequence = outboxSequenceOf(connection);
  let recorder: HighWaterRecorder;
  try {
    if (reading.state === 'valid') {
      recorder = openHighWaterMark(recordPath, reading.mark, reading.generation, macKey);
    } else {
      const databaseId = connection.prepare<[], { value: string }>("SELECT value FROM kiosk_meta WHERE name = 'device_id'").get()?.value ?? '';
      recorder = createHighWaterMark(recordPath, { databaseId, outboxSequence }, macKey);
      connection.prepare('INSERT OR REPLACE INTO kiosk_meta (name, value) VALUES (?, ?)').run(RECORD_KEPT_META, 'kept');
    }
    recorder.advance(outboxSequence);
  } catch (error) {
    throw storeFileError(connection.name, recordPath, error);
  }
  return recorder;
}

function storeFileError(path: string, target: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new DatabaseNotWritableError(path, target, code, { cause: error });
  if (code === 'ENOSPC') return new DatabaseFullError(path, { cause: error });
  return storeWriteError(path, error);
}

function configureDurability(connection: Database.Database, path: string): void {
  const journal = connection.pragma('journal_mode = WAL', { simple: true });
  if (journal !== 'wal') throw new DatabaseNotDurableError(path, 'journal_mode', journal);
  connection.pragma('synchronous = FULL');
  const synchronous = connection.pragma('synchronous', { simple: true });
  if (synchronous !== 2) throw new DatabaseNotDurableError(path, 'synchronous', synchronous);
  connection.pragma('secure_delete = ON');
  // Temporary tables and sort spills stay in memory, never in a plaintext temp file.
  connection.pragma('temp_store = MEMORY');
  connection.pragma('foreign_keys = ON');
}
