import { readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { setLogSink } from '../../../main/log.ts';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { OutboxPayload } from '../../../main/store/outboxKinds.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import type { OutboxSender } from '../../../main/sync/outboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';

/**
 * The kiosk side of the crash test (crash.test.ts, outboxCrash.bench.ts): a real outbox on a real
 * encrypted file, the real setup queue and a real sync engine delivering to the standalone
 * simulator over HTTP, which the parent kills with SIGKILL at chosen moments and starts again.
 *
 * It registers the residents `--residents 3,7,8` one after another, as 'Submit' does: each one's
 * live steps (a short pause), then the setup for their invitation (invitation `crash-invite-N`,
 * the Nth grant) into the setup queue, a short wait for the council, and the reference shown.
 * A resident named again is one starting again (their answers' time differs). It prints,
 * synchronously so a kill cannot lose a printed line:
 *   READY                     database open, engine started
 *   REGISTERING <n>           resident n's live steps begin
 *   SHOWN <n> <reference>     'Submit' returned: the resident saw this reference
 *   SENDING <sequence>        a request is about to go out
 *   DRAINED                   (with --drain) everything delivered; then it exits 0
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
    residents: { type: 'string', default: '' },
    'live-steps-ms': { type: 'string', default: '20' },
    'submit-wait-ms': { type: 'string', default: '150' },
  },
});

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

setLogSink(() => {});
const payloads = JSON.parse(readFileSync(values.grants!, 'utf8')) as Array<OutboxPayload>;
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

const queue = outboxSetupQueue(outbox);
const liveStepsMs = Number(values['live-steps-ms']);
const submitWaitMs = Number(values['submit-wait-ms']);
for (const resident of values.residents.split(',').filter(Boolean).map(Number)) {
  say(`REGISTERING ${resident}`);
  await sleep(Math.random() * liveStepsMs);
  const payload = { ...payloads[resident]!, consent: { ...payloads[resident]!.consent, givenAt: new Date().toISOString() } };
  const queued = queue.enqueue(`crash-invite-${resident}`, payload);
  if (queued.councilReference === null) await queue.waitForDelivery(queued.sequence, submitWaitMs);
  say(`SHOWN ${resident} ${queued.receipt}`);
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
