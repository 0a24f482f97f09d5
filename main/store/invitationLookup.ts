import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Finds an invitation's outbox session again from what the resident typed (their invite code and
 * the address it was sent to), for a resident who comes back after their setup was delivered: the
 * council then only says `invite_already_used` and names no invitation. Only an HMAC-SHA-256 of
 * the typed text is stored, keyed with a random secret kept in the encrypted database
 * (`lookup_secret`, migration 2): the invite code itself is never written, and the hash is of no
 * use outside this database (no dictionary of the 2^55 possible codes can be built without the
 * secret). Rows go with their session's last row, receipt or dead letter (`purgeOrphans`).
 * Called inside the outbox's own transactions; the outbox is the single writer.
 */
export class InvitationLookup {
  readonly #remember: Database.Statement<[string, string]>;
  readonly #find: Database.Statement<[string], { session_id: string }>;
  readonly #purge: Database.Statement<[]>;
  readonly #secret: Buffer;

  constructor(db: Database.Database) {
    this.#remember = db.prepare<[string, string]>('INSERT OR REPLACE INTO invitation_lookup (lookup_key, session_id) VALUES (?, ?)');
    this.#find = db.prepare<[string], { session_id: string }>('SELECT session_id FROM invitation_lookup WHERE lookup_key = ?');
    this.#purge = db.prepare<[]>(
      `DELETE FROM invitation_lookup WHERE session_id NOT IN
         (SELECT session_id FROM outbox UNION SELECT session_id FROM outbox_receipt UNION SELECT session_id FROM dead_letter)`,
    );
    const secret = db.prepare<[string], { value: string }>('SELECT value FROM kiosk_meta WHERE name = ?').get('lookup_secret')?.value;
    if (secret === undefined) throw new Error('kiosk_meta has no lookup_secret: the database was not migrated');
    this.#secret = Buffer.from(secret, 'hex');
  }

  /** Remembers that `typed` (the resident's own secret) leads to `sessionId`. */
  remember(typed: string, sessionId: string): void {
    this.#remember.run(this.#keyOf(typed), sessionId);
  }

  /** The session `typed` was remembered for, if any. */
  sessionOf(typed: string): string | undefined {
    return this.#find.get(this.#keyOf(typed))?.session_id;
  }

  /** Deletes the rows whose session has nothing left on this kiosk; returns how many. */
  purgeOrphans(): number {
    return this.#purge.run().changes;
  }

  #keyOf(typed: string): string {
    return createHmac('sha256', this.#secret).update(typed).digest('base64url');
  }
}
