import { queueStatusSchema } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';
import type { OutboxCounts } from '../store/outboxItem.ts';
import type { DeliveryOutcome } from './outboxSender.ts';

/** What the renderer sees of the outbox: `queueStatusSchema` from the kiosk API contract. */
export type QueueStatus = KioskEventPayload<'queueStatus'>;

/** What the kiosk knows of the council: see `queueStatusSchema`'s `council`. */
export type CouncilState = NonNullable<QueueStatus['council']>;

/**
 * What the last attempt says of the council: an acknowledgement, a refusal or a 429 are answers
 * (`answering`); a 5xx is `failing`; no answer at all (refused, reset, timed out) is
 * `not_answering`.
 */
export function councilStateAfter(outcome: DeliveryOutcome): CouncilState {
  if (outcome.type !== 'retry') return 'answering';
  const { status } = outcome.error;
  if (status === undefined) return 'not_answering';
  return status >= 500 ? 'failing' : 'answering';
}

/**
 * Builds the status snapshot the sync engine publishes as the kiosk's `queueStatus` event: depth, how
 * long the oldest item has waited (whole seconds), the last acknowledged delivery, the dead-letter
 * count, what the kiosk knows of the council (`online` only once an attempt was answered) and
 * whether the disk was found full. Checked against the contract's schema here, so the event hub
 * never receives one it would refuse.
 */
export function queueStatusSnapshot(counts: OutboxCounts, council: CouncilState, now: number, storageFull: boolean): QueueStatus {
  return queueStatusSchema.parse({
    depth: counts.depth,
    oldestWaitingSeconds: counts.oldestEnqueuedAt === null ? null : Math.max(0, Math.floor((now - counts.oldestEnqueuedAt) / 1000)),
    lastSuccessAt: counts.lastSuccessAt === null ? null : new Date(counts.lastSuccessAt).toISOString(),
    deadLetterCount: counts.deadLetterCount,
    online: council === 'answering',
    council,
    storageFull,
  });
}

/** Whether two snapshots say the same thing (so an unchanged status is not published again). */
export function sameQueueStatus(a: QueueStatus | undefined, b: QueueStatus): boolean {
  return (
    a !== undefined &&
    a.depth === b.depth &&
    a.oldestWaitingSeconds === b.oldestWaitingSeconds &&
    a.lastSuccessAt === b.lastSuccessAt &&
    a.deadLetterCount === b.deadLetterCount &&
    a.online === b.online &&
    a.council === b.council &&
    a.storageFull === b.storageFull
  );
}
