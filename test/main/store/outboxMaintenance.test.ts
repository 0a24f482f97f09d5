import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../main/store/outbox.ts';
import { DEFAULT_RETENTION, retryKeyFor } from '../../../main/store/outboxMaintenance.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from './storeFixtures.ts';

captureLogs();

const DAY = 24 * 3600 * 1000;

describe('purging expired items', () => {
  it('deletes dead letters and receipts older than the retention, keeps younger ones, and audits the counts', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database, { clock: () => 0 });
    const items = Array.from({ length: 4 }, () => outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload({ recordIds: ['MARKER-RECORD'] }) }));
    const [oldDead, youngDead, oldReceipt, youngReceipt] = items.map((i) => i.sequence) as [number, number, number, number];
    outbox.deadLetter(oldDead, { code: 'invalid_request', reason: 'permanent', status: 400 }, 1 * DAY);
    outbox.deadLetter(youngDead, { code: 'invalid_request', reason: 'permanent', status: 400 }, 20 * DAY);
    outbox.acknowledge(oldReceipt, { reference: 'R-OLD', state: 'pending_activation' }, 1 * DAY);
    outbox.acknowledge(youngReceipt, { reference: 'R-NEW', state: 'pending_activation' }, 20 * DAY);

    const policy = { deadLetterMs: 10 * DAY, receiptMs: 10 * DAY };
    expect(outbox.history.purgeExpired(25 * DAY, policy)).toEqual({ deadLetters: 1, receipts: 1 });
    expect(outbox.history.listDeadLetters().map((d) => d.sequence)).toEqual([youngDead]);
    expect(outbox.history.listReceipts().map((r) => r.reference)).toEqual(['R-NEW']);
    expect(outbox.audit.entries().filter((e) => e.event === 'purged').map((e) => e.detail)).toEqual([
      { table: 'dead_letter', count: 1 },
      { table: 'outbox_receipt', count: 1 },
    ]);
    expect(outbox.history.purgeExpired(25 * DAY, policy)).toEqual({ deadLetters: 0, receipts: 0 });
    expect(outbox.audit.verify().ok).toBe(true);

    // After the young dead letter expires too, no personal data is left in any table.
    outbox.history.purgeExpired(40 * DAY, policy);
    const db = database.connection;
    const everything = JSON.stringify(['outbox', 'outbox_receipt', 'dead_letter', 'audit_log'].map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
    expect(everything).not.toContain('MARKER-RECORD');
  });

  it("keeps a session's invitation lookup exactly as long as the session has a row, receipt or dead letter", async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database, { clock: () => 0 });
    const submit = (typed: string) => outbox.submitOnce({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() }, typed);
    const [delivered, dead, waiting] = [submit('CODE-A'), submit('CODE-B'), submit('CODE-C')];
    outbox.acknowledge(delivered.sequence, { reference: 'R-A', state: 'pending_activation' }, 1 * DAY);
    outbox.deadLetter(dead.sequence, { code: 'invalid_request', reason: 'permanent', status: 400 }, 1 * DAY);
    expect(outbox.history.receiptByLookup('CODE-A')?.reference).toBe('R-A');
    expect(outbox.history.receiptByLookup('code-a')).toBeUndefined();

    const lookups = () => (database.connection.prepare('SELECT count(*) AS n FROM invitation_lookup').get() as { n: number }).n;
    outbox.history.purgeExpired(5 * DAY, { deadLetterMs: 10 * DAY, receiptMs: 2 * DAY });
    expect(outbox.history.receiptByLookup('CODE-A')).toBeUndefined();
    expect(lookups()).toBe(2);
    outbox.history.purgeExpired(20 * DAY, { deadLetterMs: 10 * DAY, receiptMs: 2 * DAY });
    expect(lookups()).toBe(1);
    expect(outbox.counts().depth).toBe(1);
    expect(waiting.outcome).toBe('queued');
  });

  it('keeps dead letters 30 days and receipts 90 days by default', () => {
    expect(DEFAULT_RETENTION).toEqual({ deadLetterMs: 30 * DAY, receiptMs: 90 * DAY });
  });
});

describe('retrying a dead letter (IT)', () => {
  it('after a transient failure, puts it back with the same Idempotency-Key and sequence, due now, attempts reset', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database, { clock: () => 0 });
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    outbox.deadLetter(item.sequence, { code: 'http-500', reason: 'expired', status: 500 }, 10);
    expect(outbox.history.retryDeadLetter(item.sequence, 50)).toEqual({ error: { code: 'http-500', reason: 'expired', status: 500 }, newIdempotencyKey: false });
    expect(outbox.history.retryDeadLetter(item.sequence, 50)).toBeUndefined();
    expect(outbox.history.listDeadLetters()).toEqual([]);
    expect(outbox.dueHeads(50, 10)).toEqual([expect.objectContaining({ sequence: item.sequence, idempotencyKey: item.idempotencyKey, attempts: 0, failures: 0, nextAttemptAt: 50 })]);
    expect(outbox.audit.entries().map((e) => e.event)).toEqual(['enqueued', 'dead-lettered', 'dead-letter-retried']);
  });

  it('after a permanent refusal, puts it back as a new request: a new key that keeps the resident\'s reference', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database, { clock: () => 0 });
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    outbox.deadLetter(item.sequence, { code: 'consent_invalid', reason: 'permanent', status: 422 }, 10);
    expect(outbox.history.retryDeadLetter(item.sequence, 50)?.newIdempotencyKey).toBe(true);
    const [back] = outbox.dueHeads(50, 10);
    expect(back!.idempotencyKey).toBe(`${item.idempotencyKey}.retry-1`);
    outbox.deadLetter(item.sequence, { code: 'consent_invalid', reason: 'permanent', status: 422 }, 60);
    outbox.history.retryDeadLetter(item.sequence, 70);
    expect(outbox.dueHeads(70, 10)[0]!.idempotencyKey).toBe(`${item.idempotencyKey}.retry-2`);
    expect(retryKeyFor(`${item.idempotencyKey}.retry-2`)).toBe(`${item.idempotencyKey}.retry-3`);
  });

  it('the list for IT carries no payload', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload({ recordIds: ['MARKER-RECORD'] }) });
    outbox.deadLetter(item.sequence, { code: 'invalid_request', reason: 'permanent', status: 400 }, 1);
    expect(JSON.stringify(outbox.history.listDeadLetters())).not.toContain('MARKER-RECORD');
  });
});
