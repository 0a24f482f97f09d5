import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { OutboxDelivery } from '../../../main/store/outboxItem.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from './storeFixtures.ts';

captureLogs();

async function outboxWithDeliveries() {
  const outbox = createOutbox((await openTempDatabase()).database, { clock: () => 1_000 });
  const deliveries: OutboxDelivery[] = [];
  outbox.onDelivered((delivery) => deliveries.push(delivery));
  return { outbox, deliveries };
}

describe('delivery announcements', () => {
  it('announce an acknowledgement once, with the council’s reference and state', async () => {
    const { outbox, deliveries } = await outboxWithDeliveries();
    const session = sessionId();
    const item = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload() });
    outbox.acknowledge(item.sequence, { reference: 'NCC-0001', state: 'pending_activation' }, 2_000);
    outbox.acknowledge(item.sequence, { reference: 'NCC-0001', state: 'pending_activation' }, 2_001);
    expect(deliveries).toEqual([{ sequence: item.sequence, sessionId: session, reference: 'NCC-0001', state: 'pending_activation' }]);
  });

  it('announce an item settled with its session’s earlier receipt, and never a dead letter or a retry', async () => {
    const { outbox, deliveries } = await outboxWithDeliveries();
    const session = sessionId();
    const first = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload() });
    outbox.acknowledge(first.sequence, { reference: 'NCC-0002', state: 'active' }, 2_000);
    const second = outbox.enqueue({ kind: 'account-setup', sessionId: session, payload: accountSetupPayload() });
    outbox.recordFailure(second.sequence, { error: { code: 'timeout', reason: 'failed' }, nextAttemptAt: 3_000, countsAsFailure: true });
    expect(outbox.reconcileWithEarlier(second.sequence, 4_000)).toBe(true);
    const other = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    outbox.deadLetter(other.sequence, { code: 'invalid_request', reason: 'permanent', status: 400 }, 5_000);
    expect(deliveries.map((d) => [d.sequence, d.reference, d.state])).toEqual([
      [first.sequence, 'NCC-0002', 'active'],
      [second.sequence, 'NCC-0002', 'active'],
    ]);
  });

  it('wait for the commit when outcomes are recorded together, and are dropped if it rolls back', async () => {
    const { outbox, deliveries } = await outboxWithDeliveries();
    const a = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    const b = outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    let seenInside = -1;
    outbox.together(() => {
      outbox.acknowledge(a.sequence, { reference: 'NCC-A', state: 'active' }, 2_000);
      seenInside = deliveries.length;
    });
    expect(seenInside).toBe(0);
    expect(deliveries.map((d) => d.reference)).toEqual(['NCC-A']);

    expect(() =>
      outbox.together(() => {
        outbox.acknowledge(b.sequence, { reference: 'NCC-B', state: 'active' }, 2_000);
        throw new Error('a later write failed');
      }),
    ).toThrow('a later write failed');
    expect(deliveries.map((d) => d.reference)).toEqual(['NCC-A']);
    expect(outbox.counts().depth).toBe(1);
    expect(outbox.history.listReceipts().map((r) => r.reference)).toEqual(['NCC-A']);
  });
});
