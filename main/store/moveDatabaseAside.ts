import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { logEvent } from '../log.ts';
import {
  assertMainFileBesideLog,
  assertWritable,
  checkAgainstRecord,
  databaseFilesAt,
  isDatabaseHeld,
  isNewDatabase,
  readDatabaseContents,
} from './databaseInspection.ts';
import type { DatabaseContents, DatabaseFiles } from './databaseInspection.ts';
import type { KeyProvider } from './databaseKey.ts';
import { highWaterKey, readHighWaterMark } from './highWaterMark.ts';
import { DEFAULT_CIPHER } from './kioskDatabase.ts';
import type { DatabaseCipher } from './kioskDatabase.ts';
import { DatabaseInUseError, DatabaseRolledBackError, DatabaseUnreadableError, KeyProviderError, KioskStoreError } from './storeErrors.ts';

/** Where `moveUnreadableDatabaseAside` put the files. */
export interface MovedDatabase {
  /** Every file moved, as `[from, to]` (the database, its `-wal`/`-shm` and high-water record if present). */
  moved: Array<[string, string]>;
}

/**
 * Renames the database, its write-ahead log and the kiosk's high-water record (`highWaterMark.ts`)
 * to `NAME.unreadable-YYYYMMDDTHHMMSSZ…` beside them, so the kiosk can start with a new, empty
 * queue while the old files are kept, together, for recovery with the right key or for the
 * council's records. Nothing is deleted; an existing target name is an error (`EEXIST`), not an
 * overwrite. It checks nothing: IT's command goes through `moveDatabaseAsideIfUnopenable`.
 */
export async function moveUnreadableDatabaseAside(path: string, now: Date = new Date()): Promise<MovedDatabase> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const target = `${path}.unreadable-${stamp}`;
  const moved: Array<[string, string]> = [];
  for (const suffix of ['', '-wal', '-shm', '.high-water']) {
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

/** What IT's move-aside did: the files moved, why the kiosk could not open them, and what they hold. */
export interface MoveAsideReport extends MovedDatabase {
  /** Why the kiosk cannot open the database (the error the kiosk gives at start-up). */
  reason: KioskStoreError;
  /** What the moved database holds, in words for IT (counts only, never a payload). */
  holds: string;
}

/**
 * IT's recovery path (`npm run admin -- move-aside`): moves the database aside only when the kiosk
 * itself cannot open it (a wrong or lost key, a damaged file, a database that has gone back in
 * time), and only while no kiosk is running (a running kiosk holds the file's lock). Otherwise it
 * refuses with an `Error` that says why, and moves nothing: a healthy database, one the kiosk is
 * using, a read-only folder, a newer release's file or an insecure key file are not fixed by
 * moving the database, and moving would hide residents' queued setups from the kiosk.
 */
export async function moveDatabaseAsideIfUnopenable(
  options: { path: string; keyProvider: KeyProvider; cipher?: DatabaseCipher },
  now: Date = new Date(),
): Promise<MoveAsideReport> {
  const { path } = options;
  const refuse = (why: string) => new Error(`${why} Nothing was moved.`);
  if (isDatabaseHeld(path)) throw refuse(new DatabaseInUseError(path).message + ' Stop the kiosk first.');
  const files = databaseFilesAt(path);
  if (isNewDatabase(files) && !files.recordExists) throw refuse(`There is no kiosk database at ${path}.`);
  const diagnosis = await diagnose(files, options.keyProvider, options.cipher ?? DEFAULT_CIPHER);
  if (diagnosis.reason === undefined) {
    throw refuse(`The kiosk database ${path} opens with its key and is whole: it holds ${describeContents(diagnosis.contents)}.`);
  }
  if (!canMoveAside(diagnosis.reason)) throw refuse(diagnosis.reason.message);
  const report = { ...(await moveUnreadableDatabaseAside(path, now)), reason: diagnosis.reason, holds: describeHolding(files, diagnosis) };
  logEvent('store.moved_aside_reason', { code: diagnosis.reason.code });
  return report;
}

interface Diagnosis {
  reason: KioskStoreError | undefined;
  contents: DatabaseContents | undefined;
}

// The kiosk's own start-up checks (kioskDatabase.ts), read-only, keeping what the file holds.
async function diagnose(files: DatabaseFiles, keyProvider: KeyProvider, cipher: DatabaseCipher): Promise<Diagnosis> {
  let contents: DatabaseContents | undefined;
  try {
    assertWritable(files);
    assertMainFileBesideLog(files);
    const key = await keyProvider.getKey({ mayCreate: false });
    try {
      const reading = readHighWaterMark(files.recordPath, highWaterKey(key));
      if (!isNewDatabase(files)) contents = readDatabaseContents(files.path, key, cipher);
      checkAgainstRecord(files, reading, contents);
    } finally {
      key.fill(0);
    }
    return { reason: undefined, contents };
  } catch (error) {
    if (error instanceof KioskStoreError) return { reason: error, contents };
    throw error;
  }
}

function canMoveAside(reason: KioskStoreError): boolean {
  if (reason instanceof DatabaseUnreadableError || reason instanceof DatabaseRolledBackError) return true;
  return reason instanceof KeyProviderError && reason.code !== 'key-insecure';
}

function describeContents(contents: DatabaseContents | undefined): string {
  if (contents === undefined) return 'nothing';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(contents.waiting, 'account setup')} waiting to be sent, ${plural(contents.receipts, 'receipt')} and ` +
    `${plural(contents.deadLetters, 'dead letter')} (outbox sequence up to #${contents.outboxSequence})`
  );
}

function describeHolding(files: DatabaseFiles, diagnosis: Diagnosis): string {
  const sizes = `${files.mainBytes ?? 0} bytes, with a ${files.walBytes ?? 0}-byte write-ahead log`;
  if (diagnosis.contents !== undefined) return `${describeContents(diagnosis.contents)}; ${sizes}`;
  if (isNewDatabase(files)) return `nothing: the database file is ${files.mainBytes === null ? 'missing' : 'empty'}, only its high-water record was left`;
  const reason = diagnosis.reason;
  const why =
    reason instanceof DatabaseUnreadableError
      ? `it cannot be read with this kiosk's key (${reason.sqliteCode}: a wrong key or a damaged file)`
      : reason instanceof KeyProviderError
        ? `its key could not be obtained (${reason.code})`
        : 'it could not be read';
  return `unknown: ${why}; ${sizes}. Open it with its original key to see and recover what it holds`;
}
