import { existsSync, statSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { logEvent } from '../log.ts';
import type { KeyProvider } from './databaseKey.ts';
import { migrate } from './migrations.ts';
import { DatabaseInUseError, DatabaseNotDurableError, DatabaseUnreadableError, sqliteCodeOf } from './storeErrors.ts';

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
  close(): void;
}

/**
 * Opens (or, only when no file exists yet, creates) the kiosk's encrypted database:
 *
 * 1. asks the key provider for the key (allowed to make a new one only for a new file);
 * 2. keys the connection and reads every page once (`quick_check`): a wrong key, a truncated,
 *    bit-flipped or tampered file is a `DatabaseUnreadableError` here, at start-up, with the file
 *    left exactly as it was; it is never re-created (that would lose residents' data);
 * 3. takes the file exclusively (`locking_mode=EXCLUSIVE`): a second kiosk process gets
 *    `DatabaseInUseError`, so there is one writer;
 * 4. sets and asserts WAL and `synchronous=FULL` (an enqueue that returned is on disk), and
 *    `secure_delete` (deleted personal data is overwritten, not left in free pages);
 * 5. runs the migrations.
 */
export async function openKioskDatabase(options: KioskDatabaseOptions): Promise<KioskDatabase> {
  const { path, keyProvider } = options;
  const cipher = options.cipher ?? DEFAULT_CIPHER;
  const exists = hasContent(path) || hasContent(`${path}-wal`);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = await keyProvider.getKey({ mayCreate: !exists });

  const connection = new Database(path, { timeout: 0 });
  try {
    connection.pragma(`cipher = '${cipher}'`);
    if (cipher === 'sqlcipher') connection.pragma('legacy = 4');
    connection.pragma(`key = "x'${key.toString('hex')}'"`);
    key.fill(0);
    connection.pragma('locking_mode = EXCLUSIVE');
    checkReadable(connection, path);
    configureDurability(connection, path);
    migrate(connection, path);
  } catch (error) {
    connection.close();
    throw error;
  }
  logEvent('store.opened', { cipher, created: !exists });
  return {
    path,
    connection,
    close() {
      if (connection.open) connection.close();
    },
  };
}

function hasContent(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

function checkReadable(connection: Database.Database, path: string): void {
  let result: unknown;
  try {
    // The first read takes the exclusive lock and decrypts page 1; quick_check then reads every page.
    connection.prepare('SELECT count(*) FROM sqlite_schema').get();
    result = connection.pragma('quick_check', { simple: true });
  } catch (error) {
    const code = sqliteCodeOf(error);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DatabaseInUseError(path, { cause: error });
    if (code !== undefined) throw new DatabaseUnreadableError(path, code, { cause: error });
    throw error;
  }
  if (result !== 'ok') throw new DatabaseUnreadableError(path, 'INTEGRITY_CHECK');
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

/** Where `moveUnreadableDatabaseAside` put the files. */
export interface MovedDatabase {
  /** Every file moved, as `[from, to]` (the database, and its `-wal`/`-shm` if present). */
  moved: Array<[string, string]>;
}

/**
 * IT's recovery path for a database that cannot be read (lost key, damaged file): renames the file
 * and its WAL to `NAME.unreadable-YYYYMMDDTHHMMSSZ` beside it, so the kiosk can start with a new,
 * empty queue while the old file is kept for recovery with the right key or for the council's
 * records. Called only on IT's explicit request, never by the kiosk on its own. Nothing is deleted;
 * an existing target name is an error (`EEXIST`), not an overwrite.
 */
export async function moveUnreadableDatabaseAside(path: string, now: Date = new Date()): Promise<MovedDatabase> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const target = `${path}.unreadable-${stamp}`;
  const moved: Array<[string, string]> = [];
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(`${path}${suffix}`)) continue;
    if (existsSync(`${target}${suffix}`)) {
      throw Object.assign(new Error(`Cannot move ${path}${suffix} aside: ${target}${suffix} already exists`), { code: 'EEXIST' });
    }
    moved.push([`${path}${suffix}`, `${target}${suffix}`]);
  }
  for (const [from, to] of moved) await rename(from, to);
  logEvent('store.moved_aside', { files: moved.length, path: target });
  return { moved };
}
