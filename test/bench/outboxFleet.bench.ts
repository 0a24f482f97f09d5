import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CouncilClient } from '../../main/council/councilClient.ts';
import { CouncilApiError } from '../../main/council/councilApiError.ts';
import { setLogSink } from '../../main/log.ts';
import { createOutbox } from '../../main/store/outbox.ts';
import { councilOutboxSender } from '../../main/sync/councilOutboxSender.ts';
import type { OutboxSender } from '../../main/sync/outboxSender.ts';
import { startSyncEngine } from '../../main/sync/syncEngine.ts';
import type { SyncEngineOptions } from '../../main/sync/syncEngine.ts';
import { openTempDatabase } from '../main/store/storeFixtures.ts';
import { startStandaloneSimulator } from '../main/sync/standaloneSimulator.ts';
import type { StandaloneSimulator } from '../main/sync/standaloneSimulator.ts';
import { report } from './benchReport.ts';

const KIOSKS = 200;
const ITEMS_PER_KIOSK = 5;
const COUNCIL_RATE = 50;

/**
 * A fleet of 200 kiosks, each with 5 account setups queued during an outage, comes back online at
 * the same moment against a simulator that accepts 50 requests a second (a token bucket; beyond it
 * 429 with Retry-After). Each kiosk is a real encrypted outbox and sync engine with its own device
 * credential, all in this process, over real HTTP. The ideal time is items ÷ 50/s = 20 s.
 * Targets: under 1% of requests rejected, everything delivered within 1.5 × the ideal time.
 *
 * First with the engine's defaults (1.5 requests a second, 25 s start jitter), i.e. a fleet
 * nobody tuned: that is the target. Then configured as IT could for this fleet, for comparison:
 * each kiosk's share of the council's capacity, 0.8 × 50 ÷ 200 = 0.2 requests a second, and the
 * start-up jitter one pacing interval (5 s), so the kiosks' sending phases are spread evenly.
 */
export async function run(): Promise<void> {
  const previousSink = setLogSink(() => {});
  try {
    const share = (0.8 * COUNCIL_RATE) / KIOSKS;
    await fleetRun('defaults', {});
    await fleetRun('tuned', { requestsPerSecond: share, startJitterMs: 1000 / share });
  } finally {
    setLogSink(previousSink);
  }
}

async function fleetRun(label: string, tuning: Partial<SyncEngineOptions>): Promise<void> {
  const simulator = await startStandaloneSimulator(['--rate-limit', String(COUNCIL_RATE)]);
  try {
    const kiosks = await prepareFleet(simulator);
    let requests = 0;
    let rejected = 0;
    // The bucket starts full (one second's burst); let it refill after the enrolments.
    await sleep(1_500);
    const start = performance.now();
    const engines = kiosks.map(({ outbox, client }) => {
      const real = councilOutboxSender(() => client);
      const sender: OutboxSender = {
        async deliver(item, signal) {
          requests++;
          const outcome = await real.deliver(item, signal);
          if (outcome.type === 'retry' && outcome.error.status === 429) rejected++;
          return outcome;
        },
      };
      return startSyncEngine({ outbox, sender, requestTimeoutMs: 10_000, watchdogMs: 5_000, ...tuning });
    });
    await Promise.all(engines.map((engine) => engine.idle()));
    const seconds = (performance.now() - start) / 1000;
    await Promise.all(engines.map((engine) => engine.stop()));
    const delivered = kiosks.reduce((n, k) => n + k.outbox.history.listReceipts().length, 0);
    for (const kiosk of kiosks) kiosk.database.close();

    const ideal = (KIOSKS * ITEMS_PER_KIOSK) / COUNCIL_RATE;
    report({ name: `outbox.fleet_${label}.delivered_in`, value: round(seconds, 1), unit: 's', ratio: round(seconds / ideal, 2), target: `<= 1.5 × ideal ${ideal} s` });
    report({ name: `outbox.fleet_${label}.rejected`, value: round((100 * rejected) / requests, 2), unit: '% of requests', target: '< 1' });
    report({ name: `outbox.fleet_${label}.requests`, value: requests, unit: 'requests' });
    if (delivered !== KIOSKS * ITEMS_PER_KIOSK) report({ name: `outbox.fleet_${label}.undelivered`, value: KIOSKS * ITEMS_PER_KIOSK - delivered, unit: 'items', target: '0' });
  } finally {
    await simulator.stop();
  }
}

async function prepareFleet(simulator: StandaloneSimulator) {
  const payloads = await simulator.accountSetups(KIOSKS * ITEMS_PER_KIOSK);
  const { enrolmentTokens } = await simulator.anonymous.call('mintTrainingEnrolmentTokens', { body: { count: KIOSKS } });
  const kiosks = [];
  for (let i = 0; i < KIOSKS; i++) {
    // Enrolment is a /v1 call, so the rate limit applies: wait as told.
    let credential: string | undefined;
    while (credential === undefined) {
      try {
        credential = (await simulator.anonymous.enrolDevice({ enrolmentToken: enrolmentTokens[i]!, deviceName: `fleet-${i}` })).credential;
      } catch (error) {
        if (!(error instanceof CouncilApiError) || error.status !== 429) throw error;
        await sleep((error.retryAfterSeconds ?? 1) * 1000);
      }
    }
    const client = new CouncilClient({ baseUrl: simulator.url, deviceCredential: credential, timeoutMs: 10_000, getRetryLimit: 0 });
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    for (let n = 0; n < ITEMS_PER_KIOSK; n++) outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: payloads[i * ITEMS_PER_KIOSK + n]! });
    kiosks.push({ client, outbox, database });
  }
  return kiosks;
}

function round(n: number, digits: number): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}
