import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import type { CouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';

// `admin enrol` run as IT runs it, in a child process with the token on standard input, against
// the council simulator over real HTTP.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function admin(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['main/admin/kioskAdminCli.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let simulator: CouncilSimulator;
beforeAll(async () => {
  simulator = await startCouncilSimulator();
});
afterAll(() => simulator.close());

async function mintToken(): Promise<string> {
  const response = await fetch(`${simulator.url}/training/enrolment-tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: 1 }),
  });
  return ((await response.json()) as { enrolmentTokens: string[] }).enrolmentTokens[0]!;
}

async function outPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'kiosk-enrol-')), 'device.credential');
}

describe('npm run admin -- enrol', () => {
  it('reads the token from standard input and writes the credential to a new 0600 file', async () => {
    const out = await outPath();
    const run = await admin(['enrol', '--council-api', simulator.url, '--out', out, '--device-name', 'library-07'], `${await mintToken()}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Enrolled as device \S+; credential written to /);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toMatch(/^[A-Za-z0-9_.~-]{16,200}\n$/);
  });

  it('reads the token from --token-file', async () => {
    const out = await outPath();
    const tokenFile = join(await mkdtemp(join(tmpdir(), 'kiosk-token-')), 'token.txt');
    await writeFile(tokenFile, await mintToken(), { mode: 0o600 });
    const run = await admin(['enrol', '--council-api', simulator.url, '--out', out, '--token-file', tokenFile]);
    expect(run.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses a token on the command line, without using it', async () => {
    const token = await mintToken();
    const out = await outPath();
    const refused = await admin(['enrol', '--council-api', simulator.url, '--out', out, '--token', token]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not take the token on the command line');
    expect(existsSync(out)).toBe(false);
    expect((await admin(['enrol', '--council-api', simulator.url, '--out', out], token)).code).toBe(0);
  });

  it('refuses an existing --out file before calling the council, so the token still works', async () => {
    const token = await mintToken();
    const out = await outPath();
    await writeFile(out, 'the credential in use\n', { mode: 0o600 });
    const refused = await admin(['enrol', '--council-api', simulator.url, '--out', out], token);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists (EEXIST)');
    expect(refused.stderr).toContain('the token was not used');
    expect(readFileSync(out, 'utf8')).toBe('the credential in use\n');

    const other = `${out}.new`;
    const retried = await admin(['enrol', '--council-api', simulator.url, '--out', other], token);
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
  });

  it('leaves no file behind when the council refuses the token', async () => {
    const out = await outPath();
    const wrong = await admin(['enrol', '--council-api', simulator.url, '--out', out], 'NOT-A-REAL-TOKEN-123\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('enrolment_token_invalid');
    expect(existsSync(out)).toBe(false);
  });

  it('says what is missing', async () => {
    const out = await outPath();
    expect((await admin(['enrol', '--council-api', simulator.url])).stderr).toContain('enrol needs --council-api and --out');
    expect((await admin(['enrol', '--council-api', simulator.url, '--out', out], '')).stderr).toContain('No enrolment token on standard input');
    expect((await admin(['frobnicate'])).code).toBe(2);
  });
});
