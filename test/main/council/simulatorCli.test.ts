import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatInviteCode } from '../../../shared/inviteCode.ts';
import { seedInviteCodes } from '../../../main/council/simulator/simulatorSeed.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function run(args: string[]): { lines: Promise<string[]>; firstLine: Promise<string>; kill(): void; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['main/council/simulator/simulatorCli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let resolveFirst: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => (resolveFirst = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (lines.length === 0) resolveFirst(line);
    lines.push(line);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    firstLine: Promise.race([firstLine, exit.then((code) => `exited ${code}: ${stderr}`)]),
    lines: exit.then(() => [...lines, ...stderr.split('\n').filter(Boolean)]),
    kill: () => child.kill('SIGTERM'),
    exit,
  };
}

describe('npm run simulator', () => {
  it('prints "Council API: http://127.0.0.1:PORT" and serves there, then stops on SIGTERM', async () => {
    const cli = run(['--port', '0', '--activation-delay', '5']);
    const line = await cli.firstLine;
    const match = /^Council API: (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match, line).not.toBeNull();
    const seed = (await (await fetch(`${match![1]}/training/seed`)).json()) as { invites: { inviteCode: string }[] };
    expect(seed.invites.map((i) => i.inviteCode)).toEqual(seedInviteCodes().map(formatInviteCode));
    cli.kill();
    expect(await cli.exit).toBe(0);
  });

  it('takes faults from flags', async () => {
    const cli = run(['--port', '0', '--fault-503', '1', '--fault-retry-after', '9']);
    const url = /^Council API: (\S+)$/.exec(await cli.firstLine)![1]!;
    const faults = await (await fetch(`${url}/training/faults`)).json();
    expect(faults).toMatchObject({ unavailable503: 1, retryAfterSeconds: 9 });
    const refused = await fetch(`${url}/v1/site`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('9');
    cli.kill();
    await cli.exit;
  });

  it('documents the seeded data in --help', async () => {
    const cli = run(['--help']);
    expect(await cli.exit).toBe(0);
    const text = (await cli.lines).join('\n');
    expect(text).toContain('existing.resident@example.org / Norfolk-Training-1');
    expect(text).toContain('TRAINING-ENROLMENT-TOKEN-0001');
    for (const code of seedInviteCodes()) expect(text).toContain(formatInviteCode(code));
  });

  it.each([
    [['--port', 'abc']],
    [['--fault-500', 'lots']],
    [['--fault-500', '2']],
    [['--nonsense']],
  ])('refuses bad arguments %j with a clear message and exit code 1', async (args) => {
    const cli = run(args);
    expect(await cli.exit).toBe(1);
    expect((await cli.lines).join('\n')).toMatch(/Council API simulator could not start: /);
  });
});
