import type { AuditLog } from './auditLog.ts';
import type { Submission } from './outboxItem.ts';
import type { OutboxStatements } from './outboxStatements.ts';

/** What joining a session's submission reads and writes: the outbox's statements and its audit log. */
export interface SessionJoinParts {
  sql: OutboxStatements;
  audit: AuditLog;
}

/**
 * Joins a submission to its session's setup when one already waits or was delivered, inside the
 * outbox's open transaction: a waiting item that was never sent takes the newer payload (keeping
 * its Idempotency-Key), one that was sent keeps its own, and a delivered one answers with its
 * receipt. Audited as `joined`. Returns undefined when the session has nothing yet, so the
 * submission is queued as a new item.
 */
export function joinSessionSubmission({ sql, audit }: SessionJoinParts, sessionId: string, payload: unknown, now: number): Submission | undefined {
  const waiting = sql.sessionHead.get(sessionId);
  if (waiting !== undefined) {
    const replaced = sql.replacePayload.run(JSON.stringify(payload), waiting.sequence).changes === 1;
    audit.append('joined', { sequence: waiting.sequence, sessionId }, now);
    const base = { sequence: waiting.sequence, idempotencyKey: waiting.idempotency_key };
    return replaced ? { ...base, outcome: 'replaced' } : { ...base, outcome: 'already-sent', since: waiting.enqueued_at };
  }
  const delivered = sql.sessionReceipt.get(sessionId);
  if (delivered === undefined) return undefined;
  audit.append('joined', { sequence: delivered.sequence, sessionId, reference: delivered.council_reference }, now);
  return {
    sequence: delivered.sequence,
    idempotencyKey: delivered.idempotency_key,
    outcome: 'already-delivered',
    since: delivered.delivered_at,
    reference: delivered.council_reference,
    state: delivered.council_state,
  };
}
