import { describe, expect, it } from 'vitest';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { accountSetupPayload, captureLogs, openTempDatabase } from '../store/storeFixtures.ts';

captureLogs();

describe('outboxSetupQueue.waitForDelivery', () => {
  it('resolves with the council’s reference when the outbox announces the delivery', async () => {
    const outbox = createOutbox((await openTempDatabase()).database);
    const queue = outboxSetupQueue(outbox);
    const queued = queue.enqueue('invite-1', accountSetupPayload());
    const other = queue.enqueue('invite-2', accountSetupPayload());
    const waiting = queue.waitForDelivery(queued.sequence, 5_000);
    outbox.acknowledge(other.sequence, { reference: 'NCC-OTHER', state: 'active' }, Date.now());
    outbox.acknowledge(queued.sequence, { reference: 'NCC-MINE', state: 'active' }, Date.now());
    await expect(waiting).resolves.toEqual({ reference: 'NCC-MINE' });
  });

  it('resolves at once for a setup delivered before anyone waited, and with undefined after the timeout', async () => {
    const outbox = createOutbox((await openTempDatabase()).database);
    const queue = outboxSetupQueue(outbox);
    const delivered = queue.enqueue('invite-1', accountSetupPayload());
    outbox.acknowledge(delivered.sequence, { reference: 'NCC-EARLY', state: 'active' }, Date.now());
    await expect(queue.waitForDelivery(delivered.sequence, 5_000)).resolves.toEqual({ reference: 'NCC-EARLY' });
    const waiting = queue.enqueue('invite-2', accountSetupPayload());
    await expect(queue.waitForDelivery(waiting.sequence, 20)).resolves.toBeUndefined();
  });
});
