import type { z } from 'zod';
import type { CouncilClient } from '../council/councilClient.ts';
import { accountSetupKind } from './kinds/accountSetupKind.ts';
import type { Acknowledgement, OutboxItem } from './outboxItem.ts';

/**
 * The registry of every kind of item the outbox accepts: one file per kind under `kinds/`, each
 * with its payload's schema and its delivery (`OutboxKindDefinition`). The schemas are strict
 * objects all the way down, so a payload cannot carry a field its kind does not name: in
 * particular no password and no one-time code, which are never written to disk (the steps that
 * need them are live calls to the council). `checkNoSecretFields` is a second, name-based guard
 * for kinds added later. To add a kind: write its file, then name it here.
 */
export const OUTBOX_KINDS = {
  'account-setup': accountSetupKind,
} as const;

/** A kind of outbox item. */
export type OutboxKind = keyof typeof OUTBOX_KINDS;

/** The payload of an item of kind `K`. */
export type OutboxPayload<K extends OutboxKind = OutboxKind> = z.infer<(typeof OUTBOX_KINDS)[K]['schema']>;

/** Whether a string names a known kind. */
export function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KINDS, kind);
}

const SECRET_FIELD = /pass(word|code|phrase)|one.?time|otp|verification.?code|^code$|^pin$/i;

/**
 * Paths of fields whose names look like a password or a one-time code, anywhere in a value.
 * The outbox refuses such a payload even if a future kind's schema forgot to.
 */
export function checkNoSecretFields(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => checkNoSecretFields(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = path === '' ? key : `${path}.${key}`;
    return SECRET_FIELD.test(key) ? [here, ...checkNoSecretFields(inner, here)] : checkNoSecretFields(inner, here);
  });
}

/** The outcome of checking a payload against its kind. */
export type PayloadCheck<K extends OutboxKind> = { ok: true; payload: OutboxPayload<K> } | { ok: false; problems: string[] };

/** Checks a payload for its kind: schema first, then the secret-field guard. Problems name paths, never values. */
export function checkOutboxPayload<K extends OutboxKind>(kind: K, payload: unknown): PayloadCheck<K> {
  const parsed = OUTBOX_KINDS[kind].schema.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`) };
  }
  const secrets = checkNoSecretFields(parsed.data);
  if (secrets.length > 0) return { ok: false, problems: secrets.map((path) => `${path}: secrets are never written to the outbox`) };
  return { ok: true, payload: parsed.data as OutboxPayload<K> };
}

/** Delivers one item by its kind's `deliver`: the council's acknowledgement, or the client's `CouncilApiError`. */
export function deliverOutboxItem(item: OutboxItem, council: CouncilClient): Promise<Acknowledgement> {
  return OUTBOX_KINDS[item.kind].deliver(item.payload, { council, idempotencyKey: item.idempotencyKey });
}
