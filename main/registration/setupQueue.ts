import { createHash } from 'node:crypto';
import type { AccountSetupRequest } from '../../shared/councilApi/accountSetupApi.ts';
import type { Outbox } from '../store/outbox.ts';
import { listReceipts } from '../store/outboxMaintenance.ts';

/** An account setup on its way to the council. */
export interface QueuedSetup {
  sequence: number;
  /** The kiosk's reference for the resident's slip (`KSK-7KQ2-M9XD`). */
  receipt: string;
}

/** Where 'Submit' puts an account setup: the outbox, delivered by the sync engine. */
export interface SetupQueue {
  /** Writes the setup durably; returns once it is on disk. */
  enqueue(sessionId: string, request: AccountSetupRequest): QueuedSetup;
  /** Resolves with the council's reference once delivered, or `undefined` after `timeoutMs`. */
  waitForDelivery(sequence: number, timeoutMs: number): Promise<{ reference: string } | undefined>;
}

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The receipt reference shown on the resident's slip, derived from the item's Idempotency-Key
 * (random, unique, stored with the item and sent to the council with it): it needs no column of
 * its own, survives a restart, and the council can match it from the key it received.
 */
export function receiptFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  const chars = [...digest.subarray(0, 8)].map((byte) => RECEIPT_ALPHABET.charAt(byte % RECEIPT_ALPHABET.length)).join('');
  return `KSK-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The setup queue over the kiosk's outbox. */
export function outboxSetupQueue(outbox: Outbox): SetupQueue {
  const deliveredReference = (sessionId: string, sequence: number): string | undefined =>
    listReceipts(outbox, sessionId).find((r) => r.sequence === sequence)?.reference;
  const sessions = new Map<number, string>();

  return {
    enqueue(sessionId, request) {
      const item = outbox.enqueue({ kind: 'account-setup', sessionId, payload: request });
      sessions.set(item.sequence, sessionId);
      return { sequence: item.sequence, receipt: receiptFor(item.idempotencyKey) };
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
        const check = (): void => {
          const reference = deliveredReference(sessionId, sequence);
          if (reference !== undefined) finish({ reference });
        };
        const timer = setTimeout(() => finish(undefined), timeoutMs);
        const unsubscribe = outbox.onChange(check);
        check();
      });
    },
  };
}
