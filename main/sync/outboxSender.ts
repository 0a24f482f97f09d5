import type { Acknowledgement, OutboxError, OutboxItem } from '../store/outboxItem.ts';

/**
 * The result of one delivery attempt, as the sync engine needs it:
 * - `acknowledged`: the council holds the item (first time or a replay of the same
 *   Idempotency-Key); its reference and state replace the payload on the kiosk;
 * - `retry`: try again later; `reason` says why (see `OutboxError`), `retryAfterSeconds` is the
 *   council's `Retry-After` if it sent one;
 * - `permanent`: the council refused the item for good (a 4xx other than 408/409/425/429): it goes
 *   to the dead-letter table with this error.
 */
export type DeliveryOutcome =
  | { type: 'acknowledged'; acknowledgement: Acknowledgement }
  | { type: 'retry'; error: OutboxError & { reason: 'unreachable' | 'unavailable' | 'failed' } }
  | { type: 'permanent'; error: OutboxError & { reason: 'permanent' } };

/**
 * Delivers one outbox item to the council. An implementation sends the item's payload with its
 * `idempotencyKey` (the same on every retry), gives up when `signal` aborts (the engine's request
 * timeout), and never throws for a network or HTTP failure: it classifies it (`classifyHttpStatus`
 * helps). If it throws anyway, the engine treats that as a retryable `sender-error`.
 */
export interface OutboxSender {
  deliver(item: OutboxItem, signal: AbortSignal): Promise<DeliveryOutcome>;
}

/**
 * Which HTTP failures are worth retrying. 408, 409 (the first request with this key is still
 * being processed), 425 and 429 are retryable 4xx; any other 4xx is permanent. 429, 502, 503 and
 * 504 mean the council is busy or down, not that the item is bad (`unavailable`: they do not count
 * towards dead-lettering); other 5xx and the retryable 4xx are `failed`.
 */
export function classifyHttpStatus(status: number): 'unavailable' | 'failed' | 'permanent' {
  if (status === 429 || status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'failed';
  if (status === 408 || status === 409 || status === 425) return 'failed';
  if (status >= 400) return 'permanent';
  return 'failed';
}

/** Builds the outcome for a failed HTTP answer (`code` is the council's problem code or `http-NNN`). */
export function outcomeForHttpFailure(status: number, code: string, retryAfterSeconds?: number): DeliveryOutcome {
  const reason = classifyHttpStatus(status);
  const base = { code, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  return reason === 'permanent' ? { type: 'permanent', error: { ...base, reason } } : { type: 'retry', error: { ...base, reason } };
}
