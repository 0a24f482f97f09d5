/**
 * Typed errors of the kiosk's encrypted store. Each names the file it concerns and says what IT
 * should do, because these are the errors a council IT officer reads in a log or on the kiosk's
 * "cannot start" screen, usually far from the code. None of them is ever handled by deleting or
 * re-creating the database: that would lose residents' submitted steps.
 */

/** What went wrong, as a short machine code for logs and for what the admin commands tell IT. */
export type KioskStoreErrorCode =
  | 'key-unavailable'
  | 'key-insecure'
  | 'key-invalid'
  | 'database-unreadable'
  | 'database-rolled-back'
  | 'database-not-writable'
  | 'database-in-use'
  | 'database-not-durable'
  | 'database-too-new'
  | 'database-full'
  | 'database-write-failed'
  | 'payload-invalid';

/** Base class: every store error carries a code and the file it concerns (or `null`). */
export class KioskStoreError extends Error {
  override name = 'KioskStoreError';
  readonly code: KioskStoreErrorCode;
  readonly path: string | null;

  constructor(code: KioskStoreErrorCode, path: string | null, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.path = path;
  }
}

/**
 * The database key could not be obtained, or a key source is unsafe: a missing or malformed key
 * file, one that other users can read, safeStorage unavailable or (on Linux) backed by the
 * `basic_text` store, which is no encryption at all.
 */
export class KeyProviderError extends KioskStoreError {
  override name = 'KeyProviderError';
  declare readonly code: 'key-unavailable' | 'key-insecure' | 'key-invalid';
}

/**
 * The database file exists but cannot be read with this key: the key is wrong, or the file is
 * truncated, bit-flipped or tampered with (both ciphers authenticate every page, so tampering is
 * detected, not read as garbage). Nothing has been changed on disk. IT either restores the right
 * key, or explicitly moves the file aside (`npm run admin -- move-aside`) to start a new queue
 * while keeping the old file for recovery.
 */
export class DatabaseUnreadableError extends KioskStoreError {
  override name = 'DatabaseUnreadableError';
  /** SQLite's own code (`SQLITE_NOTADB`, `SQLITE_CORRUPT`, …) or `INTEGRITY_CHECK`. */
  readonly sqliteCode: string;

  constructor(path: string, sqliteCode: string, options?: { cause?: unknown }) {
    super(
      'database-unreadable',
      path,
      `The kiosk database ${path} cannot be read (${sqliteCode}): either the key is not the one this file was ` +
        `written with, or the file is damaged or has been tampered with. Nothing has been changed. ` +
        `IT: restore this kiosk's original key (its key file, or this machine's keychain for safeStorage); ` +
        `if the key is lost or the file is damaged, stop the kiosk and move the file aside with ` +
        `'npm run admin -- move-aside' (it is kept under a timestamped name, ` +
        `never deleted) so the kiosk can start an empty queue, and ` +
        `tell the council's service desk that undelivered registrations from this kiosk may need re-entering.`,
      options,
    );
    this.sqliteCode = sqliteCode;
  }
}

/** How a database has gone back in time, as `DatabaseRolledBackError` found it. */
export type RollbackFinding =
  | { kind: 'missing' | 'empty'; recordedSequence: number | null }
  | { kind: 'log-without-database'; walBytes: number }
  | { kind: 'older'; recordedSequence: number; foundSequence: number }
  | { kind: 'other-database' | 'record-missing' | 'record-invalid' };

function describeRollback(path: string, finding: RollbackFinding): string {
  const record = `${path}.high-water`;
  const upTo = (sequence: number | null) => (sequence === null ? '' : ` (setups up to #${sequence})`);
  switch (finding.kind) {
    case 'missing':
      return `the file is missing, but this kiosk's record ${record} says it saved data in it${upTo(finding.recordedSequence)}`;
    case 'empty':
      return `the file is empty (0 bytes), but this kiosk's record ${record} says it saved data in it${upTo(finding.recordedSequence)}`;
    case 'log-without-database':
      return `the file is missing or empty while its write-ahead log ${path}-wal holds ${finding.walBytes} bytes of saved changes`;
    case 'older':
      return (
        `it holds setups only up to #${finding.foundSequence}, but this kiosk's record ${record} says setups up to ` +
        `#${finding.recordedSequence} were saved (its write-ahead log ${path}-wal may have been cut short or damaged, ` +
        `or an older copy put back)`
      );
    case 'other-database':
      return `it is not the database this kiosk's record ${record} was written for (a new or another kiosk's file)`;
    case 'record-missing':
      return `this kiosk's record of what it saved, ${record}, is missing`;
    case 'record-invalid':
      return `this kiosk's record of what it saved, ${record}, cannot be verified with this kiosk's key`;
  }
}

/**
 * The database is older than this kiosk's record of it (`highWaterMark.ts`): deleted, emptied,
 * an older copy, or a write-ahead log cut short or damaged, so setups queued on this kiosk may be
 * missing. Nothing has been changed on disk. The kiosk never starts on such a file, as with a
 * wrong key: starting would hide the loss and let new residents' setups pile on top of it.
 */
export class DatabaseRolledBackError extends KioskStoreError {
  override name = 'DatabaseRolledBackError';
  readonly finding: RollbackFinding;

  constructor(path: string, finding: RollbackFinding) {
    super(
      'database-rolled-back',
      path,
      `The kiosk database ${path} has gone back in time: ${describeRollback(path, finding)}. Account setups ` +
        `queued on this kiosk may be missing from it, so the kiosk will not start on it. Nothing has been changed. ` +
        `IT: put back the missing or undamaged files (${path}, ${path}-wal) from the kiosk's backup and start ` +
        `again. If they cannot be recovered, stop the kiosk and run 'npm run admin -- move-aside' (every file is ` +
        `kept under a timestamped name, never deleted) so the kiosk can start an empty queue, and tell the ` +
        `council's service desk that setups from this kiosk may need re-entering.`,
    );
    this.finding = finding;
  }
}

/**
 * The kiosk cannot write to its data folder, database file or disk (a read-only folder, file or
 * mount): not a wrong key and not damage. Nothing has been changed; the files are left as they are.
 */
export class DatabaseNotWritableError extends KioskStoreError {
  override name = 'DatabaseNotWritableError';
  /** What cannot be written to (the folder, or one of the database's files). */
  readonly target: string;
  /** The operating system's or SQLite's code (`EROFS`, `EACCES`, `EPERM`, `SQLITE_READONLY`, …). */
  readonly reason: string;

  constructor(path: string, target: string, reason: string, options?: { cause?: unknown }) {
    super(
      'database-not-writable',
      path,
      `The kiosk cannot write to ${target} (${reason}): the folder, the file or the disk it is on is read-only ` +
        `for the kiosk's account. Nothing has been changed, and this is not a sign that the database is damaged ` +
        `or its key wrong. IT: make ${target} writable for the kiosk's account (check how the disk is mounted, ` +
        `the owner and permissions, and attributes such as 'chattr +i') and start the kiosk again.`,
      options,
    );
    this.target = target;
    this.reason = reason;
  }
}

/** Another process holds the database (a second kiosk instance): there is only ever one writer. */
export class DatabaseInUseError extends KioskStoreError {
  override name = 'DatabaseInUseError';

  constructor(path: string, options?: { cause?: unknown }) {
    super(
      'database-in-use',
      path,
      `The kiosk database ${path} is held by another process. Only one kiosk process may use it; ` +
        `close the other instance (or the tool that opened the file) and start the kiosk again.`,
      options,
    );
  }
}

/** The SQLite settings that make an enqueue durable could not be established; refusing to run. */
export class DatabaseNotDurableError extends KioskStoreError {
  override name = 'DatabaseNotDurableError';

  constructor(path: string, setting: string, actual: unknown) {
    super(
      'database-not-durable',
      path,
      `The kiosk database ${path} could not be set up for durable writes: ${setting} is ${JSON.stringify(actual)}. ` +
        `The file system may not support SQLite's write-ahead log (a network share, for example); put the ` +
        `kiosk's data folder on a local disk.`,
    );
  }
}

/** The file was written by a newer kiosk version than this one (a rollback): refusing to touch it. */
export class DatabaseTooNewError extends KioskStoreError {
  override name = 'DatabaseTooNewError';
  readonly fileVersion: number;
  readonly supportedVersion: number;

  constructor(path: string, fileVersion: number, supportedVersion: number) {
    super(
      'database-too-new',
      path,
      `The kiosk database ${path} has schema version ${fileVersion}, newer than this kiosk understands ` +
        `(${supportedVersion}). It was written by a newer release; install that release again rather than ` +
        `rolling back, so nothing queued in it is lost.`,
    );
    this.fileVersion = fileVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** The disk (or SQLite's size limit) is full: the write was rolled back, everything stored before is intact. */
export class DatabaseFullError extends KioskStoreError {
  override name = 'DatabaseFullError';

  constructor(path: string, options?: { cause?: unknown }) {
    super(
      'database-full',
      path,
      `The kiosk database ${path} could not grow: the disk is full. The step was not saved (nothing saved ` +
        `before it is affected). IT: free space on the kiosk's data disk.`,
      options,
    );
  }
}

/** Any other failed write (an I/O error, for example): rolled back, nothing stored before is affected. */
export class DatabaseWriteError extends KioskStoreError {
  override name = 'DatabaseWriteError';
  readonly sqliteCode: string;

  constructor(path: string, sqliteCode: string, options?: { cause?: unknown }) {
    super(
      'database-write-failed',
      path,
      `A write to the kiosk database ${path} failed (${sqliteCode}) and was rolled back; nothing stored ` +
        `before it is affected. IT: check the kiosk's data disk.`,
      options,
    );
    this.sqliteCode = sqliteCode;
  }
}

/**
 * An outbox payload was refused before anything was written: an unknown kind, a payload that does
 * not match its kind's schema, or one carrying a field that looks like a password or a one-time
 * code (those never go to disk). `problems` lists paths and messages, never the values.
 */
export class OutboxPayloadError extends KioskStoreError {
  override name = 'OutboxPayloadError';
  readonly problems: readonly string[];

  constructor(kind: string, problems: readonly string[]) {
    super('payload-invalid', null, `Outbox item of kind '${kind}' refused:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/** SQLite's error code (`SQLITE_FULL`, …) of a driver error, or `undefined` for anything else. */
export function sqliteCodeOf(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) {
    return error.code;
  }
  return undefined;
}

/**
 * Turns a driver error from a write into the store's typed error (full disk, other I/O), so callers
 * see one vocabulary. Anything that is not a SQLite error is returned unchanged (a bug, not a disk).
 */
export function storeWriteError(path: string, error: unknown): unknown {
  const code = sqliteCodeOf(error);
  if (code === undefined) return error;
  if (code === 'SQLITE_FULL') return new DatabaseFullError(path, { cause: error });
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) return new DatabaseUnreadableError(path, code, { cause: error });
  return new DatabaseWriteError(path, code, { cause: error });
}
