import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptFor } from '../../../main/registration/setupQueue.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { Outbox } from '../../../main/store/outbox.ts';
import type { OutboxPayload } from '../../../main/store/outboxKinds.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';
import type { SyncEngineOptions } from '../../../main/sync/syncEngine.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';
import { captureLogs, openTempDatabase } from '../store/storeFixtures.ts';

// IT's `admin retry` of a dead letter, against the simulator over HTTP on 127.0.0.1.

captureLogs();

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  // Undefined when beforeAll failed.
  await (harness as Harness | undefined)?.close();
});

async function drain(outbox: Outbox, options: Partial<SyncEngineOptions> = {}): Promise<void> {
  const engine = startSyncEngine({ outbox, sender: councilOutboxSender(() => harness.client), startJitterMs: 0, requestsPerSecond: Infinity, ...options });
  try {
    await engine.idle();
  } finally {
    await engine.stop();
  }
}

async function grant(): Promise<OutboxPayload> {
  const [minted] = (await harness.anonymous.call('mintTrainingSetupGrants', { body: { count: 1 } })).grants;
  return {
    setupGrant: minted!.setupGrant,
    serviceId: minted!.serviceId,
    recordIds: minted!.recordIds,
    consent: { version: minted!.consentVersion, statementIds: minted!.consentStatementIds, givenAt: new Date().toISOString() },
  };
}

function setupsWithKey(key: string) {
  return [...harness.simulator.state.accountSetups.values()].filter((s) => s.idempotencyKey === key);
}

describe('admin retry of a dead letter', () => {
  it('after a permanent refusal, is a new request with a new Idempotency-Key (the same key would only replay the refusal)', async () => {
    const outbox = createOutbox((await openTempDatabase()).database);
    const payload = await grant();
    const account = harness.simulator.state.accounts.get(harness.simulator.state.setupGrants.get(payload.setupGrant)!.accountId)!;
    const phone = account.phoneNumber;
    // The council refuses it for good: the account has no phone yet (422, stored against the key).
    account.phoneNumber = null;
    const { sequence, idempotencyKey } = outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload });
    await drain(outbox);
    expect(outbox.history.listDeadLetters().map((d) => d.error)).toEqual([{ code: 'phone_not_enrolled', reason: 'permanent', status: 422 }]);

    // The council's service desk puts it right; IT retries.
    account.phoneNumber = phone;
    expect(outbox.history.retryDeadLetter(sequence, Date.now())).toEqual({ error: { code: 'phone_not_enrolled', reason: 'permanent', status: 422 }, newIdempotencyKey: true });
    await drain(outbox);
    expect(outbox.history.listDeadLetters()).toEqual([]);
    const [receipt] = outbox.history.listReceipts();
    expect(receipt!.idempotencyKey).not.toBe(idempotencyKey);
    expect(setupsWithKey(receipt!.idempotencyKey)).toHaveLength(1);
    expect(setupsWithKey(idempotencyKey)).toHaveLength(0);
    // The resident's slip still names this setup.
    expect(receiptFor(receipt!.idempotencyKey)).toBe(receiptFor(idempotencyKey));
  });

  it('after a transient failure (expired while the council stored it but never answered), keeps the key: the council answers its setup, once', async () => {
    const outbox = createOutbox((await openTempDatabase()).database);
    const { sequence, idempotencyKey } = outbox.enqueue({ kind: 'account-setup', sessionId: randomUUID(), payload: await grant() });
    harness.simulator.faults.set({ timeout: 1, timeoutHoldMs: 500, paths: ['/v1/account-setups'] });
    try {
      await drain(outbox, { requestTimeoutMs: 200, usefulForMs: 0 });
    } finally {
      harness.simulator.faults.set({});
    }
    expect(outbox.history.listDeadLetters().map((d) => d.error)).toEqual([{ code: 'timeout', reason: 'expired' }]);
    expect(setupsWithKey(idempotencyKey)).toHaveLength(1);

    expect(outbox.history.retryDeadLetter(sequence, Date.now())).toEqual({ error: { code: 'timeout', reason: 'expired' }, newIdempotencyKey: false });
    await drain(outbox);
    const [receipt] = outbox.history.listReceipts();
    expect(receipt).toMatchObject({ idempotencyKey, reference: setupsWithKey(idempotencyKey)[0]!.reference });
    expect(setupsWithKey(idempotencyKey)).toHaveLength(1);
    expect(outbox.history.listDeadLetters()).toEqual([]);
  });
});
