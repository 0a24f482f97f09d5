import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { keyFileFor } from '../../../main/kioskStoragePaths.ts';
import { keyFileProvider, provisionKeyFile } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import type { KioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { accountSetupPayload } from '../store/storeFixtures.ts';

// The admin command run as IT runs it, in a child process, against a real
// encrypted database in a temp folder.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['main/admin/kioskAdminCli.ts', ...args], { cwd: ROOT, env: { ...process.env, XDG_CONFIG_HOME: NO_CONFIG } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// These kiosks keep their key where earlier versions did (the data folder), which the queue
// commands still open; no default key file of this machine's account is ever looked at.
const NO_CONFIG = join(tmpdir(), 'kiosk-admin-no-config');

// enrol: see adminEnrol.test.ts.

describe('npm run admin -- status, dead-letters, retry, move-aside', () => {
  it('reports the queue, lists a dead letter without personal data, and puts it back', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-admin-'));
    const databasePath = join(dataDir, 'kiosk.db');
    const database = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(join(dataDir, 'kiosk-db.key'), databasePath) });
    const outbox = createOutbox(database);
    const payload = accountSetupPayload();
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: 'session-1', payload });
    outbox.startAttempts([item.sequence]);
    outbox.deadLetter(item.sequence, { code: 'setup_grant_invalid', reason: 'permanent', status: 403 }, Date.now());

    // While the kiosk holds the database, the admin command says so and changes nothing.
    const busy = await admin('status', '--data-dir', dataDir);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('held by another process');
    database.close();

    const status = await admin('status', '--data-dir', dataDir);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('waiting: 0');
    expect(status.stdout).toContain('deadLetters: 1');
    expect(status.stdout).toMatch(/auditLog: intact \(\d+ entries\)/);

    const listed = await admin('dead-letters', '--data-dir', dataDir);
    expect(listed.stdout).toMatch(new RegExp(`^#${item.sequence} account-setup setup_grant_invalid \\(permanent\\) after 1 attempt, `));
    expect(listed.stdout).not.toContain(payload.setupGrant);

    expect((await admin('retry', '99', '--data-dir', dataDir)).code).toBe(1);
    const retried = (await admin('retry', String(item.sequence), '--data-dir', dataDir)).stdout;
    expect(retried).toContain('is back in the queue as a new request (new Idempotency-Key): the council refused it (setup_grant_invalid 403)');
    expect((await admin('status', '--data-dir', dataDir)).stdout).toContain('waiting: 1');
    expect((await admin('dead-letters', '--data-dir', dataDir)).stdout).toBe('No dead letters.\n');
  });

  it('moves an unreadable database aside only when asked', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-admin-'));
    await writeFile(join(dataDir, 'kiosk.db'), 'x'.repeat(8192));
    await writeFile(join(dataDir, 'kiosk-db.key'), '', { mode: 0o600 });
    const status = await admin('status', '--data-dir', dataDir);
    expect(status.code).toBe(1);
    const moved = await admin('move-aside', '--data-dir', dataDir);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/kiosk\.db -> .*kiosk\.db\.unreadable/);
    expect(moved.stdout).toContain('Why: the kiosk cannot open it (key-invalid).');
    expect(moved.stdout).toContain("The moved database holds: unknown: its key could not be obtained (key-invalid); 8192 bytes");
  });
});

describe('npm run admin -- move-aside only acts on a database the kiosk cannot open, with the kiosk stopped', () => {
  async function kioskWith(setups: number): Promise<{ dataDir: string; database: KioskDatabase }> {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-admin-'));
    const databasePath = join(dataDir, 'kiosk.db');
    const database = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(join(dataDir, 'kiosk-db.key'), databasePath) });
    const outbox = createOutbox(database);
    for (let i = 0; i < setups; i++) outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: accountSetupPayload() });
    return { dataDir, database };
  }

  function checksums(dir: string): Record<string, string> {
    return Object.fromEntries(readdirSync(dir).map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
  }

  it('refuses a healthy database holding 4 queued setups, says what it holds, and moves nothing', async () => {
    const { dataDir, database } = await kioskWith(4);
    database.close();
    const before = checksums(dataDir);
    const refused = await admin('move-aside', '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('opens with its key and is whole: it holds 4 account setups waiting to be sent');
    expect(refused.stderr).toContain('Nothing was moved.');
    expect(checksums(dataDir)).toEqual(before);
  });

  it('refuses while the kiosk is running, even when its own key cannot open the file', async () => {
    const { dataDir, database } = await kioskWith(2);
    const wrongKey = join(dataDir, 'wrong.key');
    await provisionKeyFile(wrongKey);
    for (const args of [[], ['--key-file', wrongKey]]) {
      const refused = await admin('move-aside', '--data-dir', dataDir, ...args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is held by another process');
      expect(refused.stderr).toContain('Stop the kiosk first. Nothing was moved.');
    }
    expect(createOutbox(database).counts().depth).toBe(2);
    database.close();
    expect(readdirSync(dataDir).filter((name) => name.includes('unreadable'))).toEqual([]);
  });

  it('moves the high-water record of a deleted database aside, saying the database is missing, so the kiosk can start again', async () => {
    const { dataDir, database } = await kioskWith(1);
    database.close();
    rmSync(join(dataDir, 'kiosk.db'));
    const moved = await admin('move-aside', '--data-dir', dataDir);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('Why: the kiosk cannot open it (database-rolled-back).');
    expect(moved.stdout).toContain('The moved database holds: nothing: the database file is missing, only its high-water record was left.');
    const fresh = await openKioskDatabase({ path: join(dataDir, 'kiosk.db'), keyProvider: keyFileProvider(join(dataDir, 'kiosk-db.key')) });
    fresh.close();
  });

  it('moves a database that has gone back in time, says what it holds, and the kiosk then starts an empty queue', async () => {
    const { dataDir, database } = await kioskWith(1);
    database.close();
    const databasePath = join(dataDir, 'kiosk.db');
    const older = readFileSync(databasePath);
    const again = await openKioskDatabase({ path: databasePath, keyProvider: keyFileProvider(join(dataDir, 'kiosk-db.key')) });
    createOutbox(again).enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: accountSetupPayload() });
    again.close();
    writeFileSync(databasePath, older);

    const moved = await admin('move-aside', '--data-dir', dataDir);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('Why: the kiosk cannot open it (database-rolled-back).');
    expect(moved.stdout).toContain('The moved database holds: 1 account setup waiting to be sent, 0 receipts and 0 dead letters (outbox sequence up to #1)');
    expect(moved.stdout).toMatch(/kiosk\.db\.high-water -> .*kiosk\.db\.unreadable-\d{8}T\d{6}Z\.high-water/);

    const fresh = await openKioskDatabase({ path: databasePath, keyProvider: keyFileProvider(join(dataDir, 'kiosk-db.key')) });
    expect(createOutbox(fresh).counts().depth).toBe(0);
    fresh.close();
  });
});
