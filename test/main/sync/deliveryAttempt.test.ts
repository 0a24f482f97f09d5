import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../main/store/outboxItem.ts';
import { deliveryAttempt } from '../../../main/sync/deliveryAttempt.ts';
import type { OutboxSender } from '../../../main/sync/outboxSender.ts';
import { accountSetupPayload } from '../store/storeFixtures.ts';

const item: OutboxItem = {
  sequence: 1,
  kind: 'account-setup',
  sessionId: 's-1',
  idempotencyKey: 'key-0001',
  payload: accountSetupPayload(),
  enqueuedAt: 0,
  attempts: 1,
  failures: 0,
  nextAttemptAt: 0,
  lastError: null,
};

describe('deliveryAttempt', () => {
  it('gives the sender’s outcome', async () => {
    const sender: OutboxSender = { deliver: () => Promise.resolve({ type: 'acknowledged', acknowledgement: { reference: 'NCC-1', state: 'active' } }) };
    await expect(deliveryAttempt(sender, item, 1_000)).resolves.toEqual({ type: 'acknowledged', acknowledgement: { reference: 'NCC-1', state: 'active' } });
  });

  it('times out a sender that never answers, aborting its signal', async () => {
    let signal: AbortSignal | undefined;
    const sender: OutboxSender = {
      deliver: (_item, given) => {
        signal = given;
        return new Promise(() => {});
      },
    };
    await expect(deliveryAttempt(sender, item, 20)).resolves.toEqual({ type: 'retry', error: { code: 'timeout', reason: 'failed' } });
    expect(signal?.aborted).toBe(true);
  });

  it('turns a sender that throws into a retryable sender-error', async () => {
    const sender: OutboxSender = { deliver: () => Promise.reject(new Error('bug')) };
    await expect(deliveryAttempt(sender, item, 1_000)).resolves.toEqual({ type: 'retry', error: { code: 'sender-error', reason: 'failed' } });
  });
});
