import type { DeadLetterSummary } from './outboxItem.ts';

const DAY_MS = 24 * 3600 * 1000;

/** How long what is left of an item is kept. */
export interface RetentionPolicy {
  /** Dead-letter items (which still hold the payload) are deleted this long after they died. */
  deadLetterMs: number;
  /** Receipts (reference, state and times; no personal data) are deleted this long after delivery. */
  receiptMs: number;
}

/**
 * Defaults: 30 days for dead letters, long enough for the council's service desk to act on a
 * report (and no longer than a setup grant, 14 days, is of any use plus a margin); 90 days for
 * receipts, which let IT answer "did this kiosk send reference X" and a resident who comes back be
 * told their reference (their invitation lookup is deleted with them).
 */
export const DEFAULT_RETENTION: RetentionPolicy = { deadLetterMs: 30 * DAY_MS, receiptMs: 90 * DAY_MS };

/** What `purgeExpired` deleted. */
export interface PurgeResult {
  deadLetters: number;
  receipts: number;
}

/** What `retryDeadLetter` did: `undefined` if there was no such dead letter. */
export interface DeadLetterRetry {
  /** The error it died with. */
  error: DeadLetterSummary['error'];
  /**
   * True when it goes back as a new request: the council refused it for good, and would only
   * replay that refusal to the same key. False when it keeps its key (a transient failure or an
   * unreadable row): if the council stored it meanwhile, it answers the first result.
   */
  newIdempotencyKey: boolean;
}

/**
 * The Idempotency-Key of a new request for a refused item: the first key with a `.retry-N`
 * suffix (keys allow dots), so `receiptFor` of the setup queue, which reads the part before the
 * first dot, still gives the resident's reference.
 */
export function retryKeyFor(idempotencyKey: string): string {
  const [base, suffix] = idempotencyKey.split('.', 2);
  const previous = /^retry-(\d+)$/.exec(suffix ?? '')?.[1];
  return `${base}.retry-${previous === undefined ? 1 : Number(previous) + 1}`;
}
