import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { receiptFor } from '../../../main/registration/setupQueue.ts';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { ROOT, startStandaloneSimulator } from './standaloneSimulator.ts';
import type { StandaloneSimulator } from './standaloneSimulator.ts';

/** Where a kill lands: the moments a resident's promise can break. */
export type KillMoment = 'after-submit-returned' | 'as-council-stores' | 'mid-registration' | 'mid-request' | 'during-start-up';

const MOMENTS: readonly KillMoment[] = ['after-submit-returned', 'as-council-stores', 'mid-registration', 'mid-request', 'during-start-up'];

/** What a crash run found. Everything but the counts of kills, residents and setups must be zero for a pass. */
export interface CrashReport {
  kills: number;
  killsByMoment: Record<KillMoment, number>;
  /** Runs that had to be killed by the safety timer because their moment never came. */
  fallbackKills: number;
  /** Residents who registered (one invitation each). */
  residents: number;
  /** Residents who started again because a kill came before they saw a reference. */
  residentsStartingAgain: number;
  /** References shown to residents ('Submit' returned), counting every time one was shown. */
  referencesShown: number;
  /** Account setups the council stored for this kiosk. */
  councilSetups: number;
  /** References shown whose setup the council does not have: the resident's promise broken. */
  lostReferences: number;
  /** Residents shown two different references for their one invitation. */
  residentsWithTwoReferences: number;
  /** Registrations the council stored more than once (by Idempotency-Key or by invitation). */
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
 * The crash proof, from the resident's side: "this reference means the council has, or will get,
 * your setup exactly once". A kiosk (outboxCrashChild.ts) registers residents through the setup
 * queue and delivers to the standalone simulator; it is killed with SIGKILL `kills` times at the
 * moments of `KillMoment`, and started again on the same encrypted file each time. A resident
 * who saw no reference before the kill starts again (same invitation, newer answers); now and
 * then one who did see it starts again too. A last run lets every resident still without a
 * reference finish, and drains. Then the references shown are counted against the setups the
 * council stored. With `lanes` > 1, that many kiosks (own file, own device) run side by side,
 * sharing the kills.
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
      residents: sum((r) => r.residents),
      residentsStartingAgain: sum((r) => r.residentsStartingAgain),
      referencesShown: sum((r) => r.referencesShown),
      councilSetups: sum((r) => r.councilSetups),
      lostReferences: sum((r) => r.lostReferences),
      residentsWithTwoReferences: sum((r) => r.residentsWithTwoReferences),
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

/** What the residents of one lane have seen so far. */
class Residents {
  next = 0;
  readonly began = new Set<number>();
  readonly waiting = new Set<number>();
  readonly shown = new Map<number, Set<string>>();
  startingAgain = 0;
  referencesShown = 0;

  /** Those who start again (every resident still without a reference), then new ones up to `count`. */
  pick(count: number, againOneWhoSaw: boolean): number[] {
    const picked = [...this.waiting];
    this.startingAgain += picked.length;
    if (againOneWhoSaw && this.shown.size > 0) {
      const seen = [...this.shown.keys()];
      picked.push(seen[Math.floor(Math.random() * seen.length)]!);
      this.startingAgain++;
    }
    while (picked.length < count) picked.push(this.next++);
    return picked;
  }

  /** Reads a run's output: who began, and which reference each one saw. */
  record(stdout: string): void {
    for (const line of stdout.split('\n')) {
      const [what, resident, reference] = line.split(' ');
      if (what === 'REGISTERING') {
        this.began.add(Number(resident));
        this.waiting.add(Number(resident));
      }
      if (what === 'SHOWN') {
        this.waiting.delete(Number(resident));
        const seen = this.shown.get(Number(resident)) ?? new Set<string>();
        seen.add(reference!);
        this.shown.set(Number(resident), seen);
        this.referencesShown++;
      }
    }
  }
}

async function runLane(simulator: StandaloneSimulator, folder: string, kills: number, progress: () => void): Promise<LaneResult> {
  await mkdir(folder, { recursive: true });
  const device = await simulator.enrolDevice(`crash-kiosk-${basename(folder)}`);
  const grantsPath = join(folder, 'grants.json');
  await writeFile(grantsPath, JSON.stringify(await simulator.accountSetups(kills * 5 + 10)));
  const dbPath = join(folder, 'kiosk.db');
  const key = randomBytes(32);
  // V8's compile cache: each restart of the kiosk then starts in about 60% of the time.
  const env = { ...process.env, KIOSK_TEST_DB_KEY: key.toString('hex'), NODE_COMPILE_CACHE: join(folder, '..', 'compile-cache') };
  const baseArgs = ['test/main/sync/outboxCrashChild.ts', '--db', dbPath, '--grants', grantsPath, '--council', simulator.url, '--credential', device.credential];
  const withResidents = (count: number, kill: number) => baseArgs.concat('--residents', residents.pick(count, kill % 7 === 3).join(','));

  const residents = new Residents();
  const killsByMoment = Object.fromEntries(MOMENTS.map((m) => [m, 0])) as Record<KillMoment, number>;
  let fallbackKills = 0;
  const random = (n: number) => Math.floor(Math.random() * n);
  const killOn = (prefix: string, nth: number, withinMs: number) => {
    let left = nth;
    return (line: string, child: ReturnType<typeof spawn>) => {
      if (line.startsWith(prefix) && --left === 0) setTimeout(() => child.kill('SIGKILL'), random(withinMs));
    };
  };

  for (let kill = 0; kill < kills; kill++) {
    const moment = MOMENTS[kill % MOMENTS.length]!;
    let run: ChildRun;
    if (moment === 'after-submit-returned') {
      // Just after the k-th resident saw their reference (the next one may be under way).
      run = await runChild(withResidents(4, kill), env, killOn('SHOWN', 1 + random(4), 3));
    } else if (moment === 'as-council-stores') {
      // The child kills itself once the council has answered, before it records the answer.
      run = await runChild(withResidents(3, kill).concat('--kill-after-council-ack', String(1 + random(3))), env, () => {});
    } else if (moment === 'mid-registration') {
      // During a resident's live steps, or as their setup is written.
      run = await runChild(withResidents(3, kill), env, killOn('REGISTERING', 1 + random(3), 25));
    } else if (moment === 'mid-request') {
      // Within 40 ms of a request going out: with a third of answers slowed by 120 ms after the
      // council committed, most land with the request in flight.
      run = await runChild(withResidents(2, kill), env, killOn('SENDING', 1 + random(2), 40));
    } else {
      // While the kiosk starts: opening the database, starting the engine, the first resident.
      const delay = random(500);
      run = await runChild(withResidents(3, kill), env, () => {}, 4_000, delay);
    }
    if (run.signal !== 'SIGKILL') throw new Error(`crash run ${kill} (${moment}) ended with ${run.code ?? run.signal}, not a kill`);
    if (run.fallback) fallbackKills++;
    else killsByMoment[moment]++;
    residents.record(run.stdout);
    progress();
  }

  // Every resident still without a reference comes back once more; then everything is delivered.
  const drain = await runChild(baseArgs.concat('--residents', residents.pick(0, false).join(','), '--drain'), env, () => {}, 120_000);
  residents.record(drain.stdout);
  if (!drain.stdout.includes('DRAINED')) throw new Error(`the drain run ended with ${drain.code ?? drain.signal} without draining`);

  const database = await openKioskDatabase({ path: dbPath, keyProvider: explicitKeyProvider(key) });
  const outbox = createOutbox(database);
  const receipts = new Set(outbox.history.listReceipts().map((r) => r.idempotencyKey));
  const deadLetters = outbox.history.listDeadLetters().length;
  const leftInOutbox = outbox.counts().depth;
  const auditChainOk = outbox.audit.verify().ok;
  database.close();

  const setups = (await simulator.storedSetups()).filter((s) => s.deviceId === device.deviceId);
  const perKey = new Map<string, number>();
  for (const setup of setups) perKey.set(setup.idempotencyKey, (perKey.get(setup.idempotencyKey) ?? 0) + 1);
  const perReference = new Map<string, number>();
  for (const setupKey of perKey.keys()) perReference.set(receiptFor(setupKey), (perReference.get(receiptFor(setupKey)) ?? 0) + 1);
  let receiptMismatches = 0;
  for (const setupKey of perKey.keys()) if (!receipts.has(setupKey)) receiptMismatches++;
  for (const receiptKey of receipts) if (!perKey.has(receiptKey)) receiptMismatches++;
  const shown = [...residents.shown.values()];
  return {
    killsByMoment,
    fallbackKills,
    residents: residents.began.size,
    residentsStartingAgain: residents.startingAgain,
    referencesShown: residents.referencesShown,
    councilSetups: setups.length,
    lostReferences: shown.reduce((n, references) => n + [...references].filter((r) => !perReference.has(r)).length, 0),
    residentsWithTwoReferences: shown.filter((references) => references.size > 1).length,
    // Each grant is one invitation's, and single use at the council: a second setup for an
    // invitation could only be stored under another key, so a duplicate shows up per key or per reference.
    duplicatedAtCouncil: [...perKey.values()].filter((n) => n > 1).length + [...perReference.values()].filter((n) => n > 1).length,
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
  killAfterMs?: number,
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
    const timed = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
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
      clearTimeout(timed);
      if (code !== 0 && signal === null) reject(new Error(`crash child failed (${code}): ${stderr.slice(0, 1000)}`));
      else resolve({ stdout, code, signal, fallback });
    });
  });
}
