import { createHash } from 'node:crypto';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';

/** An answer kept for replay. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What the store says about a request's key. */
export type IdempotencyCheck =
  | { kind: 'new' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

interface Entry {
  fingerprint: string;
  createdAt: number;
  answer: StoredAnswer | undefined;
}

/**
 * Idempotency records (IETF httpapi idempotency-key draft), scoped per device. `begin` claims a
 * key; `finish` stores the answer, or forgets the claim when the answer must not be replayed
 * (429, 5xx: nothing took effect, so a retry is processed afresh). Records live
 * `COUNCIL_RULES.idempotencyRetentionSeconds` on the simulator's clock.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  #beginsSincePurge = 0;

  /** Claims a key for a request with this fingerprint, or says why not. */
  begin(scope: string, key: string, fingerprint: string, now: number): IdempotencyCheck {
    this.#purgeNowAndThen(now);
    const id = `${scope}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry === undefined) {
      this.#entries.set(id, { fingerprint, createdAt: now, answer: undefined });
      return { kind: 'new' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (entry.answer === undefined) return { kind: 'in_flight' };
    return { kind: 'replay', answer: entry.answer };
  }

  /** Stores the answer to a claimed key, or releases the claim (`answer` undefined). */
  finish(scope: string, key: string, answer: StoredAnswer | undefined): void {
    const id = `${scope}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    if (answer === undefined) this.#entries.delete(id);
    else entry.answer = answer;
  }

  /** How many keys are held. */
  get size(): number {
    return this.#entries.size;
  }

  #purgeNowAndThen(now: number): void {
    if (++this.#beginsSincePurge < 1000) return;
    this.#beginsSincePurge = 0;
    const oldest = now - COUNCIL_RULES.idempotencyRetentionSeconds * 1000;
    for (const [id, entry] of this.#entries) if (entry.createdAt < oldest && entry.answer !== undefined) this.#entries.delete(id);
  }
}

/**
 * The fingerprint of a request: method, path and the JSON body with keys sorted, so the same
 * request re-serialised in another key order is still the same request.
 */
export function requestFingerprint(method: string, pathname: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${pathname}\n${canonicalJson(body)}`).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return stringifyJson(value) ?? 'null';
}

/** `JSON.stringify`, typed honestly: it answers `undefined` for `undefined` (an absent body). */
function stringifyJson(value: unknown): string | undefined {
  return JSON.stringify(value);
}
