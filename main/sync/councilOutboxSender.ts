import { CouncilApiError } from '../council/councilApiError.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import type { OutboxItem } from '../store/outboxItem.ts';
import { deliverOutboxItem } from '../store/outboxKinds.ts';
import type { DeliveryOutcome, OutboxSender } from './outboxSender.ts';
import { outcomeForHttpFailure } from './outboxSender.ts';

// Errors that mean the request never reached the council: the kiosk (or its network) is offline.
// Anything else without an answer (ECONNRESET, EPIPE, "socket hang up") happened after the request
// was sent: the council may have acted on it, so it is an ordinary retryable failure.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

/**
 * Delivers outbox items to the council with the `got` client (`main/council/councilClient.ts`),
 * each by its kind's own `deliver` (`OUTBOX_KINDS`), with the item's own Idempotency-Key, the
 * same on every retry, so the council acts on each item exactly once however often it is sent
 * (a replay answers the first result). Every `CouncilApiError` becomes an engine outcome:
 *
 * - no answer, never sent (connection refused, no route, DNS) → `unreachable`: the kiosk is offline;
 * - no answer after sending (dropped connection) or the client's timeout → `failed` (retry);
 * - an HTTP answer → by status: 429/502/503/504 `unavailable`, other 5xx and 408/409/425
 *   `failed`, any other 4xx `permanent` (dead letter), with the council's `Retry-After`;
 * - a 2xx that breaks the contract → `failed`: retried (a replay gives the same answer), and
 *   until the setup is no longer useful (the engine's `usefulForMs`) if it persists;
 * - a payload the client's own contract check refuses → `permanent`.
 *
 * `council` is read on every delivery, so the kiosk can swap clients (new device credential).
 * The client has its own request timeout and takes no AbortSignal; set its `timeoutMs` no longer
 * than the engine's `requestTimeoutMs` so an abandoned request does not linger.
 */
export function councilOutboxSender(council: () => CouncilClient): OutboxSender {
  return {
    async deliver(item: OutboxItem): Promise<DeliveryOutcome> {
      try {
        return { type: 'acknowledged', acknowledgement: await deliverOutboxItem(item, council()) };
      } catch (error) {
        if (!(error instanceof CouncilApiError)) throw error;
        return outcomeForCouncilError(error);
      }
    },
  };
}

/** The engine outcome for a failed council call (see `councilOutboxSender`). */
export function outcomeForCouncilError(error: CouncilApiError): DeliveryOutcome {
  if (error.status === undefined) {
    if (error.code === 'timeout') return { type: 'retry', error: { code: 'timeout', reason: 'failed' } };
    if (error.code === 'network_error') {
      const cause = (error.cause as { code?: unknown } | undefined)?.code;
      const code = typeof cause === 'string' ? cause : 'network_error';
      return { type: 'retry', error: { code, reason: NEVER_SENT.has(code) ? 'unreachable' : 'failed' } };
    }
    // Refused by the client before sending (the payload breaks the contract): sending again cannot help.
    if (!error.retryable) return { type: 'permanent', error: { code: error.code, reason: 'permanent' } };
    return { type: 'retry', error: { code: error.code, reason: 'failed' } };
  }
  if (error.status >= 200 && error.status < 300) return { type: 'retry', error: { code: error.code, reason: 'failed', status: error.status } };
  return outcomeForHttpFailure(error.status, error.code, error.retryAfterSeconds);
}
