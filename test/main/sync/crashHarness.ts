import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { listDeadLetters, listReceipts } from '../../../main/store/outboxMaintenance.ts';
import { ROOT, startStandaloneSimulator } from './standaloneSimulator.ts';
import type { StandaloneSimulator } from './standaloneSimulator.ts';

/** Where a kill lands. */
export type KillMoment = 'while-enqueuing' | 'mid-request' | 'after-council-commit' | 'random';

const MOMENTS: readonly KillMoment[] = ['while-enqueuing', 'mid-request', 'after-council-commit', 'random'];

/** What a crash run found. Everything but the counts of kills must be zero for a pass. */
export interface CrashReport {
  kills: number;
  killsByMoment: Record<KillMoment, number>;
  /** Runs that had to be killed by the safety timer because their moment never came. */
  fallbackKills: number;
  /** Enqueues that returned (printed ENQUEUED) before a kill: each must reach the council once. */
  acknowledgedEnqueues: number;
  /** Account setups the council stored for this kiosk. */
  councilSetups: number;
  /** Acknowledged enqueues the council never received. */
  lost: number;
  /** Idempotency-Keys the council stored more than once (must be 0). */
  duplicatedAtCouncil: number;
  /** Council setups with no receipt in the kiosk, or receipts the council does not have. */
  receiptMismatches: number;
  deadLetters: number;
  leftInOutbox: number;
  auditChainOk: boolean;
  seconds: number;
}

interface ChildRun {
  stdout: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  fallback: boolean;
}

/**
 * The crash proof: a kiosk (outboxCrashChild.ts) delivering to the standalone simulator is killed
 * with SIGKILL `kills` times at chosen moments: while enqueuing, with a request in flight, after the
 * council committed a setup but before the kiosk recorded it, and at random; each time it is
 * started again on the same encrypted file. Then a last run drains everything, and the council's
 * stored setups are compared with what the kiosk acknowledged and recorded. With `lanes` > 1,
 * that many kiosks (own file, own device) do it side by side, sharing the kills between them.
 */
export async function runCrashProof(options: { kills: number; lanes?: number; onProgress?: (done: number) => void }): Promise<CrashReport> {
  const started = Date.now();
  const lanes = Math.max(1, options.lanes ?? 1);
  const folder = await mkdtemp(join(tmpdir(), 'kiosk-crash-'));
  // Slow answers (after the council has committed) widen the window in which a kill lands mid-request.
  const simulator = await startStandaloneSimulator(['--fault-slow', '0.3', '--fault-slow-ms', '120']);
  try {
    let done = 0;
    const results = await Promise.all(
      Array.from({ length: lanes }, (_, lane) => {
        const kills = Math.floor(options.kills / lanes) + (lane < options.kills % lanes ? 1 : 0);
        return runLane(simulator, join(folder, `lane-${lane}`), kills, () => options.onProgress?.(++done));
      }),
    );
    const sum = (pick: (r: LaneResult) => number) => results.reduce((total, r) => total + pick(r), 0);
    const killsByMoment = Object.fromEntries(MOMENTS.map((m) => [m, sum((r) => r.killsByMoment[m])])) as Record<KillMoment, number>;
    return {
      kills: options.kills,
      killsByMoment,
      fallbackKills: sum((r) => r.fallbackKills),
      acknowledgedEnqueues: sum((r) => r.acknowledgedEnqueues),
      councilSetups: sum((r) => r.councilSetups),
      lost: sum((r) => r.lost),
      duplicatedAtCouncil: sum((r) => r.duplicatedAtCouncil),
      receiptMismatches: sum((r) => r.receiptMismatches),
      deadLetters: sum((r) => r.deadLetters),
      leftInOutbox: sum((r) => r.leftInOutbox),
      auditChainOk: results.every((r) => r.auditChainOk),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await simulator.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

type LaneResult = Omit<CrashReport, 'kills' | 'seconds'>;

async function runLane(simulator: StandaloneSimulator, folder: string, kills: number, progress: () => void): Promise<LaneResult> {
  await mkdir(folder, { recursive: true });
  const device = await simulator.enrolDevice(`crash-kiosk-${basename(folder)}`);
  const grantsPath = join(folder, 'grants.json');
  await writeFile(grantsPath, JSON.stringify(await simulator.accountSetups(kills * 6 + 10)));
  const dbPath = join(folder, 'kiosk.db');
  const key = randomBytes(32);
  // V8's compile cache: each restart of the kiosk then starts in about 60% of the time.
  const env = { ...process.env, KIOSK_TEST_DB_KEY: key.toString('hex'), NODE_COMPILE_CACHE: join(folder, '..', 'compile-cache') };
  const baseArgs = ['test/main/sync/outboxCrashChild.ts', '--db', dbPath, '--grants', grantsPath, '--council', simulator.url, '--credential', device.credential];

  const acknowledged = new Set<string>();
  const killsByMoment: Record<KillMoment, number> = { 'while-enqueuing': 0, 'mid-request': 0, 'after-council-commit': 0, random: 0 };
  let fallbackKills = 0;
  const random = (n: number) => Math.floor(Math.random() * n);

  for (let kill = 0; kill < kills; kill++) {
    const moment = MOMENTS[kill % MOMENTS.length]!;
    let run: ChildRun;
    if (moment === 'while-enqueuing') {
      // Killed just after the k-th enqueue returned: the next enqueue is under way.
      let left = 1 + random(5);
      run = await runChild(baseArgs.concat('--enqueue-count', '6'), env, (line, child) => {
        if (line.startsWith('ENQUEUED') && --left === 0) setTimeout(() => child.kill('SIGKILL'), random(3));
      });
    } else if (moment === 'mid-request') {
      // Killed within 40 ms of the k-th request going out: with a third of answers slowed by
      // 120 ms after the council committed, most land with the request in flight.
      let left = 1 + random(3);
      run = await runChild(baseArgs.concat('--enqueue-count', '2'), env, (line, child) => {
        if (line.startsWith('SENDING') && --left === 0) setTimeout(() => child.kill('SIGKILL'), random(40));
      });
    } else if (moment === 'after-council-commit') {
      // The child kills itself once the council has answered, before it records the answer.
      run = await runChild(baseArgs.concat('--enqueue-count', '3', '--kill-after-council-ack', String(1 + random(3))), env, () => {});
    } else {
      const delay = random(700);
      run = await runChild(baseArgs.concat('--enqueue-count', '4'), env, (line, child) => {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), delay);
      });
    }
    if (run.signal !== 'SIGKILL') throw new Error(`crash run ${kill} (${moment}) ended with ${run.code ?? run.signal}, not a kill`);
    if (run.fallback) fallbackKills++;
    else killsByMoment[moment]++;
    for (const line of run.stdout.split('\n')) if (line.startsWith('ENQUEUED ')) acknowledged.add(line.slice(9));
    progress();
  }

  const drain = await runChild(baseArgs.concat('--drain'), env, () => {}, 120_000);
  if (!drain.stdout.includes('DRAINED')) throw new Error(`the drain run ended with ${drain.code ?? drain.signal} without draining`);

  const database = await openKioskDatabase({ path: dbPath, keyProvider: explicitKeyProvider(key) });
  const outbox = createOutbox(database);
  const receipts = new Set(listReceipts(outbox).map((r) => r.idempotencyKey));
  const deadLetters = listDeadLetters(outbox).length;
  const leftInOutbox = outbox.counts().depth;
  const auditChainOk = outbox.audit.verify().ok;
  database.close();

  const setups = (await simulator.storedSetups()).filter((s) => s.deviceId === device.deviceId);
  const perKey = new Map<string, number>();
  for (const setup of setups) perKey.set(setup.idempotencyKey, (perKey.get(setup.idempotencyKey) ?? 0) + 1);
  let receiptMismatches = 0;
  for (const setupKey of perKey.keys()) if (!receipts.has(setupKey)) receiptMismatches++;
  for (const receiptKey of receipts) if (!perKey.has(receiptKey)) receiptMismatches++;
  return {
    killsByMoment,
    fallbackKills,
    acknowledgedEnqueues: acknowledged.size,
    councilSetups: setups.length,
    lost: [...acknowledged].filter((k) => !perKey.has(k)).length,
    duplicatedAtCouncil: [...perKey.values()].filter((n) => n > 1).length,
    receiptMismatches,
    deadLetters,
    leftInOutbox,
    auditChainOk,
  };
}

// Runs the child until it exits; `onLine` may kill it. A safety timer kills it if nothing else did.
function runChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string, child: ReturnType<typeof spawn>) => void,
  limitMs = 4_000,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let fallback = false;
    const safety = setTimeout(() => {
      fallback = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        onLine(line, child);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(safety);
      if (code !== 0 && signal === null) reject(new Error(`crash child failed (${code}): ${stderr.slice(0, 1000)}`));
      else resolve({ stdout, code, signal, fallback });
    });
  });
}
