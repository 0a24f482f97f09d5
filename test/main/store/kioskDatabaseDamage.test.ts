import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { encodeKeyFile, keyFileProvider, provisionKeyFile } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { accountSetupPayload, captureLogs, sessionId, tempFolder } from './storeFixtures.ts';

// The damaged-file matrix: each way a kiosk's files are found damaged, emptied, cut short or
// unwritable, with every file's checksum before and after the failed start (a failed start
// changes nothing), and the message IT is given.

captureLogs();
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

interface Image {
  dir: string;
  path: string;
  keyFile: string;
}

/**
 * A kiosk's data folder as a crash leaves it: `checkpointed` setups in the database file and
 * `inWal` more only in its write-ahead log, copied while the kiosk still holds the files.
 */
async function crashImage(checkpointed: number, inWal: number): Promise<Image> {
  const live = await tempFolder();
  await provisionKeyFile(join(live, 'kiosk-db.key'));
  const database = await openKioskDatabase({ path: join(live, 'kiosk.db'), keyProvider: keyFileProvider(join(live, 'kiosk-db.key')) });
  const outbox = createOutbox(database);
  const enqueue = () => outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
  for (let i = 0; i < checkpointed; i++) enqueue();
  database.connection.pragma('wal_checkpoint(TRUNCATE)');
  for (let i = 0; i < inWal; i++) enqueue();
  const dir = await tempFolder();
  for (const name of readdirSync(live)) copyFileSync(join(live, name), join(dir, name));
  database.close();
  return { dir, path: join(dir, 'kiosk.db'), keyFile: join(dir, 'kiosk-db.key') };
}

/** Every file in the folder with its SHA-256. */
function checksums(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

function flip(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x10;
  writeFileSync(path, bytes);
}

interface Outcome {
  ok: boolean;
  name?: string;
  code?: string;
  message?: string;
}

/** Starts the database as the kiosk does, in a child process, as `uid` if given. */
async function start(image: Image, uid?: number): Promise<Outcome> {
  const { stdout } = await run(process.execPath, ['test/main/store/openDatabaseChild.ts', '--db', image.path, '--key-file', image.keyFile], {
    cwd: ROOT,
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return JSON.parse(stdout) as Outcome;
}

/** Starts the damaged image and checks that nothing on disk changed; returns what the kiosk said. */
async function failedStart(image: Image, uid?: number): Promise<Outcome> {
  const before = checksums(image.dir);
  const outcome = await start(image, uid);
  expect(outcome.ok).toBe(false);
  expect(checksums(image.dir)).toEqual(before);
  return outcome;
}

// Tests run as root, where file modes do not stop writes: the read-only cases start the kiosk as
// the unprivileged `nobody` account instead (when not root, the modes alone do it).
const NOBODY = 65534;
const asUser = process.getuid?.() === 0 ? NOBODY : undefined;
function giveTo(...paths: string[]): void {
  if (asUser !== undefined) for (const path of paths.filter((p) => existsSync(p))) chownSync(path, asUser, asUser);
}

describe('the damaged-file matrix: a failed start changes nothing and says what is wrong', () => {
  it('an undamaged crash image starts and holds every setup (the control for the cases below)', async () => {
    const image = await crashImage(2, 3);
    expect(await start(image)).toEqual({ ok: true });
    const database = await openKioskDatabase({ path: image.path, keyProvider: keyFileProvider(image.keyFile) });
    expect(createOutbox(database).counts().depth).toBe(5);
    database.close();
  });

  it('a zero-length database file (key file present)', async () => {
    const image = await crashImage(3, 0);
    rmSync(`${image.path}-wal`, { force: true });
    truncateSync(image.path, 0);
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-rolled-back');
    expect(outcome.message).toContain('the file is empty (0 bytes)');
    expect(outcome.message).toContain('setups up to #3');
  });

  it('a deleted database file (key file present)', async () => {
    const image = await crashImage(3, 0);
    rmSync(`${image.path}-wal`, { force: true });
    rmSync(image.path);
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-rolled-back');
    expect(outcome.message).toContain('the file is missing');
  });

  it('a write-ahead log holding 3 committed setups beside a zero-length file', async () => {
    const image = await crashImage(0, 3);
    truncateSync(image.path, 0);
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-rolled-back');
    expect(outcome.message).toMatch(/write-ahead log \S+kiosk\.db-wal holds \d+ bytes of saved changes/);
  });

  it('a write-ahead log cut in half', async () => {
    const image = await crashImage(2, 3);
    const wal = `${image.path}-wal`;
    truncateSync(wal, Math.floor(readFileSync(wal).length / 2));
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-rolled-back');
    expect(outcome.message).toMatch(/it holds setups only up to #[2-4], but this kiosk's record \S+ says setups up to #5 were saved/);
  });

  it('a write-ahead log with a flipped byte', async () => {
    const image = await crashImage(2, 3);
    const wal = `${image.path}-wal`;
    flip(wal, Math.floor(readFileSync(wal).length / 2));
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-rolled-back');
    expect(outcome.message).toContain('says setups up to #5 were saved');
  });

  it('a database file with a flipped byte, its write-ahead log present (the log is neither merged nor deleted)', async () => {
    const image = await crashImage(40, 3);
    flip(image.path, 4096 * 2 + 300);
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-unreadable');
    expect(outcome.message).toContain('Nothing has been changed');
  });

  it.each([
    ['after a crash (write-ahead log present)', 3],
    ['after a clean stop (no write-ahead log)', 0],
  ])('a wrong key, %s', async (_label, inWal) => {
    const image = await crashImage(2, inWal);
    if (inWal === 0) rmSync(`${image.path}-wal`);
    writeFileSync(image.keyFile, encodeKeyFile(randomBytes(32)), { mode: 0o600 });
    const outcome = await failedStart(image);
    expect(outcome.code).toBe('database-unreadable');
    expect(outcome.message).toContain('either the key is not the one this file was written with');
  });

  it('a read-only data folder is reported as one, not as a wrong key or damage', async () => {
    const image = await crashImage(3, 0);
    rmSync(`${image.path}-wal`, { force: true });
    giveTo(image.keyFile, `${image.path}.high-water`);
    chmodSync(image.path, 0o644);
    chmodSync(image.dir, 0o555);
    const outcome = await failedStart(image, asUser);
    expect(outcome.code).toBe('database-not-writable');
    expect(outcome.message).toContain(`The kiosk cannot write to its data folder ${image.dir} (EACCES)`);
    expect(outcome.message).not.toContain('move-aside');
  });

  it('a read-only database file is reported as one, not as a wrong key or damage', async () => {
    const image = await crashImage(3, 0);
    rmSync(`${image.path}-wal`, { force: true });
    giveTo(image.dir, image.keyFile, `${image.path}.high-water`);
    chmodSync(image.path, 0o444);
    const outcome = await failedStart(image, asUser);
    expect(outcome.code).toBe('database-not-writable');
    expect(outcome.message).toContain(`The kiosk cannot write to ${image.path} (EACCES)`);
    expect(outcome.message).not.toContain('move-aside');
  });
});
