import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import type { DeliveryOutcome, OutboxSender } from '../../../main/sync/outboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';
import { accountSetupPayload, captureLogs, openTempDatabase } from '../store/storeFixtures.ts';
import { startStandaloneSimulator } from './standaloneSimulator.ts';
import type { StandaloneSimulator } from './standaloneSimulator.ts';

// The real sender and engine against the standalone simulator over HTTP on 127.0.0.1.

captureLogs();

let simulator: StandaloneSimulator;
beforeAll(async () => {
  simulator = await startStandaloneSimulator();
});
afterAll(async () => {
  // Undefined when beforeAll failed.
  await (simulator as StandaloneSimulator | undefined)?.stop();
});

/** Wraps the real sender to record what happened to every attempt (the outcome, and when). */
function recording(sender: OutboxSender) {
  const events: Array<{ sequence: number; sessionId: string; what: 'start' | 'ack'; at: number }> = [];
  const outcomes: DeliveryOutcome[] = [];
  return {
    events,
    outcomes,
    sender: {
      async deliver(item, signal) {
        events.push({ sequence: item.sequence, sessionId: item.sessionId, what: 'start', at: performance.now() });
        const outcome = await sender.deliver(item, signal);
        outcomes.push(outcome);
        if (outcome.type === 'acknowledged') events.push({ sequence: item.sequence, sessionId: item.sessionId, what: 'ack', at: performance.now() });
        return outcome;
      },
    } satisfies OutboxSender,
  };
}

async function kiosk(name: string, timeoutMs = 1_000) {
  const device = await simulator.enrolDevice(name);
  const client = new CouncilClient({ baseUrl: simulator.url, deviceCredential: device.credential, timeoutMs, getRetryLimit: 0 });
  const { database } = await openTempDatabase();
  return { device, client, outbox: createOutbox(database) };
}

describe('delivery through injected faults', () => {
  it('with 30% of requests failing (500, 503 + Retry-After, 429, timeouts, dropped connections), everything arrives exactly once, in order', async () => {
    const { device, client, outbox } = await kiosk('fault-kiosk');
    const payloads = await simulator.accountSetups(200);
    const sessions = Array.from({ length: 100 }, () => randomUUID());
    const keys = payloads.map((payload, i) => outbox.enqueue({ kind: 'account-setup', sessionId: sessions[i % 100]!, payload }).idempotencyKey);
    // 1 - 0.93^5 ≈ 30% of requests hit one of the five faults. Retry-After is 0 s here so the test
    // stays short; that it is honoured is shown below and in the engine's tests.
    await simulator.setFaults({ error500: 0.07, unavailable503: 0.07, rateLimited429: 0.07, timeout: 0.07, drop: 0.07, timeoutHoldMs: 1_500, retryAfterSeconds: 0, paths: ['/v1/account-setups'] });
    const { sender, events, outcomes } = recording(councilOutboxSender(() => client));
    const engine = startSyncEngine({ outbox, sender, concurrency: 8, startJitterMs: 0, requestsPerSecond: Infinity, requestTimeoutMs: 2_000, backoff: { baseMs: 20, capMs: 500 } });
    try {
      await engine.idle();
    } finally {
      await engine.stop();
      await simulator.setFaults({});
    }

    const stored = (await simulator.storedSetups()).filter((s) => s.deviceId === device.deviceId);
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((s) => s.idempotencyKey))).toEqual(new Set(keys));
    expect(outbox.history.listReceipts().map((r) => r.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(outbox.history.listDeadLetters()).toEqual([]);
    expect(outbox.counts().depth).toBe(0);

    // Every kind of fault really happened, and was retried.
    const failures = outcomes.flatMap((o) => (o.type === 'retry' ? [o.error] : []));
    expect(failures.length / outcomes.length).toBeGreaterThan(0.15);
    expect(failures.some((e) => e.status === 500)).toBe(true);
    expect(failures.some((e) => e.status === 503 && e.retryAfterSeconds === 0)).toBe(true);
    expect(failures.some((e) => e.status === 429)).toBe(true);
    expect(failures.some((e) => e.code === 'timeout')).toBe(true);
    expect(failures.some((e) => e.status === undefined && e.code !== 'timeout' && e.reason === 'failed')).toBe(true);
    expect(outcomes.filter((o) => o.type === 'permanent')).toEqual([]);

    // Order within each session: the second item was first sent only after the first was acknowledged.
    for (const session of sessions) {
      const [first, second] = outbox.history.listReceipts(session).map((r) => r.sequence);
      const firstAck = events.find((e) => e.sequence === first && e.what === 'ack')!.at;
      const secondStart = events.find((e) => e.sequence === second && e.what === 'start')!.at;
      expect(secondStart).toBeGreaterThanOrEqual(firstAck);
    }
  }, 90_000);

  it('sustained 500s, timeouts after storing and a black-holed council, for longer than any old dead-letter time: 0 dead letters, all delivered once', async () => {
    const { device, client, outbox } = await kiosk('outage-kiosk', 300);
    // A council that accepts connections and never answers: requests go nowhere.
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as { port: number }).port;
    const silent = new CouncilClient({ baseUrl: `http://127.0.0.1:${port}`, deviceCredential: device.credential, timeoutMs: 300, getRetryLimit: 0 });
    let council = client;
    const payloads = await simulator.accountSetups(12);
    const keys = payloads.map((payload) => outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload }).idempotencyKey);
    const { sender, outcomes } = recording(councilOutboxSender(() => council));
    // The engine's clock moves 20 minutes on in each phase: an hour in all, against the 3 to 13
    // minutes after which such outages used to dead-letter everything.
    let shift = 0;
    const engine = startSyncEngine({ outbox, sender, concurrency: 4, startJitterMs: 0, requestsPerSecond: Infinity, requestTimeoutMs: 400, backoff: { baseMs: 5, capMs: 40 }, clock: () => Date.now() + shift });
    const failuresOf = (test: (o: DeliveryOutcome) => boolean) => outcomes.filter(test).length;
    const waitFor = async (condition: () => boolean) => {
      while (!condition()) await sleep(10);
    };
    try {
      await simulator.setFaults({ error500: 1, paths: ['/v1/account-setups'] });
      await waitFor(() => failuresOf((o) => o.type === 'retry' && o.error.status === 500) >= 12 * 12);
      shift += 20 * 60_000;
      await simulator.setFaults({ timeout: 1, timeoutHoldMs: 1_000, paths: ['/v1/account-setups'] });
      const before = outcomes.length;
      await waitFor(() => outcomes.slice(before).filter((o) => o.type === 'retry' && o.error.code === 'timeout').length >= 12 * 3);
      shift += 20 * 60_000;
      council = silent;
      const beforeSilence = outcomes.length;
      await waitFor(() => outcomes.slice(beforeSilence).length >= 12 * 3);
      shift += 20 * 60_000;
      expect(outbox.history.listDeadLetters()).toEqual([]);
      expect(outbox.counts().depth).toBeGreaterThan(0);
      expect(engine.status().council).toBe('not_answering');

      council = client;
      await simulator.setFaults({});
      await engine.idle();
    } finally {
      await engine.stop();
      await simulator.setFaults({});
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
    const stored = (await simulator.storedSetups()).filter((s) => s.deviceId === device.deviceId);
    expect(stored.map((s) => s.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(outbox.history.listReceipts().map((r) => r.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(outbox.history.listDeadLetters()).toEqual([]);
    expect(engine.status()).toMatchObject({ council: 'answering', depth: 0 });
  }, 120_000);

  it("honours the council's Retry-After before trying again", async () => {
    const { client, outbox } = await kiosk('retry-after-kiosk');
    const [payload] = await simulator.accountSetups(1);
    const { sequence } = outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: payload! });
    await simulator.setFaults({ rateLimited429: 1, retryAfterSeconds: 2, paths: ['/v1/account-setups'] });
    const { sender, events } = recording(councilOutboxSender(() => client));
    const engine = startSyncEngine({ outbox, sender, startJitterMs: 0, requestsPerSecond: Infinity, backoff: { baseMs: 10, capMs: 60_000 } });
    try {
      while (events.length === 0) await sleep(5);
      const throttledAt = events[0]!.at;
      await simulator.setFaults({});
      await engine.idle();
      const retry = events.filter((e) => e.what === 'start')[1]!;
      expect(retry.at - throttledAt).toBeGreaterThanOrEqual(1_990);
      expect(outbox.history.listReceipts().map((r) => r.sequence)).toEqual([sequence]);
    } finally {
      await engine.stop();
      await simulator.setFaults({});
    }
  }, 30_000);

  it('a refused connection is "unreachable" (the kiosk is offline), not a failure', async () => {
    const client = new CouncilClient({ baseUrl: 'http://127.0.0.1:1', deviceCredential: 'x'.repeat(20), timeoutMs: 1_000, getRetryLimit: 0 });
    const { outbox } = await kiosk('offline-kiosk');
    outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: accountSetupPayload() });
    const [item] = outbox.dueHeads(Date.now() + 1, 1);
    expect(await councilOutboxSender(() => client).deliver(item!, new AbortController().signal)).toEqual({
      type: 'retry',
      error: { code: 'ECONNREFUSED', reason: 'unreachable' },
    });
  });

  it('a setup grant the council refuses goes to the dead-letter table with its problem code', async () => {
    const { client, outbox } = await kiosk('dead-letter-kiosk');
    outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: accountSetupPayload() });
    const engine = startSyncEngine({ outbox, sender: councilOutboxSender(() => client), startJitterMs: 0, requestsPerSecond: Infinity });
    try {
      await engine.idle();
    } finally {
      await engine.stop();
    }
    expect(outbox.history.listDeadLetters().map((d) => d.error)).toEqual([{ code: 'setup_grant_invalid', reason: 'permanent', status: expect.any(Number) as unknown }]);
  });
});
