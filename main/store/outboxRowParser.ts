import { z } from 'zod';
import { checkOutboxPayload, isOutboxKind } from './outboxKinds.ts';
import type { OutboxKind, OutboxPayload } from './outboxKinds.ts';
import { outboxErrorSchema, sessionIdSchema } from './outboxItem.ts';
import type { DeadLetterSummary, OutboxItem, OutboxReceipt } from './outboxItem.ts';
import type { OutboxRow } from './outboxStatements.ts';

/** A waiting row read back: the item, or the problems (field names, never values) that make it unreadable. */
export type ParsedOutboxRow = { ok: true; item: OutboxItem } | { ok: false; problems: string[] };

/** Reads an `outbox` row back into an item, checking its kind, payload and session id. */
export function parseOutboxRow(row: OutboxRow): ParsedOutboxRow {
  const problems: string[] = [];
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    problems.push('payload: not JSON');
  }
  if (!isOutboxKind(row.kind)) problems.push('kind: not a kind the outbox knows');
  else if (problems.length === 0) {
    const check = checkOutboxPayload(row.kind, payload);
    if (!check.ok) problems.push(...check.problems);
    else payload = check.payload;
  }
  if (!sessionIdSchema.safeParse(row.session_id).success) problems.push('session_id: not a session id');
  if (problems.length > 0) return { ok: false, problems };
  const lastError = row.last_error === null ? null : outboxErrorSchema.safeParse(parseJson(row.last_error));
  return {
    ok: true,
    item: {
      sequence: row.sequence,
      kind: row.kind as OutboxKind,
      sessionId: row.session_id,
      idempotencyKey: row.idempotency_key,
      payload: payload as OutboxPayload,
      enqueuedAt: row.enqueued_at,
      attempts: row.attempts,
      failures: row.failures,
      nextAttemptAt: row.next_attempt_at,
      // A damaged last-error is only a diagnosis aid: forget it rather than quarantine the item.
      lastError: lastError?.success ? lastError.data : null,
    },
  };
}

const deadLetterRowSchema = z.object({
  sequence: z.number(),
  kind: z.string(),
  session_id: z.string(),
  idempotency_key: z.string(),
  attempts: z.number(),
  error: z.string(),
  enqueued_at: z.number(),
  dead_at: z.number(),
});

/** Reads a `dead_letter` row (without its payload) back for IT. */
export function deadLetterFromRow(raw: unknown): DeadLetterSummary {
  const row = deadLetterRowSchema.parse(raw);
  const error = outboxErrorSchema.safeParse(parseJson(row.error));
  return {
    sequence: row.sequence,
    kind: row.kind,
    sessionId: row.session_id,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    error: error.success ? error.data : { code: 'unreadable-error', reason: 'malformed' },
    enqueuedAt: row.enqueued_at,
    deadAt: row.dead_at,
  };
}

const receiptRowSchema = z.object({
  sequence: z.number(),
  kind: z.string(),
  session_id: z.string(),
  idempotency_key: z.string(),
  council_reference: z.string(),
  council_state: z.string(),
  enqueued_at: z.number(),
  delivered_at: z.number(),
  attempts: z.number(),
});

/** Reads an `outbox_receipt` row back. */
export function receiptFromRow(raw: unknown): OutboxReceipt {
  const row = receiptRowSchema.parse(raw);
  return {
    sequence: row.sequence,
    kind: row.kind,
    sessionId: row.session_id,
    idempotencyKey: row.idempotency_key,
    reference: row.council_reference,
    state: row.council_state,
    enqueuedAt: row.enqueued_at,
    deliveredAt: row.delivered_at,
    attempts: row.attempts,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
