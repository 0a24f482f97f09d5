import { CouncilApiError } from '../council/councilApiError.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import type { DeliveryOutcome, OutboxSender } from '../sync/outboxSender.ts';
import { outcomeForHttpFailure } from '../sync/outboxSender.ts';

/**
 * Delivers `account-setup` outbox items to the council (`POST /v1/account-setups`) with the item's
 * own Idempotency-Key, the same on every retry, so a setup is created exactly once however often
 * it is sent. Failures are classified for the sync engine: no answer at all is `unreachable` (the
 * kiosk is offline); an HTTP answer is retryable or permanent by its status.
 */
export function accountSetupSender(council: () => CouncilClient): OutboxSender {
  return {
    async deliver(item): Promise<DeliveryOutcome> {
      try {
        const setup = await council().submitAccountSetup(item.payload, { idempotencyKey: item.idempotencyKey });
        return { type: 'acknowledged', acknowledgement: { reference: setup.reference, state: setup.state } };
      } catch (error) {
        if (!(error instanceof CouncilApiError)) throw error;
        if (error.status === undefined) {
          return { type: 'retry', error: { code: error.code, reason: error.code === 'timeout' ? 'failed' : 'unreachable' } };
        }
        return outcomeForHttpFailure(error.status, error.code, error.retryAfterSeconds);
      }
    },
  };
}
