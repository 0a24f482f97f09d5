import type { OutboxItem } from '../store/outboxItem.ts';
import type { DeliveryOutcome, OutboxSender } from './outboxSender.ts';

/**
 * One delivery attempt: the sender's outcome, or a retryable `timeout` once `timeoutMs` passes
 * (the sender's signal aborts then), or a retryable `sender-error` if the sender throws. Never
 * rejects, so the engine always has an outcome to record.
 */
export function deliveryAttempt(sender: OutboxSender, item: OutboxItem, timeoutMs: number): Promise<DeliveryOutcome> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  const aborted = new Promise<DeliveryOutcome>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve({ type: 'retry', error: { code: 'timeout', reason: 'failed' } }), { once: true }),
  );
  return Promise.race([sender.deliver(item, controller.signal), aborted])
    .catch((): DeliveryOutcome => ({ type: 'retry', error: { code: 'sender-error', reason: 'failed' } }))
    .finally(() => clearTimeout(timeout));
}
