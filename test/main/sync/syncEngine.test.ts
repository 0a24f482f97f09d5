import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { queueStatusSchema } from '../../../shared/kioskApi/kioskContract.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { KioskDatabase } from '../../../main/store/kioskDatabase.ts';
import type { Outbox } from '../../../main/store/outbox.ts';
import type { OutboxItem } from '../../../main/store/outboxItem.ts';
import type { DeliveryOutcome, OutboxSender } from '../../../main/sync/outboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';
import type { SyncEngine, SyncEngineOptions } from '../../../main/sync/syncEngine.ts';
import type { QueueStatus } from '../../../main/sync/queueStatus.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from '../store/storeFixtures.ts';

// The engine runs against a real encrypted outbox. The council side is the engine's port,
// `OutboxSender`, played here by a scripted sender that records every call; the proofs against
// the real simulator over HTTP are in crash.test.ts and faults.test.ts.

const logs = captureLogs();

const ACK: DeliveryOutcome = { type: 'acknowledged', acknowledgement: { reference: 'NCC-TEST-0001', state: 'pending_activation' } };

interface Call {
  sequence: number;
  sessionId: string;
  at: number;
  inFlight: number;
}

class ScriptedSender implements OutboxSender {
  readonly calls: Call[] = [];
  #inFlight = 0;
  maxInFlight = 0;
  readonly script: (item: OutboxItem, attempt: number, signal: AbortSignal) => Promise<DeliveryOutcome> | DeliveryOutcome;

  constructor(script: ScriptedSender['script'] = () => ACK) {
    this.script = script;
  }

  async deliver(item: OutboxItem, signal: AbortSignal): Promise<DeliveryOutcome> {
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    this.calls.push({ sequence: item.sequence, sessionId: item.sessionId, at: Date.now(), inFlight: this.#inFlight });
    try {
      return await this.script(item, this.calls.filter((c) => c.sequence === item.sequence).length, signal);
    } finally {
      this.#inFlight--;
    }
  }
}

const engines: SyncEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

async function setup(sender: OutboxSender, options: Partial<SyncEngineOptions> = {}, items: Array<{ session: string }> = []): Promise<{ outbox: Outbox; database: KioskDatabase; engine: () => SyncEngine }> {
  const { database } = await openTempDatabase();
  const outbox = createOutbox(database);
  for (const { session } of items) outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload() });
  return {
    outbox,
    database,
    engine: () => {
      const engine = startSyncEngine({
        outbox,
        sender,
        startJitterMs: 0,
        requestsPerSecond: Infinity,
        backoff: { baseMs: 10, capMs: 100 },
        watchdogMs: 1_000,
        statusThrottleMs: 5,
        ...options,
      });
      engines.push(engine);
      return engine;
    },
  };
}

function until(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  return (async () => {
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await sleep(5);
    }
  })();
}

describe('sync engine', () => {
  it('delivers everything, in order within each session, several sessions at once', async () => {
    const a = sessionId();
    const b = sessionId();
    const sender = new ScriptedSender(async () => {
      await sleep(5);
      return ACK;
    });
    const { outbox, engine } = await setup(sender, { concurrency: 4 }, [{ session: a }, { session: b }, { session: a }, { session: b }, { session: a }]);
    await engine().idle();
    const order = (s: string) => sender.calls.filter((c) => c.sessionId === s).map((c) => c.sequence);
    expect(order(a)).toEqual([1, 3, 5]);
    expect(order(b)).toEqual([2, 4]);
    expect(sender.maxInFlight).toBe(2);
    expect(outbox.history.listReceipts()).toHaveLength(5);
    expect(outbox.counts().depth).toBe(0);
  });

  it('does not let a stuck item block other sessions; its own session waits behind it', async () => {
    const stuck = sessionId();
    const other = sessionId();
    let release = false;
    const sender = new ScriptedSender(async (item, _attempt, signal) => {
      if (item.sessionId === stuck && !release) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return { type: 'retry', error: { code: 'timeout', reason: 'failed' } };
      }
      return ACK;
    });
    const { outbox, engine } = await setup(sender, { requestTimeoutMs: 100 }, [{ session: stuck }, { session: stuck }, { session: other }, { session: other }]);
    engine();
    await until(() => outbox.history.listReceipts(other).length === 2, 'the other session');
    expect(outbox.history.listReceipts(stuck)).toEqual([]);
    expect(sender.calls.filter((c) => c.sequence === 2)).toEqual([]);
    release = true;
    await until(() => outbox.counts().depth === 0, 'the stuck session');
    expect(outbox.history.listReceipts(stuck).map((r) => r.sequence)).toEqual([1, 2]);
  });

  it('times out a request whose sender never answers, and retries it', async () => {
    const sender = new ScriptedSender((_item, attempt) => (attempt === 1 ? new Promise<DeliveryOutcome>(() => {}) : ACK));
    const { outbox, engine } = await setup(sender, { requestTimeoutMs: 50 }, [{ session: sessionId() }]);
    await engine().idle();
    expect(outbox.history.listReceipts()[0]?.attempts).toBe(2);
  });

  it('retries with backoff until acknowledged; a thrown sender error is retryable too', async () => {
    const sender = new ScriptedSender((_item, attempt) => {
      if (attempt === 1) throw new Error('boom');
      if (attempt === 2) return { type: 'retry', error: { code: 'internal_error', reason: 'failed', status: 500 } };
      return ACK;
    });
    const { outbox, engine } = await setup(sender, {}, [{ session: sessionId() }]);
    await engine().idle();
    expect(sender.calls).toHaveLength(3);
    expect(outbox.history.listReceipts()[0]).toMatchObject({ attempts: 3, reference: 'NCC-TEST-0001' });
  });

  it('dead-letters a permanent refusal at once; a failing item is retried for as long as it is useful, then expires', async () => {
    const bad = sessionId();
    const flaky = sessionId();
    const fine = sessionId();
    const sender = new ScriptedSender((item) => {
      if (item.sessionId === bad) return { type: 'permanent', error: { code: 'setup_grant_used', reason: 'permanent', status: 410 } };
      if (item.sessionId === flaky) return { type: 'retry', error: { code: 'internal_error', reason: 'failed', status: 500 } };
      return ACK;
    });
    let shift = 0;
    const { outbox, engine } = await setup(sender, { usefulForMs: 3_600_000, clock: () => Date.now() + shift, backoff: { baseMs: 5, capMs: 20 } }, [
      { session: bad },
      { session: flaky },
      { session: fine },
    ]);
    const running = engine();
    // Far more failures than the old dead-letter count (10): still waiting.
    await until(() => sender.calls.filter((c) => c.sessionId === flaky).length >= 25, 'many failed attempts');
    expect(outbox.history.listDeadLetters().map((d) => d.sessionId)).toEqual([bad]);
    expect(outbox.counts().depth).toBe(1);
    // An hour later (the engine's clock), the setup is no longer useful: the next failure ends it.
    shift = 3_600_000;
    await running.idle();
    expect(outbox.history.listDeadLetters().map((d) => [d.sessionId, d.error])).toEqual([
      [bad, { code: 'setup_grant_used', reason: 'permanent', status: 410 }],
      [flaky, { code: 'internal_error', reason: 'expired', status: 500 }],
    ]);
    expect(outbox.history.listReceipts().map((r) => r.sessionId)).toEqual([fine]);
    await until(() => running.status().deadLetterCount === 2, 'status');
  });

  it('an acknowledgement it cannot keep is retried without holding up the others, and never dead-lettered while useful', async () => {
    const odd = sessionId();
    let fixed = false;
    const sender = new ScriptedSender((item) =>
      item.sessionId === odd && !fixed ? { type: 'acknowledged', acknowledgement: { reference: 'not a reference!', state: 'pending_activation' } } : ACK,
    );
    const { outbox, engine } = await setup(sender, { concurrency: 4, backoff: { baseMs: 5, capMs: 20 } }, [{ session: odd }, { session: sessionId() }, { session: sessionId() }]);
    const running = engine();
    await until(() => sender.calls.filter((c) => c.sessionId === odd).length >= 15, 'retries of the odd answer');
    expect(outbox.history.listReceipts()).toHaveLength(2);
    expect(outbox.history.listDeadLetters()).toEqual([]);
    fixed = true;
    await running.idle();
    expect(outbox.history.listReceipts()).toHaveLength(3);
  });

  it('the status says what the council did: unknown at start, failing on 5xx, not answering on no answer, answering on an answer', async () => {
    const script: DeliveryOutcome[] = [
      { type: 'retry', error: { code: 'internal_error', reason: 'failed', status: 500 } },
      { type: 'retry', error: { code: 'timeout', reason: 'failed' } },
      { type: 'retry', error: { code: 'rate_limited', reason: 'unavailable', status: 429, retryAfterSeconds: 0 } },
      { type: 'retry', error: { code: 'ECONNRESET', reason: 'failed' } },
      ACK,
    ];
    const seen: Array<QueueStatus['council']> = [];
    const engineRef: { current?: SyncEngine } = {};
    const sender = new ScriptedSender((_item, attempt) => {
      seen.push(engineRef.current?.status().council);
      return script[attempt - 1]!;
    });
    const { outbox, engine } = await setup(sender, { statusThrottleMs: 1, startJitterMs: 20, random: () => 0.99 }, [{ session: sessionId() }]);
    const running = (engineRef.current = engine());
    await running.idle();
    expect(seen).toEqual(['unknown', 'failing', 'not_answering', 'answering', 'not_answering']);
    expect(running.status()).toMatchObject({ council: 'answering', online: true });
    expect(outbox.history.listDeadLetters()).toEqual([]);
  });

  it('after a restart during an outage the status is unknown, not online, until the first attempt', async () => {
    const sender = new ScriptedSender(() => ({ type: 'retry', error: { code: 'timeout', reason: 'failed' } }));
    const { engine } = await setup(sender, { startJitterMs: 60_000, random: () => 0.5 }, [{ session: sessionId() }]);
    const restarted = engine();
    expect(restarted.status()).toMatchObject({ council: 'unknown', online: false });
    expect(sender.calls).toEqual([]);
  });

  it('honours Retry-After: the next attempt is not before it, and the whole kiosk pauses', async () => {
    const first = sessionId();
    const second = sessionId();
    const sender = new ScriptedSender((item, attempt) =>
      item.sessionId === first && attempt === 1 ? { type: 'retry', error: { code: 'rate_limited', reason: 'unavailable', status: 429, retryAfterSeconds: 1 } } : ACK,
    );
    const { outbox, engine } = await setup(sender, { concurrency: 1, backoff: { baseMs: 10, capMs: 60_000 } }, [{ session: first }, { session: second }]);
    await engine().idle();
    const [throttled, ...after] = sender.calls;
    expect(throttled!.sessionId).toBe(first);
    expect(after.map((c) => c.sessionId).sort()).toEqual([first, second].sort());
    // Neither the throttled item nor the other session's went out before the second was up.
    for (const call of after) expect(call.at - throttled!.at).toBeGreaterThanOrEqual(999);
    expect(outbox.history.listReceipts()).toHaveLength(2);
  });

  it('goes offline on an answer-less failure, probes one at a time, and sends the rest at once when the council answers', async () => {
    let reachable = false;
    const sender = new ScriptedSender(() => (reachable ? ACK : { type: 'retry', error: { code: 'ECONNREFUSED', reason: 'unreachable' } }));
    // A long backoff: if the items that waited for the network were not made due on reconnection, this test would time out.
    const items = Array.from({ length: 6 }, () => ({ session: sessionId() }));
    const { outbox, engine } = await setup(sender, { concurrency: 4, backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.001 }, items);
    const running = engine();
    const statuses: QueueStatus[] = [];
    running.onStatus((s) => statuses.push(s));
    await until(() => statuses.some((s) => !s.online), 'offline status');
    await until(() => sender.calls.length >= 8, 'tries after going offline');
    // The first four went out together while the kiosk still believed it was online; after that, one probe at a time.
    expect(sender.calls.slice(4).every((c) => c.inFlight === 1)).toBe(true);
    reachable = true;
    await running.idle();
    await until(() => statuses.at(-1)?.online === true && statuses.at(-1)?.depth === 0, 'online status');
    expect(outbox.history.listReceipts()).toHaveLength(6);
    expect(logs.some((line) => (JSON.parse(line) as { event?: unknown }).event === 'sync.offline')).toBe(true);
  });

  it('waits a random start delay before the first attempt', async () => {
    const sender = new ScriptedSender();
    const { engine } = await setup(sender, { startJitterMs: 300, random: () => 0.999 }, [{ session: sessionId() }]);
    const started = Date.now();
    await engine().idle();
    expect(sender.calls[0]!.at - started).toBeGreaterThanOrEqual(290);
  });

  it('after the OS says it is back online, items that waited for the network are retried (after a random delay)', async () => {
    let reachable = false;
    const sender = new ScriptedSender(() => (reachable ? ACK : { type: 'retry', error: { code: 'ENETUNREACH', reason: 'unreachable' } }));
    const { outbox, engine } = await setup(sender, { backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 0.5, startJitterMs: 20 }, [{ session: sessionId() }]);
    const running = engine();
    await until(() => !running.status().online, 'offline');
    running.setOnline(false);
    reachable = true;
    running.setOnline(true);
    expect(running.status().council).toBe('unknown');
    await running.idle();
    expect(running.status().online).toBe(true);
    expect(outbox.history.listReceipts()).toHaveLength(1);
  });

  it('the watchdog delivers items even when nothing wakes the engine', async () => {
    const sender = new ScriptedSender();
    const { database, engine } = await setup(sender, { watchdogMs: 50 });
    const running = engine();
    await sleep(20);
    // Written behind the outbox's back (no change notification): only the watchdog can notice it.
    database.connection
      .prepare("INSERT INTO outbox (kind, session_id, idempotency_key, payload, enqueued_at, next_attempt_at) VALUES ('account-setup', 's-raw', 'key-raw-0001', ?, 0, 0)")
      .run(JSON.stringify(accountSetupPayload()));
    await running.idle();
    expect(sender.calls.map((c) => c.sessionId)).toEqual(['s-raw']);
  });

  it('paces requests to its share of the council’s capacity', async () => {
    const sender = new ScriptedSender();
    const items = Array.from({ length: 5 }, () => ({ session: sessionId() }));
    const { engine } = await setup(sender, { requestsPerSecond: 20 }, items);
    await engine().idle();
    const gaps = sender.calls.slice(1).map((c, i) => c.at - sender.calls[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45);
  });

  it('sends nothing while the disk refuses writes, and survives an outcome it cannot write', async () => {
    const disk: { database?: KioskDatabase } = {};
    // The disk turns read-only (or full) while the first request is out: its outcome cannot be written.
    const sender = new ScriptedSender((_item, attempt) => {
      if (attempt === 1) disk.database!.connection.pragma('query_only = ON');
      return ACK;
    });
    const { outbox, database, engine } = await setup(sender, { backoff: { baseMs: 20, capMs: 50 } }, [{ session: sessionId() }]);
    disk.database = database;
    const db = database.connection;
    engine();
    await until(() => logs.some((line) => (JSON.parse(line) as { event?: unknown }).event === 'sync.record_failed'), 'a failed record');
    // The attempt cannot be counted on disk, so no request goes out until writes work again.
    await until(() => logs.some((line) => (JSON.parse(line) as { event?: unknown }).event === 'sync.pump_failed'), 'a refused attempt');
    expect(sender.calls).toHaveLength(1);
    expect(outbox.counts().depth).toBe(1);
    db.pragma('query_only = OFF');
    await until(() => outbox.counts().depth === 0, 'delivery once writes work');
    expect(outbox.history.listReceipts()).toHaveLength(1);
    expect(sender.calls).toHaveLength(2);
  });

  it('publishes status snapshots that match the kiosk API contract', async () => {
    const sender = new ScriptedSender();
    const { outbox, engine } = await setup(sender, { startJitterMs: 100_000, random: () => 0.5 }, [{ session: sessionId() }, { session: sessionId() }]);
    const running = engine();
    const statuses: QueueStatus[] = [];
    running.onStatus((s) => statuses.push(s));
    expect(statuses[0]).toEqual({ depth: 2, oldestWaitingSeconds: 0, lastSuccessAt: null, deadLetterCount: 0, online: false, council: 'unknown', storageFull: false });
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    await until(() => statuses.at(-1)?.depth === 3, 'depth 3');
    for (const status of statuses) expect(queueStatusSchema.safeParse(status).success).toBe(true);
  });

  it('its defaults fit a fleet nobody tuned: 200 kiosks × 5 setups back together within 1.5 × ideal at 50 requests/s', async () => {
    const { outbox } = await setup(new ScriptedSender());
    const engine = startSyncEngine({ outbox, sender: new ScriptedSender(), online: false });
    engines.push(engine);
    const started = logs.map((line) => JSON.parse(line) as { event: string; startJitterMs?: number; requestsPerSecond?: number }).findLast((e) => e.event === 'sync.started')!;
    const [kiosks, setups, councilRate] = [200, 5, 50];
    const ideal = (kiosks * setups) / councilRate;
    // Each kiosk starts at a random moment in the window and sends its setups at its own pace.
    const window = started.startJitterMs! / 1000;
    const lastDone = window + (setups - 1) / started.requestsPerSecond!;
    expect(lastDone).toBeLessThanOrEqual(1.5 * ideal);
    // On average the fleet asks for well under the council's limit, so few requests meet a 429
    // (npm run bench -- outboxFleet measures it: under 1%).
    expect((kiosks * setups) / window).toBeLessThanOrEqual(0.85 * councilRate);
  });

  it('stop() waits for deliveries in flight and records them', async () => {
    const sender = new ScriptedSender(async () => {
      await sleep(50);
      return ACK;
    });
    const { outbox, engine } = await setup(sender, {}, [{ session: sessionId() }]);
    const running = engine();
    await until(() => sender.calls.length === 1, 'a delivery in flight');
    await running.stop();
    expect(outbox.history.listReceipts()).toHaveLength(1);
  });
});
