import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { trainingCallSchema, trainingClockSchema, trainingMessageListSchema, trainingSeedSchema } from '../../shared/councilApi/trainingApi.ts';
import type { FaultConfigInput, TrainingMessage, TrainingSeed } from '../../shared/councilApi/trainingApi.ts';

// The web host as a user starts it, and the training API of its embedded simulator: used by the
// Playwright fixtures and by the benchmarks, so nothing here depends on the Playwright runner.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A web host started the way a user starts it (`node main/web/webHostCli.ts`), on any free port. */
export interface RunningWebHost {
  /** The kiosk's address (`http://127.0.0.1:PORT/`); a browser needs `cookie` to be admitted. */
  kioskUrl: string;
  /** The printed address with its one-time launch code, already traded for `cookie`. */
  launchUrl: string;
  /** The kiosk cookie the launch code was traded for: add it to each browser context. */
  cookie: { name: string; value: string; url: string };
  /** The staff page's cookie, traded for the printed `Staff:` address: add it to the staff page's own browser context. */
  staffCookie: { name: string; value: string; url: string };
  /** The staff page's address once its cookie is held (`/staff/`): a second window of the same browser works. */
  staffPageUrl: string;
  /** The embedded council API simulator (training mode), as printed. */
  councilApiUrl: string;
  /** The web host's data folder (a fresh temp folder). */
  dataDir: string;
  /** Lines the host wrote to stdout. */
  stdout: string[];
}

/** Starts the web host CLI in training mode, with a fresh data folder; trades its launch code for the kiosk cookie. */
export async function startWebHostProcess(extraArgs: string[] = []): Promise<{ host: RunningWebHost; child: ChildProcess }> {
  const { launchUrl, staffUrl, councilApiUrl, dataDir, stdout, child } = await spawnWebHost(extraArgs);
  const cookie = await tradeLaunchCode(launchUrl);
  const staffCookie = await tradeLaunchCode(staffUrl);
  return {
    host: { kioskUrl: new URL('/', launchUrl).href, staffPageUrl: staffCookie.url, launchUrl, cookie, staffCookie, councilApiUrl, dataDir, stdout },
    child,
  };
}

/** Starts the web host CLI in training mode, with a fresh data folder, and waits for its address lines. */
export async function spawnWebHost(
  extraArgs: string[] = [],
): Promise<{ launchUrl: string; staffUrl: string; councilApiUrl: string; dataDir: string; stdout: string[]; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child = spawn(process.execPath, ['main/web/webHostCli.ts', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const { launchUrl, staffUrl, councilApiUrl } = await new Promise<{ launchUrl: string; staffUrl: string; councilApiUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stdout.join('\n')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stdout.join('\n')}`)));
    let kiosk: string | undefined;
    let staff: string | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      kiosk ??= /^Kiosk: (http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]+)$/.exec(line)?.[1];
      staff ??= /^Staff: (http:\/\/127\.0\.0\.1:\d+\/staff\/\?staff=[\w-]+)$/.exec(line)?.[1];
      const council = /^Council API \(training\): (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      if (kiosk !== undefined && staff !== undefined && council !== undefined) {
        clearTimeout(timer);
        resolve({ launchUrl: kiosk, staffUrl: staff, councilApiUrl: council });
      }
    });
  });
  return { launchUrl, staffUrl, councilApiUrl, dataDir, stdout, child };
}

/**
 * Opens the printed address once, as the kiosk's browser would, and returns the kiosk cookie it
 * was given; tests add it to each fresh browser context (the launch code itself works once).
 */
export async function tradeLaunchCode(launchUrl: string): Promise<RunningWebHost['cookie']> {
  const response = await fetch(launchUrl, { redirect: 'manual' });
  const match = /^([^=;]+)=([^;]*)/.exec(response.headers.get('set-cookie') ?? '');
  if (response.status !== 303 || match === null) throw new Error(`The launch code was refused (${response.status})`);
  // Where the host sent the browser on: `/`, or `/staff/` for the staff page, whose cookie it is.
  return { name: match[1]!, value: match[2]!, url: new URL(response.headers.get('location') ?? '/', launchUrl).href };
}

/**
 * The embedded council API simulator's training endpoints (`/training/*`, DESIGN.md §3), as a
 * test reads and drives them: what it "sent" (e-mails, texts and calls with their codes), the
 * seed data, answering a call, moving its clock, injecting faults. Answers are parsed with the
 * contract's schemas, so a simulator that drifts from the contract fails the test.
 */
export interface TrainingApi {
  seed(): Promise<TrainingSeed>;
  /** Messages sent, oldest first, optionally for one recipient and channel. */
  messages(query?: { recipient?: string; channel?: 'email' | 'sms' | 'call' }): Promise<TrainingMessage[]>;
  /** The newest message to `recipient` on `channel` (fails the test if there is none). */
  latest(recipient: string, channel: 'email' | 'sms' | 'call'): Promise<TrainingMessage>;
  /** A key pressed on the resident's phone during a call (a ringing call is answered first). */
  keypress(callId: string, key: string): Promise<string>;
  /** The resident picks up a ringing call without pressing anything. */
  answer(callId: string): Promise<string>;
  /** Moves the simulator's clock forward (codes expire, calls stop ringing). */
  advanceClock(seconds: number): Promise<void>;
  /** Sets fault injection (`{}` turns every fault off). */
  setFaults(faults: FaultConfigInput): Promise<void>;
}

/** The training API of the simulator a web host printed (`Council API (training): …`). */
export function trainingApi(host: RunningWebHost): TrainingApi {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${host.councilApiUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  const messages: TrainingApi['messages'] = async (query = {}) => {
    const search = new URLSearchParams(Object.entries(query));
    const path = `/training/messages${search.size > 0 ? `?${search.toString()}` : ''}`;
    return trainingMessageListSchema.parse(await call('GET', path)).messages;
  };
  return {
    seed: async () => trainingSeedSchema.parse(await call('GET', '/training/seed')),
    messages,
    latest: async (recipient, channel) => {
      const found = await messages({ recipient, channel });
      const last = found.at(-1);
      if (last === undefined) throw new Error(`No ${channel} message to ${recipient}`);
      return last;
    },
    keypress: async (callId, key) => trainingCallSchema.parse(await call('POST', `/training/calls/${callId}/keypress`, { key })).state,
    answer: async (callId) => trainingCallSchema.parse(await call('POST', `/training/calls/${callId}/answer`, {})).state,
    advanceClock: async (seconds) => {
      trainingClockSchema.parse(await call('POST', '/training/clock/advance', { seconds }));
    },
    setFaults: async (faults) => {
      await call('POST', '/training/faults', faults);
    },
  };
}
