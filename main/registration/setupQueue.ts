import { createHash } from 'node:crypto';
import type { AccountSetupRequest } from '../../shared/councilApi/accountSetupApi.ts';
import { normaliseInviteCode } from '../../shared/inviteCode.ts';
import type { Outbox } from '../store/outbox.ts';

/** An account setup on its way to the council (or already there). */
export interface QueuedSetup {
  sequence: number;
  /** The kiosk's reference for the resident's slip (`KSK-7KQ2-M9XD`). */
  receipt: string;
  /**
   * When this invitation's setup was already submitted on this kiosk and sent to the council
   * (ms since the epoch; when the council acknowledged it, if it has), so these answers were not
   * used; `null` when this submission is the one that will be sent.
   */
  alreadySentAt: number | null;
  /** The council's reference, when the council already acknowledged this invitation's setup. */
  councilReference: string | null;
}

/** What the resident typed to confirm their invitation: the code from their e-mail and its address. */
export interface InviteTyped {
  inviteCode: string;
  email: string;
}

/** The facts of a setup already delivered, safe to tell whoever holds the invitation's code and address. */
export interface DeliveredSetup {
  /** The kiosk's reference on the resident's slip. */
  receipt: string;
  /** When it was submitted, and when the council acknowledged it (ms since the epoch). */
  submittedAt: number;
  deliveredAt: number;
}

// The same invitation typed in the ways residents type it gives the same text.
function lookupText({ inviteCode, email }: InviteTyped): string {
  return `${normaliseInviteCode(inviteCode)}\n${email.trim().toLowerCase()}`;
}

/** Where 'Submit' puts an account setup: the outbox, delivered by the sync engine. */
export interface SetupQueue {
  /**
   * Writes the setup for this invitation durably; returns once it is on disk. One invitation, one
   * setup: a second submission for an invitation whose setup already waits or was delivered
   * joins it (same reference) instead of racing it; its answers win if nothing was sent yet.
   */
  enqueue(invitationId: string, request: AccountSetupRequest, typed?: InviteTyped): QueuedSetup;
  /**
   * The setup this kiosk delivered for the invitation the resident typed (code and address, as
   * given to `enqueue`), or `undefined`: for a resident who comes back after delivery.
   */
  deliveredSetup(typed: InviteTyped): DeliveredSetup | undefined;
  /** Resolves with the council's reference once delivered, or `undefined` after `timeoutMs`. */
  waitForDelivery(sequence: number, timeoutMs: number): Promise<{ reference: string } | undefined>;
}

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The receipt reference shown on the resident's slip, derived from the item's Idempotency-Key
 * (random, unique, stored with the item and sent to the council with it): it needs no column of
 * its own, survives a restart, and the council can match it from the key it received. Only the
 * part before the first dot counts, so a retry under a new key (`retryKeyFor`) keeps it.
 */
export function receiptFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey.replace(/\..*$/s, '')).digest();
  const chars = [...digest.subarray(0, 8)].map((byte) => RECEIPT_ALPHABET.charAt(byte % RECEIPT_ALPHABET.length)).join('');
  return `KSK-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * The outbox session of an invitation's setup: a digest of the council's invite id, so that
 * every submission for one invitation lands in one session (ordered, and joined by
 * `Outbox.submitOnce`), and the id itself is not kept.
 */
export function invitationSession(invitationId: string): string {
  return `inv-${createHash('sha256').update(`council-invitation:${invitationId}`).digest('base64url').slice(0, 40)}`;
}

/** The setup queue over the kiosk's outbox. */
export function outboxSetupQueue(outbox: Outbox): SetupQueue {
  const sessions = new Map<number, string>();

  return {
    enqueue(invitationId, request, typed) {
      const sessionId = invitationSession(invitationId);
      const item = outbox.submitOnce({ kind: 'account-setup', sessionId, payload: request }, typed === undefined ? undefined : lookupText(typed));
      sessions.set(item.sequence, sessionId);
      return {
        sequence: item.sequence,
        receipt: receiptFor(item.idempotencyKey),
        alreadySentAt: item.outcome === 'already-sent' || item.outcome === 'already-delivered' ? item.since : null,
        councilReference: item.outcome === 'already-delivered' ? item.reference : null,
      };
    },
    deliveredSetup(typed) {
      const found = outbox.history.receiptByLookup(lookupText(typed));
      return found === undefined ? undefined : { receipt: receiptFor(found.idempotencyKey), submittedAt: found.enqueuedAt, deliveredAt: found.deliveredAt };
    },
    waitForDelivery(sequence, timeoutMs) {
      const sessionId = sessions.get(sequence);
      if (sessionId === undefined) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const finish = (value: { reference: string } | undefined): void => {
          clearTimeout(timer);
          unsubscribe();
          sessions.delete(sequence);
          resolve(value);
        };
        const timer = setTimeout(() => finish(undefined), timeoutMs);
        // The outbox announces each delivery once it is committed; no receipt is re-read on changes.
        const unsubscribe = outbox.onDelivered((delivery) => {
          if (delivery.sequence === sequence) finish({ reference: delivery.reference });
        });
        // Delivered before anyone waited (or joined a setup already delivered): its receipt says so.
        const reference = outbox.history.listReceipts(sessionId).find((r) => r.sequence === sequence)?.reference;
        if (reference !== undefined) finish({ reference });
      });
    },
  };
}
