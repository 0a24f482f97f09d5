import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import type { OutboxPayload } from '../../../main/store/outboxKinds.ts';
import type { FaultConfigInput } from '../../../shared/councilApi/trainingApi.ts';

/** The repository root (where `npm run simulator` runs). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The council API simulator running as its own process, as a council developer would run it. */
export interface StandaloneSimulator {
  url: string;
  /** No device credential, but the printed training token: training endpoints and device enrolment. */
  anonymous: CouncilClient;
  /** Enrols a new kiosk and returns its device id and credential. */
  enrolDevice(name: string): Promise<{ deviceId: string; credential: string }>;
  /** Mints setup grants and turns each into a valid account-setup payload. */
  accountSetups(count: number): Promise<Array<OutboxPayload>>;
  /** Every account setup the simulator stored, with the Idempotency-Key it was created under. */
  storedSetups(): Promise<Array<{ reference: string; idempotencyKey: string; deviceId: string }>>;
  setFaults(faults: FaultConfigInput): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `node main/council/simulator/simulatorCli.ts --port 0 ARGS…` and waits for its
 * `Council API: http://127.0.0.1:PORT` and `Training token: …` lines. Stopped with SIGTERM (then SIGKILL if it hangs).
 */
export async function startStandaloneSimulator(args: string[] = []): Promise<StandaloneSimulator> {
  const child = spawn(process.execPath, ['main/council/simulator/simulatorCli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, trainingToken } = await new Promise<{ url: string; trainingToken: string }>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${err.slice(0, 500)}`)), 20_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /Council API: (http:\/\/127\.0\.0\.1:\d+)\nTraining token: ([\w-]+)\n/.exec(out);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1], trainingToken: match[2] });
      }
    });
    // The simulator logs one JSON line per event on stderr; keep only the start of it for errors.
    child.stderr.on('data', (chunk: string) => {
      if (err.length < 4000) err += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited (${code}): ${err.slice(0, 500)}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume();
  const anonymous = new CouncilClient({ baseUrl: url, trainingToken, timeoutMs: 30_000, getRetryLimit: 0 });
  return {
    url,
    anonymous,
    async enrolDevice(name) {
      const { enrolmentTokens } = await anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } });
      const enrolment = await anonymous.enrolDevice({ enrolmentToken: enrolmentTokens[0]!, deviceName: name });
      return { deviceId: enrolment.deviceId, credential: enrolment.credential };
    },
    async accountSetups(count) {
      const payloads: Array<OutboxPayload> = [];
      for (let left = count; left > 0; left -= 10_000) {
        const { grants } = await anonymous.call('mintTrainingSetupGrants', { body: { count: Math.min(left, 10_000) } });
        for (const grant of grants) {
          payloads.push({
            setupGrant: grant.setupGrant,
            serviceId: grant.serviceId,
            recordIds: grant.recordIds,
            consent: { version: grant.consentVersion, statementIds: grant.consentStatementIds, givenAt: new Date().toISOString() },
          });
        }
      }
      return payloads;
    },
    async storedSetups() {
      return (await anonymous.call('listTrainingAccountSetups')).setups;
    },
    async setFaults(faults) {
      await anonymous.call('setTrainingFaults', { body: faults });
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
