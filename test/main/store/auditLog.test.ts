import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, auditEntryHash } from '../../../main/store/auditLog.ts';
import type { KioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { Outbox } from '../../../main/store/outbox.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from './storeFixtures.ts';

captureLogs();

/** An outbox whose history has every kind of audit entry. */
// The connection behind each test's outbox, for the tamperer's SQL.
const databases = new WeakMap<Outbox, KioskDatabase>();
function connectionOf(outbox: Outbox): KioskDatabase['connection'] {
  return databases.get(outbox)!.connection;
}

async function busyOutbox(): Promise<Outbox> {
  const { database } = await openTempDatabase();
  const outbox = createOutbox(database, { clock: () => 1_000 });
  const a = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
  const b = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
  outbox.acknowledge(a.sequence, { reference: 'NCC-0001', state: 'pending_activation' }, 2_000);
  outbox.deadLetter(b.sequence, { code: 'invalid_request', reason: 'permanent', status: 400 }, 2_000);
  outbox.history.purgeExpired(10 ** 12);
  databases.set(outbox, database);
  return outbox;
}

// The triggers stop UPDATE and DELETE; a tamperer with the key can drop them first. verify() must still catch it.
function dropGuards(outbox: Outbox): void {
  connectionOf(outbox).exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  it('records enqueue, delivery, dead-letter and purge, and verifies', async () => {
    const outbox = await busyOutbox();
    expect(outbox.audit.entries().map((e) => e.event)).toEqual(['enqueued', 'enqueued', 'delivered', 'dead-lettered', 'purged', 'purged']);
    expect(outbox.audit.entries()[2]?.detail).toMatchObject({ reference: 'NCC-0001', kind: 'account-setup' });
    const result = outbox.audit.verify();
    expect(result).toMatchObject({ ok: true, entries: 6 });
  });

  it('chains each hash from the one before', async () => {
    const outbox = await busyOutbox();
    const rows = connectionOf(outbox).prepare('SELECT id, at, event, detail, hash FROM audit_log ORDER BY id').all() as Array<{
      id: number;
      at: number;
      event: string;
      detail: string;
      hash: string;
    }>;
    let previous = AUDIT_GENESIS_HASH;
    for (const row of rows) {
      expect(row.hash).toBe(auditEntryHash(previous, row.id, row.at, row.event, row.detail));
      previous = row.hash;
    }
  });

  it('holds no personal data: details are identifiers and codes only', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload({ recordIds: ['MARKER-RECORD'] }) });
    expect(JSON.stringify(database.connection.prepare('SELECT * FROM audit_log').all())).not.toContain('MARKER-RECORD');
    expect(() => outbox.audit.append('enqueued', { payload: 'x' } as never, 1)).toThrow();
  });

  it('is append-only: SQLite refuses UPDATE and DELETE', async () => {
    const db = connectionOf(await busyOutbox());
    expect(() => db.prepare("UPDATE audit_log SET event = 'delivered' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
  });

  it.each([
    ['an edited event', 'UPDATE audit_log SET event = \'delivered\' WHERE id = 2', 2, 'hash'],
    ['an edited detail', "UPDATE audit_log SET detail = '{}' WHERE id = 3", 3, 'hash'],
    ['an edited time', 'UPDATE audit_log SET at = at + 1 WHERE id = 4', 4, 'hash'],
    ['a removed entry', 'DELETE FROM audit_log WHERE id = 3', 4, 'missing'],
    ['an unknown event', "UPDATE audit_log SET event = 'deleted' WHERE id = 5", 5, 'unknown'],
  ])('finds %s, and where', async (_label, sql, firstBadId, reason) => {
    const outbox = await busyOutbox();
    dropGuards(outbox);
    connectionOf(outbox).exec(sql);
    const result = outbox.audit.verify();
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ firstBadId });
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('a re-hashed forgery still breaks at the next entry', async () => {
    const outbox = await busyOutbox();
    dropGuards(outbox);
    const db = connectionOf(outbox);
    const first = db.prepare('SELECT id, at, detail FROM audit_log WHERE id = 1').get() as { id: number; at: number; detail: string };
    db.prepare("UPDATE audit_log SET event = 'purged', hash = ? WHERE id = 1").run(auditEntryHash(AUDIT_GENESIS_HASH, 1, first.at, 'purged', first.detail));
    expect(outbox.audit.verify()).toMatchObject({ ok: false, firstBadId: 2 });
  });

  it('a rolled-back transaction leaves no gap in the chain', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    expect(() =>
      database.connection.transaction(() => {
        outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
        throw new Error('a later local change failed');
      })(),
    ).toThrow('a later local change failed');
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    expect(outbox.audit.verify()).toMatchObject({ ok: true, entries: 1 });
  });
});
