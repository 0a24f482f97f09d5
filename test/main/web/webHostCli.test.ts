import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-host-cli-'));
  // A stand-in for the built renderer: the command checks only that index.html is there.
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
});

/** Runs `npm run web` as IT would; resolves with its exit code and what it printed. */
async function web(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'main/web/webHostCli.ts'), '--static-dir', dir, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 15_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run web reads IT kiosk.json before anything starts', () => {
  it('refuses a bad file, naming the file, the setting and what is wrong, and starts nothing', async () => {
    const config = join(dir, 'bad.json');
    await writeFile(config, JSON.stringify({ idle: { timeoutSeconds: 120, warningSeconds: 10 } }));
    const result = await web(['--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(config);
    expect(result.stderr).toContain('`idle.warningSeconds`: 10 is below the minimum 20');
    expect(result.stdout).not.toContain('Kiosk:');
  });

  it('takes the live settings from the file, so half a live set-up is refused by name', async () => {
    const config = join(dir, 'half-live.json');
    await writeFile(config, JSON.stringify({ council: { apiUrl: 'https://council.example/' } }));
    const result = await web(['--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--device-credential-file is missing');
    expect(result.stdout).not.toContain('Kiosk:');
  });

  it('names a --set override as the source of a bad setting', async () => {
    const result = await web(['--set', 'idle.warningSeconds=5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('`idle.warningSeconds` (from --set idle.warningSeconds=5): 5 is below the minimum 20');
  });

  it('refuses a --config file that does not exist', async () => {
    const result = await web(['--config', join(dir, 'missing.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not exist');
  });
});
