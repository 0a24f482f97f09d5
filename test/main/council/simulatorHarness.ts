import { randomUUID } from 'node:crypto';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { CouncilApiError } from '../../../main/council/councilApiError.ts';
import { startCouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import type { CouncilSimulator, CouncilSimulatorOptions } from '../../../main/council/simulator/councilSimulator.ts';
import type { CouncilErrorCode } from '../../../shared/councilApi/councilProblem.ts';
import type { TrainingMessage } from '../../../shared/councilApi/trainingApi.ts';

/** A running simulator with an enrolled device, and the calls a flow test needs. */
export interface Harness {
  simulator: CouncilSimulator;
  /** Enrolled with a minted token. */
  client: CouncilClient;
  /** No credential: for training endpoints and enrolment. */
  anonymous: CouncilClient;
  deviceId: string;
  /** Messages sent to a recipient, oldest first, read over HTTP. */
  messagesTo(recipient: string): Promise<TrainingMessage[]>;
  /** The code in the newest message to a recipient. */
  latestCode(recipient: string): Promise<string>;
  /** Moves the simulator's clock over HTTP. */
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a simulator on 127.0.0.1:0 and enrols a device in it. */
export async function startHarness(options: CouncilSimulatorOptions = {}): Promise<Harness> {
  const simulator = await startCouncilSimulator(options);
  // No GET retries inside got here, so each test sees exactly the answer the simulator gave.
  const anonymous = new CouncilClient({ baseUrl: simulator.url, timeoutMs: 5_000, getRetryLimit: 0 });
  const { enrolmentTokens } = await anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } });
  const enrolment = await anonymous.enrolDevice({ enrolmentToken: enrolmentTokens[0]!, deviceName: 'test-kiosk' });
  const client = new CouncilClient({ baseUrl: simulator.url, deviceCredential: enrolment.credential, timeoutMs: 5_000, getRetryLimit: 0 });
  const messagesTo = async (recipient: string) => (await anonymous.call('listTrainingMessages', { query: { recipient } })).messages;
  return {
    simulator,
    client,
    anonymous,
    deviceId: enrolment.deviceId,
    messagesTo,
    async latestCode(recipient) {
      const code = (await messagesTo(recipient)).at(-1)?.code;
      if (code === undefined || code === null) throw new Error(`No code sent to ${recipient}`);
      return code;
    },
    async advance(seconds) {
      await anonymous.call('advanceTrainingClock', { body: { seconds } });
    },
    close: () => simulator.close(),
  };
}

/** Runs a call that must fail with an error of `type`, and returns it. */
export async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`Expected the call to fail with ${type.name}`);
}

/** Runs a council call that must fail, and returns the typed error. */
export function failure(promise: Promise<unknown>): Promise<CouncilApiError> {
  return rejection(promise, CouncilApiError);
}

/** Asserts-friendly view of a failure: its code, status and retryable flag. */
export async function failsWith(promise: Promise<unknown>): Promise<{ code: CouncilErrorCode; status: number | undefined; retryable: boolean }> {
  const error = await failure(promise);
  return { code: error.code, status: error.status, retryable: error.retryable };
}

/** A fresh idempotency key. */
export function key(): string {
  return randomUUID();
}
