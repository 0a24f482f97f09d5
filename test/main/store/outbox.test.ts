import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import type { KioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { Outbox } from '../../../main/store/outbox.ts';
import { OUTBOX_KINDS, checkNoSecretFields } from '../../../main/store/outboxKinds.ts';
import { DatabaseFullError, OutboxPayloadError } from '../../../main/store/storeErrors.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from './storeFixtures.ts';

const logs = captureLogs();

async function newOutbox(clock?: () => number): Promise<{ outbox: Outbox; database: KioskDatabase; path: string; key: Buffer }> {
  const { database, path, key } = await openTempDatabase();
  return { outbox: createOutbox(database, clock ? { clock } : {}), database, path, key };
}

function refusal(fn: () => unknown): OutboxPayloadError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OutboxPayloadError);
    return error as OutboxPayloadError;
  }
  throw new Error('expected an OutboxPayloadError');
}

describe('enqueue', () => {
  it('is on disk when it returns: a new connection finds the item with its Idempotency-Key and sequence', async () => {
    const { outbox, database, path, key } = await newOutbox(() => 1_000);
    const session = sessionId();
    const first = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload() });
    const second = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload() });
    expect(second.sequence).toBe(first.sequence + 1);
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    database.close();

    const reopenedDatabase = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) });
    const reopened = createOutbox(reopenedDatabase);
    const [item] = reopened.dueHeads(1_000, 10);
    expect(item).toMatchObject({ sequence: first.sequence, sessionId: session, idempotencyKey: first.idempotencyKey, attempts: 0, nextAttemptAt: 1_000, lastError: null });
    reopenedDatabase.close();
  });

  it('writes the local state change in the same transaction: if either fails, neither is stored', async () => {
    const { outbox, database } = await newOutbox();
    const db = database.connection;
    db.exec('CREATE TABLE local_state (step TEXT)');
    db.transaction(() => {
      db.prepare("INSERT INTO local_state VALUES ('submitted')").run();
      outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    })();
    expect(db.prepare('SELECT count(*) AS n FROM local_state').get()).toEqual({ n: 1 });

    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO local_state VALUES ('second')").run();
        db.prepare('INSERT INTO no_such_table VALUES (1)').run();
        outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
      })(),
    ).toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM local_state').get()).toEqual({ n: 1 });
    expect(outbox.counts().depth).toBe(1);

    // The caller's own transaction around enqueue nests: a failure after enqueue undoes both.
    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO local_state VALUES ('third')").run();
        outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
        throw new Error('later step failed');
      })(),
    ).toThrow('later step failed');
    expect(db.prepare('SELECT count(*) AS n FROM local_state').get()).toEqual({ n: 1 });
    expect(outbox.counts().depth).toBe(1);
  });

  it('refuses passwords and one-time codes, whatever the field is called, and writes nothing', async () => {
    const { outbox } = await newOutbox();
    const withPassword = { ...accountSetupPayload(), password: 'Correct-Horse-9' };
    const password = refusal(() => outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: withPassword }));
    expect(password.problems.join('\n')).toContain('password');
    expect(password.message).not.toContain('Correct-Horse-9');

    const withCode = accountSetupPayload();
    (withCode.consent as Record<string, unknown>).oneTimeCode = '123456';
    expect(refusal(() => outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: withCode })).message).not.toContain('123456');
    expect(outbox.counts().depth).toBe(0);
    expect(outbox.audit.verify()).toMatchObject({ ok: true, entries: 0 });
  });

  it('the secret-field guard catches names a future kind might use', () => {
    expect(checkNoSecretFields({ a: { newPassword: 'x' }, list: [{ otp: '1' }, { verificationCode: '2' }], pin: '1', passcode: 'y' })).toEqual([
      'a.newPassword',
      'list[0].otp',
      'list[1].verificationCode',
      'pin',
      'passcode',
    ]);
    expect(checkNoSecretFields(accountSetupPayload())).toEqual([]);
  });

  it('every known kind is a strict object: unknown fields are refused', async () => {
    const { outbox } = await newOutbox();
    for (const kind of Object.keys(OUTBOX_KINDS) as Array<keyof typeof OUTBOX_KINDS>) {
      const error = refusal(() => outbox.enqueue({ kind, sessionId: sessionId(), payload: { ...accountSetupPayload(), extra: 1 } as never }));
      expect(error.problems.join('\n')).toMatch(/extra|Unrecognized/);
    }
  });

  it.each([
    ['an unknown kind', { kind: 'send-password', sessionId: 's1', payload: {} }],
    ['a bad session id', { kind: 'account-setup', sessionId: 'not a session id!', payload: accountSetupPayload() }],
    ['a payload missing fields', { kind: 'account-setup', sessionId: 's1', payload: { serviceId: 'social-care' } }],
    ['no records ticked', { kind: 'account-setup', sessionId: 's1', payload: accountSetupPayload({ recordIds: [] }) }],
  ])('refuses %s with a typed error', async (_label, request) => {
    const { outbox } = await newOutbox();
    refusal(() => outbox.enqueue(request as never));
    expect(outbox.counts().depth).toBe(0);
  });

  it('a full disk is a DatabaseFullError; everything stored before is intact and the queue works again once there is room', async () => {
    const { outbox, database } = await newOutbox();
    const db = database.connection;
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push(outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() }));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let full: unknown;
    for (let i = 0; i < 500 && full === undefined; i++) {
      try {
        outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload({ recordIds: Array.from({ length: 20 }, (_, n) => `record-${i}-${n}`) }) });
      } catch (error) {
        full = error;
      }
    }
    expect(full).toBeInstanceOf(DatabaseFullError);
    expect((full as DatabaseFullError).path).toBe(database.path);
    const depth = outbox.counts().depth;
    const keys = outbox.dueHeads(Date.now() + 1, 1000).map((item) => item.idempotencyKey);
    for (const item of stored) expect(keys).toContain(item.idempotencyKey);
    expect(outbox.audit.verify()).toMatchObject({ ok: true, entries: depth });

    db.pragma('max_page_count = 1073741823');
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    expect(outbox.counts().depth).toBe(depth + 1);
  });
});

describe('delivery bookkeeping', () => {
  it('offers only each session’s head, oldest first, so order holds within a session', async () => {
    const { outbox } = await newOutbox(() => 100);
    const a = sessionId();
    const b = sessionId();
    const a1 = outbox.enqueue({ kind: 'account-setup', sessionId: a, payload: accountSetupPayload() });
    const a2 = outbox.enqueue({ kind: 'account-setup', sessionId: a, payload: accountSetupPayload() });
    const b1 = outbox.enqueue({ kind: 'account-setup', sessionId: b, payload: accountSetupPayload() });
    expect(outbox.dueHeads(100, 10).map((i) => i.sequence)).toEqual([a1.sequence, b1.sequence]);

    // a1 waits for a retry: b goes past it, a2 stays behind it.
    outbox.startAttempts([a1.sequence, b1.sequence]);
    outbox.recordFailure(a1.sequence, { error: { code: 'http-500', reason: 'failed', status: 500 }, nextAttemptAt: 5_000, countsAsFailure: true });
    expect(outbox.dueHeads(100, 10).map((i) => i.sequence)).toEqual([b1.sequence]);
    expect(outbox.nextDueAfter(100)).toBe(5_000);
    const due = outbox.dueHeads(5_000, 10);
    expect(due.map((i) => i.sequence)).toEqual([a1.sequence, b1.sequence]);
    expect(due[0]).toMatchObject({ sequence: a1.sequence, attempts: 1, failures: 1, lastError: { code: 'http-500', status: 500 } });

    expect(outbox.acknowledge(a1.sequence, { reference: 'NCC-7KQ2-M9XD', state: 'pending_activation' }, 6_000)).toBe(true);
    expect(outbox.dueHeads(6_000, 10).map((i) => i.sequence)).toEqual([a2.sequence, b1.sequence]);
  });

  it('acknowledging deletes the payload: only reference, state and times remain', async () => {
    const { outbox, database } = await newOutbox(() => 100);
    const session = sessionId();
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload({ recordIds: ['MARKER-RECORD'] }) });
    outbox.startAttempts([item.sequence]);
    expect(outbox.acknowledge(item.sequence, { reference: 'NCC-7KQ2-M9XD', state: 'pending_activation' }, 2_000)).toBe(true);
    expect(outbox.acknowledge(item.sequence, { reference: 'NCC-7KQ2-M9XD', state: 'pending_activation' }, 2_001)).toBe(false);
    expect(outbox.counts()).toEqual({ depth: 0, oldestEnqueuedAt: null, lastSuccessAt: 2_000, deadLetterCount: 0 });
    expect(outbox.history.listReceipts(session)).toEqual([
      { sequence: item.sequence, kind: 'account-setup', sessionId: session, idempotencyKey: item.idempotencyKey, reference: 'NCC-7KQ2-M9XD', state: 'pending_activation', enqueuedAt: 100, deliveredAt: 2_000, attempts: 1 },
    ]);
    const db = database.connection;
    const everything = JSON.stringify(
      ['outbox', 'outbox_receipt', 'dead_letter', 'audit_log', 'kiosk_meta'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()),
    );
    expect(everything).not.toContain('MARKER-RECORD');
    expect(everything).not.toContain('setupGrant');
  });

  it('moves an item to the dead-letter table after a permanent error, keeping the error', async () => {
    const { outbox } = await newOutbox(() => 100);
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    outbox.startAttempts([item.sequence]);
    expect(outbox.deadLetter(item.sequence, { code: 'setup_grant_used', reason: 'permanent', status: 410 }, 200)).toBe(true);
    expect(outbox.counts()).toMatchObject({ depth: 0, deadLetterCount: 1 });
    expect(outbox.history.listDeadLetters()).toEqual([
      { sequence: item.sequence, kind: 'account-setup', sessionId: expect.any(String) as unknown, idempotencyKey: item.idempotencyKey, attempts: 1, error: { code: 'setup_grant_used', reason: 'permanent', status: 410 }, enqueuedAt: 100, deadAt: 200 },
    ]);
  });

  it('records failures without ever dead-lettering an item for them (only a permanent refusal or expiry does)', async () => {
    const { outbox } = await newOutbox(() => 0);
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    const fail = (countsAsFailure: boolean) => {
      outbox.startAttempts([item.sequence]);
      return outbox.recordFailure(item.sequence, { error: { code: 'x', reason: countsAsFailure ? 'failed' : 'unavailable' }, nextAttemptAt: 0, countsAsFailure });
    };
    expect(Array.from({ length: 50 }, (_, i) => fail(i % 3 !== 0))).toEqual(Array(50).fill('retrying'));
    expect(outbox.history.listDeadLetters()).toEqual([]);
    expect(outbox.dueHeads(0, 1)[0]).toMatchObject({ attempts: 50, failures: 33 });
    outbox.deadLetter(item.sequence, { code: 'x', reason: 'expired' }, 0);
    expect(fail(true)).toBe('gone');
    expect(outbox.history.listDeadLetters()[0]).toMatchObject({ attempts: 50, error: { code: 'x', reason: 'expired' } });
  });

  it('makes items that waited only for the network due again, and leaves those the council delayed', async () => {
    const { outbox } = await newOutbox(() => 0);
    const offline = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    const throttled = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    outbox.recordFailure(offline.sequence, { error: { code: 'ECONNREFUSED', reason: 'unreachable' }, nextAttemptAt: 300_000, countsAsFailure: false });
    outbox.recordFailure(throttled.sequence, { error: { code: 'rate_limited', reason: 'unavailable', status: 429, retryAfterSeconds: 60 }, nextAttemptAt: 60_000, countsAsFailure: false });
    expect(outbox.makeOfflineItemsDue(10)).toBe(1);
    expect(outbox.dueHeads(10, 10).map((i) => i.sequence)).toEqual([offline.sequence]);
  });
});

describe('malformed rows', () => {
  it('are quarantined to the dead-letter table with a clear error, logged, audited, and the rest is delivered', async () => {
    const { outbox, database } = await newOutbox(() => 0);
    const db = database.connection;
    const good = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    const insert = db.prepare("INSERT INTO outbox (kind, session_id, idempotency_key, payload, enqueued_at, next_attempt_at) VALUES (?, ?, ?, ?, 0, 0)");
    const notJson = Number(insert.run('account-setup', 's-1', 'k-not-json', '{"setupGrant": "PERSONAL-MARKER"').lastInsertRowid);
    const wrongShape = Number(insert.run('account-setup', 's-2', 'k-wrong-shape', '{"serviceId": 7}').lastInsertRowid);
    const unknownKind = Number(insert.run('unknown-kind', 's-3', 'k-unknown', '{}').lastInsertRowid);
    db.prepare("UPDATE outbox SET last_error = 'garbage' WHERE sequence = ?").run(good.sequence);

    expect(outbox.dueHeads(0, 10).map((i) => i.sequence)).toEqual([good.sequence]);
    expect(outbox.dueHeads(0, 10)[0]?.lastError).toBeNull();
    const dead = outbox.history.listDeadLetters();
    expect(dead.map((d) => d.sequence).sort()).toEqual([notJson, wrongShape, unknownKind].sort());
    for (const entry of dead) expect(entry.error).toEqual({ code: 'malformed-row', reason: 'malformed' });
    // Nothing lost: the raw payload is kept for IT.
    expect(db.prepare('SELECT payload FROM dead_letter WHERE sequence = ?').get(notJson)).toEqual({ payload: '{"setupGrant": "PERSONAL-MARKER"' });
    expect(outbox.audit.entries().filter((e) => e.event === 'quarantined')).toHaveLength(3);
    const quarantineLogs = logs.filter((line) => (JSON.parse(line) as { event?: unknown }).event === 'outbox.quarantined');
    expect(quarantineLogs.length).toBeGreaterThanOrEqual(3);
    expect(logs.join('\n')).not.toContain('PERSONAL-MARKER');
  });
});

describe('status counts', () => {
  it('track depth, oldest enqueue, last success and dead letters', async () => {
    let now = 1_000;
    const { outbox } = await newOutbox(() => now);
    expect(outbox.counts()).toEqual({ depth: 0, oldestEnqueuedAt: null, lastSuccessAt: null, deadLetterCount: 0 });
    const a = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    now = 2_000;
    const b = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    expect(outbox.counts()).toEqual({ depth: 2, oldestEnqueuedAt: 1_000, lastSuccessAt: null, deadLetterCount: 0 });
    outbox.acknowledge(a.sequence, { reference: 'R-1', state: 'pending_activation' }, 3_000);
    outbox.deadLetter(b.sequence, { code: 'invalid_request', reason: 'permanent', status: 400 }, 3_000);
    expect(outbox.counts()).toEqual({ depth: 0, oldestEnqueuedAt: null, lastSuccessAt: 3_000, deadLetterCount: 1 });
  });

  it('notify listeners on every change', async () => {
    const { outbox } = await newOutbox();
    let changes = 0;
    const stop = outbox.onChange(() => changes++);
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    outbox.acknowledge(item.sequence, { reference: 'R-1', state: 'pending_activation' }, 1);
    stop();
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    expect(changes).toBe(2);
  });

  it('the device id is made with the database and kept', async () => {
    const { outbox, database, path, key } = await newOutbox();
    const id = outbox.deviceId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    database.close();
    const againDatabase = await openKioskDatabase({ path: join(path), keyProvider: explicitKeyProvider(key) });
    const again = createOutbox(againDatabase);
    expect(again.deviceId).toBe(id);
    againDatabase.close();
  });
});
