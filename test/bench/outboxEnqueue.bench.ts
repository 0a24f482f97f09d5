import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setLogSink } from '../../main/log.ts';
import { explicitKeyProvider } from '../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../main/store/kioskDatabase.ts';
import type { DatabaseCipher, KioskDatabase } from '../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../main/store/outbox.ts';
import type { OutboxPayload } from '../../main/store/outboxKinds.ts';
import { report } from './benchReport.ts';

/**
 * Durable enqueues per second through the outbox (zod check, Idempotency-Key, row, audit entry,
 * one commit with synchronous=FULL) beside raw single-row inserts of the same payload through the
 * same driver, cipher, WAL, synchronous and locking settings, in the same run (target: the outbox
 * at least 0.6 of raw). Both ciphers are measured, which is how the default cipher was chosen
 * (main/store/kioskDatabase.ts). The timed operations alternate one by one, so disk and CPU drift
 * hit every side alike.
 */

const OPERATIONS = 4_000;
const CIPHERS: DatabaseCipher[] = ['sqlcipher', 'chacha20'];

function payload(i: number): OutboxPayload {
  return {
    setupGrant: `grant_${randomBytes(16).toString('hex')}`,
    serviceId: 'social-care',
    recordIds: [`rec-${i}`, `rec-${i + 1}`],
    consent: { version: '2024-06', statementIds: ['share-records', 'privacy-policy'], givenAt: new Date().toISOString() },
  };
}

async function open(folder: string, name: string, cipher: DatabaseCipher): Promise<KioskDatabase> {
  return openKioskDatabase({ path: join(folder, `${name}.db`), keyProvider: explicitKeyProvider(randomBytes(32)), cipher });
}

export async function run(): Promise<void> {
  const previousSink = setLogSink(() => {});
  const folder = await mkdtemp(join(tmpdir(), 'kiosk-bench-enqueue-'));
  const seconds = { raw: new Map<DatabaseCipher, number>(), outbox: new Map<DatabaseCipher, number>() };
  try {
    const raws = new Map<DatabaseCipher, KioskDatabase>();
    const outboxes = new Map<DatabaseCipher, ReturnType<typeof createOutbox>>();
    const databases: KioskDatabase[] = [];
    for (const cipher of CIPHERS) {
      const raw = await open(folder, `raw-${cipher}`, cipher);
      raw.connection.exec('CREATE TABLE raw_insert (id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, payload TEXT NOT NULL) STRICT');
      raws.set(cipher, raw);
      const database = await open(folder, `outbox-${cipher}`, cipher);
      databases.push(database);
      outboxes.set(cipher, createOutbox(database));
    }
    // One raw insert, then one enqueue, alternating op by op and cipher by cipher: a slow fsync
    // (the machine is shared) then costs both sides alike instead of skewing one round.
    const inserts = new Map([...raws].map(([cipher, raw]) => [cipher, raw.connection.prepare('INSERT INTO raw_insert (session_id, payload) VALUES (?, ?)')]));
    for (let i = 0; i < OPERATIONS; i++) {
      for (const cipher of CIPHERS) {
        const p = payload(i);
        let start = performance.now();
        inserts.get(cipher)!.run(randomUUID(), JSON.stringify(p));
        seconds.raw.set(cipher, (seconds.raw.get(cipher) ?? 0) + (performance.now() - start) / 1000);
        start = performance.now();
        outboxes.get(cipher)!.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: p });
        seconds.outbox.set(cipher, (seconds.outbox.get(cipher) ?? 0) + (performance.now() - start) / 1000);
      }
    }
    for (const database of raws.values()) database.close();
    for (const database of databases) database.close();
  } finally {
    setLogSink(previousSink);
    await rm(folder, { recursive: true, force: true });
  }

  const total = OPERATIONS;
  const rate = (s: number | undefined) => Math.round(total / (s ?? Infinity));
  const baseline = rate(seconds.raw.get('sqlcipher'));
  for (const cipher of CIPHERS) {
    const raw = rate(seconds.raw.get(cipher));
    const outbox = rate(seconds.outbox.get(cipher));
    report({
      name: `sqlite.raw_insert_durable.${cipher}`,
      value: raw,
      unit: 'inserts/s',
      ...(cipher === 'sqlcipher' ? {} : { ratio: round2(raw / baseline) }),
    });
    report({ name: `outbox.enqueue_durable.${cipher}`, value: outbox, unit: 'enqueues/s', ratio: round2(outbox / raw), target: '>= 0.6' });
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
