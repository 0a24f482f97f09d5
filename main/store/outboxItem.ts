import { z } from 'zod';
import type { OutboxKind, OutboxPayload } from './outboxKinds.ts';

/** A registration session id: an opaque identifier (a UUID fits), never personal data. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Why an attempt failed, as stored with the item: codes and numbers only, never a message that
 * might echo personal data. `reason` drives the engine: `unreachable` (no answer at all: the kiosk
 * is offline), `unavailable` (429/503 and gateway errors: the council is busy or down), `failed`
 * (anything else worth retrying), `permanent` (a 4xx that will never succeed), `expired` (never
 * delivered while the setup was useful: its last error's code is kept), `malformed` (the stored
 * row itself could not be read back).
 */
export const outboxErrorSchema = z.strictObject({
  code: z.string().regex(/^[\w.:-]{1,64}$/),
  reason: z.enum(['unreachable', 'unavailable', 'failed', 'permanent', 'expired', 'malformed']),
  status: z.number().int().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
});
/** See `outboxErrorSchema`. */
export type OutboxError = z.infer<typeof outboxErrorSchema>;

/** What a caller asks to queue. */
export interface EnqueueRequest<K extends OutboxKind = OutboxKind> {
  kind: K;
  sessionId: string;
  payload: OutboxPayload<K>;
}

/** What an enqueue returns once the row is on disk. */
export interface EnqueuedItem {
  sequence: number;
  idempotencyKey: string;
}

/**
 * What `submitOnce` did with a submission:
 * - `queued`: a new item (nothing waited for this session);
 * - `replaced`: an item for the session waited and had never been sent: it now carries the newer
 *   payload, under its own sequence and Idempotency-Key;
 * - `already-sent`: an item for the session waited and had been sent at least once: it is kept as
 *   sent (the council may hold it under that key), the newer payload is dropped;
 * - `already-delivered`: the council acknowledged the session's setup: `reference` and `state`.
 * `since` is when the earlier submission was queued (or, once delivered, acknowledged).
 */
export type Submission = { sequence: number; idempotencyKey: string } & (
  | { outcome: 'queued' | 'replaced' }
  | { outcome: 'already-sent'; since: number }
  | { outcome: 'already-delivered'; since: number; reference: string; state: string }
);

/** An item waiting for delivery, read back and validated. */
export interface OutboxItem<K extends OutboxKind = OutboxKind> {
  sequence: number;
  kind: K;
  sessionId: string;
  idempotencyKey: string;
  payload: OutboxPayload<K>;
  enqueuedAt: number;
  /** Attempts started: counted on disk before each request goes out (`startAttempts`). */
  attempts: number;
  failures: number;
  nextAttemptAt: number;
  lastError: OutboxError | null;
}

/** The council's acknowledgement: all that remains on the kiosk once it arrives. */
export const acknowledgementSchema = z.strictObject({
  reference: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  state: z.string().regex(/^[a-z_]{1,40}$/),
});
/** See `acknowledgementSchema`. */
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** What happened when a failed attempt was recorded. */
export type FailureRecord = 'retrying' | 'gone';

/** The queue's counts, for the status the renderer sees. Times in ms since the epoch. */
export interface OutboxCounts {
  depth: number;
  oldestEnqueuedAt: number | null;
  lastSuccessAt: number | null;
  deadLetterCount: number;
}

/** The council's acknowledgement of one item, announced once it is on disk (`Outbox.onDelivered`). */
export interface OutboxDelivery {
  sequence: number;
  sessionId: string;
  reference: string;
  state: string;
}

/** A dead-letter item as IT sees it: identifiers, error and times, never the payload. */
export interface DeadLetterSummary {
  sequence: number;
  kind: string;
  sessionId: string;
  idempotencyKey: string;
  attempts: number;
  error: OutboxError | { code: 'unreadable-error'; reason: 'malformed' };
  enqueuedAt: number;
  deadAt: number;
}

/** A receipt: what the kiosk keeps about a delivered item. */
export interface OutboxReceipt {
  sequence: number;
  kind: string;
  sessionId: string;
  idempotencyKey: string;
  reference: string;
  state: string;
  enqueuedAt: number;
  deliveredAt: number;
  attempts: number;
}
