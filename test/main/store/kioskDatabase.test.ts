import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations.ts';
import { moveUnreadableDatabaseAside } from '../../../main/store/moveDatabaseAside.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { DatabaseInUseError, DatabaseTooNewError, DatabaseUnreadableError } from '../../../main/store/storeErrors.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId, tempFolder } from './storeFixtures.ts';

const logs = captureLogs();

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A database with `items` queued, closed (checkpointed into the main file), returning path and key. */
async function closedDatabaseWith(items: number): Promise<{ path: string; key: Buffer }> {
  const { database, path, key } = await openTempDatabase();
  const outbox = createOutbox(database);
  for (let i = 0; i < items; i++) outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
  database.close();
  return { path, key };
}

async function openError(path: string, key: Buffer): Promise<unknown> {
  return openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) }).then(
    (database) => {
      database.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe('opening the kiosk database', () => {
  it('creates an encrypted file: nothing in it is readable without the key', async () => {
    const { database, path } = await openTempDatabase();
    const outbox = createOutbox(database);
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload({ recordIds: ['MARKER-RECORD-ID'] }) });
    database.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('MARKER-RECORD-ID'))).toBe(false);
    expect(bytes.includes(Buffer.from('outbox'))).toBe(false);
  });

  it('asserts WAL, synchronous=FULL, secure_delete and one exclusive writer', async () => {
    const { database } = await openTempDatabase();
    const db = database.connection;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    database.close();
  });

  it('reopens with the same key and finds everything', async () => {
    const { path, key } = await closedDatabaseWith(3);
    const database = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) });
    expect(createOutbox(database).counts().depth).toBe(3);
    database.close();
  });

  it('works with either cipher, and a file written with one is unreadable with the other', async () => {
    const key = randomBytes(32);
    const { database, path } = await openTempDatabase({ cipher: 'chacha20', key });
    createOutbox(database).enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    database.close();
    const again = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key), cipher: 'chacha20' });
    expect(createOutbox(again).counts().depth).toBe(1);
    again.close();
    await expect(openKioskDatabase({ path, keyProvider: explicitKeyProvider(key), cipher: 'sqlcipher' })).rejects.toBeInstanceOf(DatabaseUnreadableError);
  });

  it('refuses a second process or connection while the kiosk holds the file', async () => {
    const { database, path, key } = await openTempDatabase();
    const error = await openError(path, key);
    expect(error).toBeInstanceOf(DatabaseInUseError);
    expect((error as DatabaseInUseError).path).toBe(path);
    database.close();
  });
});

describe('bad files give a clear error and change nothing', () => {
  it('a wrong key', async () => {
    const { path } = await closedDatabaseWith(2);
    const before = digest(path);
    const error = await openError(path, randomBytes(32));
    expect(error).toBeInstanceOf(DatabaseUnreadableError);
    expect((error as DatabaseUnreadableError).code).toBe('database-unreadable');
    expect((error as DatabaseUnreadableError).path).toBe(path);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain("'npm run admin -- move-aside'");
    expect(digest(path)).toBe(before);
  });

  it.each([
    ['truncated to half', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['truncated mid-page', (bytes: Buffer) => bytes.subarray(0, 4096 * 2 + 100)],
    ['a bit flipped in the first page', (bytes: Buffer) => flip(bytes, 200)],
    ['a bit flipped in a later page', (bytes: Buffer) => flip(bytes, 4096 * 3 + 500)],
    ['a bit flipped in the last page', (bytes: Buffer) => flip(bytes, bytes.length - 50)],
  ])('a file %s', async (_label, damage) => {
    const { path, key } = await closedDatabaseWith(60);
    writeFileSync(path, damage(readFileSync(path)));
    const before = digest(path);
    const error = await openError(path, key);
    expect(error).toBeInstanceOf(DatabaseUnreadableError);
    expect(digest(path)).toBe(before);
  });

  it('a file from a newer kiosk release', async () => {
    const { path, key } = await closedDatabaseWith(1);
    const raw = new Database(path);
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma('legacy = 4');
    raw.pragma(`key = "x'${key.toString('hex')}'"`);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const error = await openError(path, key);
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as DatabaseTooNewError).fileVersion).toBe(LATEST_SCHEMA_VERSION + 1);
  });
});

function flip(bytes: Buffer, offset: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] = (copy[offset] ?? 0) ^ 0x10;
  return copy;
}

describe("IT's recovery path", () => {
  it('moves an unreadable file, its WAL and its high-water record aside under a timestamped name, and a new queue can start', async () => {
    const { database, path, key } = await openTempDatabase();
    createOutbox(database).enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    // Simulate a crash: copy the file and its WAL while the kiosk holds them, as a kill would leave them.
    const folder = await tempFolder();
    const crashed = join(folder, 'kiosk.db');
    writeFileSync(crashed, readFileSync(path));
    writeFileSync(`${crashed}-wal`, readFileSync(`${path}-wal`));
    writeFileSync(`${crashed}.high-water`, readFileSync(`${path}.high-water`));
    database.close();

    const originalDb = digest(crashed);
    const originalWal = digest(`${crashed}-wal`);
    const { moved } = await moveUnreadableDatabaseAside(crashed, new Date('2026-03-04T05:06:07.890Z'));
    expect(moved.map(([, to]) => to)).toEqual([
      `${crashed}.unreadable-20260304T050607Z`,
      `${crashed}.unreadable-20260304T050607Z-wal`,
      `${crashed}.unreadable-20260304T050607Z.high-water`,
    ]);
    expect(existsSync(crashed)).toBe(false);
    expect(logs.some((line) => (JSON.parse(line) as { event?: unknown }).event === 'store.moved_aside')).toBe(true);
    expect(digest(`${crashed}.unreadable-20260304T050607Z`)).toBe(originalDb);
    expect(digest(`${crashed}.unreadable-20260304T050607Z-wal`)).toBe(originalWal);

    // The moved pair still opens with the right key: nothing was lost, only set aside.
    const kept = await openKioskDatabase({ path: `${crashed}.unreadable-20260304T050607Z`, keyProvider: explicitKeyProvider(key) });
    expect(createOutbox(kept).counts().depth).toBe(1);
    kept.close();

    const fresh = await openKioskDatabase({ path: crashed, keyProvider: explicitKeyProvider(randomBytes(32)) });
    expect(createOutbox(fresh).counts().depth).toBe(0);
    fresh.close();
  });

  it('never overwrites an earlier moved-aside file', async () => {
    const { path } = await closedDatabaseWith(1);
    const when = new Date('2026-03-04T05:06:07Z');
    writeFileSync(`${path}.unreadable-20260304T050607Z`, 'earlier');
    await expect(moveUnreadableDatabaseAside(path, when)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(`${path}.unreadable-20260304T050607Z`, 'utf8')).toBe('earlier');
  });

  it('is never automatic: opening an unreadable file leaves it where it is', async () => {
    const { path } = await closedDatabaseWith(1);
    const folder = join(path, '..');
    const before = await readdir(folder);
    await openError(path, randomBytes(32));
    expect(await readdir(folder)).toEqual(before);
  });
});
