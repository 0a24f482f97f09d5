import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { keyFileFor } from '../../../main/kioskStoragePaths.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { accountSetupPayload } from '../store/storeFixtures.ts';

// The admin command run as IT runs it, in a child process, against a real
// encrypted database in a temp folder.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['main/admin/kioskAdminCli.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// enrol: see adminEnrol.test.ts.

describe('npm run admin -- status, dead-letters, retry, move-aside', () => {
  it('reports the queue, lists a dead letter without personal data, and puts it back', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-admin-'));
    const databasePath = join(dataDir, 'kiosk.db');
    const database = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(join(dataDir, 'kiosk-db.key'), databasePath) });
    const outbox = createOutbox(database);
    const payload = accountSetupPayload();
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: 'session-1', payload });
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
    expect((await admin('retry', String(item.sequence), '--data-dir', dataDir)).stdout).toContain('is back in the queue');
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
  });
});
