import { randomUUID } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { setLogSink } from '../../../main/log.ts';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { OutboxPayload } from '../../../main/store/outboxKinds.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import type { OutboxSender } from '../../../main/sync/outboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';

/**
 * The kiosk side of the crash test (crash.test.ts, outboxCrash.bench.ts): a real outbox on a real
 * encrypted file and a real sync engine delivering to the standalone simulator over HTTP, which
 * the parent kills with SIGKILL at chosen moments and starts again.
 *
 * It enqueues `--enqueue-count` grants (the next grant is the outbox's own sequence counter, so a
 * restart continues where the last run's committed enqueues left off), in sessions of up to three
 * items, and prints, synchronously so a kill cannot lose a printed line:
 *   READY                     database open, engine started
 *   ENQUEUED <key>            an enqueue returned: it is on disk (the parent's "acknowledged" set)
 *   SENDING <sequence>        a request is about to go out
 *   DRAINED                   (with --drain) everything enqueued and delivered; then it exits 0
 * With `--kill-after-council-ack N` it kills itself with SIGKILL after the council answered the
 * Nth request of this run, before the local acknowledgement is written.
 * The key comes in the environment (KIOSK_TEST_DB_KEY, hex), never on the command line.
 */

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    grants: { type: 'string' },
    council: { type: 'string' },
    credential: { type: 'string' },
    drain: { type: 'boolean', default: false },
    'kill-after-council-ack': { type: 'string' },
    'enqueue-count': { type: 'string', default: '0' },
    'enqueue-gap-ms': { type: 'string', default: '2' },
  },
});

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

setLogSink(() => {});
const payloads = JSON.parse(readFileSync(values.grants!, 'utf8')) as Array<OutboxPayload<'account-setup'>>;
const database = await openKioskDatabase({ path: values.db!, keyProvider: explicitKeyProvider(Buffer.from(process.env.KIOSK_TEST_DB_KEY ?? '', 'hex')) });
const outbox = createOutbox(database);
const client = new CouncilClient({ baseUrl: values.council!, deviceCredential: values.credential!, timeoutMs: 2_000, getRetryLimit: 0 });
const real = councilOutboxSender(() => client);
const killAfter = values['kill-after-council-ack'] === undefined ? undefined : Number(values['kill-after-council-ack']);
let answered = 0;
const sender: OutboxSender = {
  async deliver(item, signal) {
    say(`SENDING ${item.sequence}`);
    const outcome = await real.deliver(item, signal);
    answered++;
    if (killAfter !== undefined && answered >= killAfter && outcome.type === 'acknowledged') process.kill(process.pid, 'SIGKILL');
    return outcome;
  },
};
const engine = startSyncEngine({
  outbox,
  sender,
  concurrency: 4,
  startJitterMs: 0,
  requestsPerSecond: Infinity,
  requestTimeoutMs: 3_000,
  backoff: { baseMs: 20, capMs: 400 },
  watchdogMs: 500,
});
say('READY');

const lastSequence = database.connection.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck();
const gapMs = Number(values['enqueue-gap-ms']);
const count = Number(values['enqueue-count']);
let session = randomUUID();
for (let enqueued = 0; enqueued < count; enqueued++) {
  const next = Number(lastSequence.get() ?? 0);
  const payload = payloads[next];
  if (payload === undefined) break;
  if (next % 3 === 0) session = randomUUID();
  const { idempotencyKey } = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload });
  say(`ENQUEUED ${idempotencyKey}`);
  await sleep(Math.random() * gapMs);
}
if (values.drain) {
  await engine.idle();
  await engine.stop();
  database.close();
  say('DRAINED');
  process.exit(0);
}
// Without --drain, keep delivering until killed.
await new Promise(() => {});
