import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CouncilClient } from '../../main/council/councilClient.ts';
import { setLogSink } from '../../main/log.ts';
import { createOutbox } from '../../main/store/outbox.ts';
import { councilOutboxSender } from '../../main/sync/councilOutboxSender.ts';
import { startSyncEngine } from '../../main/sync/syncEngine.ts';
import { openTempDatabase } from '../main/store/storeFixtures.ts';
import { startStandaloneSimulator } from '../main/sync/standaloneSimulator.ts';
import { report } from './benchReport.ts';

const ITEMS = 10_000;

/**
 * Time to drain a backlog of 10,000 account setups (one per registration session) from the
 * encrypted outbox to the standalone simulator over HTTP on 127.0.0.1 (target: under 10 s), with
 * the real got sender, 16 requests in flight and no pacing (one kiosk, nobody else to share with).
 * Every acknowledgement is its own durable commit.
 */
export async function run(): Promise<void> {
  const previousSink = setLogSink(() => {});
  const simulator = await startStandaloneSimulator();
  try {
    const device = await simulator.enrolDevice('drain-bench');
    const client = new CouncilClient({ baseUrl: simulator.url, deviceCredential: device.credential, timeoutMs: 10_000, getRetryLimit: 0 });
    const payloads = await simulator.accountSetups(ITEMS);
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    database.connection.transaction(() => {
      for (const payload of payloads) outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload });
    })();

    const start = performance.now();
    const engine = startSyncEngine({
      outbox,
      sender: councilOutboxSender(() => client),
      concurrency: 16,
      startJitterMs: 0,
      requestsPerSecond: Infinity,
      requestTimeoutMs: 10_000,
    });
    await engine.idle();
    const seconds = (performance.now() - start) / 1000;
    await engine.stop();
    const delivered = outbox.history.listReceipts().length;
    const stored = (await simulator.storedSetups()).filter((s) => s.deviceId === device.deviceId).length;
    database.close();
    report({ name: 'outbox.drain_10000_over_http', value: Math.round(seconds * 100) / 100, unit: 's', target: '< 10' });
    report({ name: 'outbox.drain_rate_over_http', value: Math.round(ITEMS / seconds), unit: 'items/s' });
    if (delivered !== ITEMS || stored !== ITEMS) report({ name: 'outbox.drain_delivered_mismatch', value: ITEMS - Math.min(delivered, stored), unit: 'items', target: '0' });
  } finally {
    await simulator.stop();
    setLogSink(previousSink);
  }
}
