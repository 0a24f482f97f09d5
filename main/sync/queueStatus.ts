import { queueStatusSchema } from '../../shared/kioskApi/kioskContract.ts';
import type { KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';
import type { OutboxCounts } from '../store/outbox.ts';

/** What the renderer sees of the outbox: `queueStatusSchema` from the kiosk API contract. */
export type QueueStatus = KioskEventPayload<'queueStatus'>;

/**
 * Builds the status snapshot the lead publishes as the kiosk's `queueStatus` event: depth, how
 * long the oldest item has waited (whole seconds), the last acknowledged delivery, the dead-letter
 * count, whether the council is reachable, and whether the disk was found full. Checked against the contract's schema here, so the
 * event hub never receives one it would refuse.
 */
export function queueStatusSnapshot(counts: OutboxCounts, online: boolean, now: number, storageFull: boolean): QueueStatus {
  return queueStatusSchema.parse({
    depth: counts.depth,
    oldestWaitingSeconds: counts.oldestEnqueuedAt === null ? null : Math.max(0, Math.floor((now - counts.oldestEnqueuedAt) / 1000)),
    lastSuccessAt: counts.lastSuccessAt === null ? null : new Date(counts.lastSuccessAt).toISOString(),
    deadLetterCount: counts.deadLetterCount,
    online,
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
    a.storageFull === b.storageFull
  );
}
