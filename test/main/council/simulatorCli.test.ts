import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatInviteCode } from '../../../shared/inviteCode.ts';
import { seedInviteCodes } from '../../../main/council/simulator/simulatorSeed.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function run(args: string[]): {
  lines: Promise<string[]>;
  firstLine: Promise<string>;
  line(index: number): Promise<string>;
  kill(): void;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['main/council/simulator/simulatorCli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiting: { index: number; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiting.filter((w) => w.index === lines.length - 1)) waiter.resolve(line);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = (index: number): Promise<string> =>
    Promise.race([
      index < lines.length ? Promise.resolve(lines[index]!) : new Promise<string>((resolve) => waiting.push({ index, resolve })),
      exit.then((code) => `exited ${code}: ${stderr}`),
    ]);
  return {
    firstLine: line(0),
    line,
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
    const token = /^Training token: ([\w-]{32})$/.exec(await cli.line(1))?.[1];
    expect(token).toBeDefined();
    const seed = (await (await fetch(`${match![1]}/training/seed`, { headers: { 'X-Training-Token': token! } })).json()) as { invites: { inviteCode: string }[] };
    expect(seed.invites.map((i) => i.inviteCode)).toEqual(seedInviteCodes().map(formatInviteCode));
    cli.kill();
    expect(await cli.exit).toBe(0);
  });

  it('refuses /training/* without the token it printed', async () => {
    const cli = run(['--port', '0']);
    const url = /^Council API: (\S+)$/.exec(await cli.firstLine)![1]!;
    const token = /^Training token: (\S+)$/.exec(await cli.line(1))![1]!;
    try {
      for (const headers of [{}, { 'X-Training-Token': `${token.slice(1)}x` }, { 'X-Training-Token': '' }] as Record<string, string>[]) {
        const refused = await fetch(`${url}/training/messages`, { headers });
        expect(refused.status).toBe(401);
        expect(await refused.text()).not.toContain('@example.org');
      }
      expect((await fetch(`${url}/training/messages`, { headers: { 'X-Training-Token': token } })).status).toBe(200);
      // The council API itself does not need the token.
      expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
    } finally {
      cli.kill();
      await cli.exit;
    }
  });

  it('takes faults from flags', async () => {
    const cli = run(['--port', '0', '--fault-503', '1', '--fault-retry-after', '9']);
    const url = /^Council API: (\S+)$/.exec(await cli.firstLine)![1]!;
    const token = /^Training token: (\S+)$/.exec(await cli.line(1))![1]!;
    const faults = await (await fetch(`${url}/training/faults`, { headers: { 'X-Training-Token': token } })).json() as unknown;
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
