import { z } from 'zod';

/**
 * Building blocks of the council API contract: identifiers, codes, headers and the rules that
 * hold across endpoints. Request schemas are strict (an unknown field is `invalid_request`);
 * response schemas are lenient (a council may add fields without breaking kiosks).
 */

/** Every council API path starts with this version prefix. */
export const COUNCIL_API_PREFIX = '/v1';

/** The headers the contract uses, in the canonical spelling. */
export const COUNCIL_HEADERS = {
  /** `Bearer <device credential>` on every `/v1` request except device enrolment. */
  authorization: 'Authorization',
  /** On every POST (IETF httpapi idempotency-key draft): an sf-string, e.g. `"6f1c…"`. */
  idempotencyKey: 'Idempotency-Key',
  /** `true` on an answer replayed from an earlier request with the same key. */
  idempotentReplayed: 'Idempotent-Replayed',
  /** The registration session id returned when an invite is confirmed. */
  registrationSession: 'X-Registration-Session',
  /** The token returned by caseworker sign-in, for staff-only endpoints. */
  caseworkerToken: 'X-Caseworker-Token',
  /** Seconds to wait, on 429 and 503. */
  retryAfter: 'Retry-After',
  /** The simulator's own token, on `/training/*` requests to a simulator running on its own. */
  trainingToken: 'X-Training-Token',
} as const;

/** Rules the council API keeps; the simulator implements them and the kiosk's words rely on them. */
export const COUNCIL_RULES = {
  /** Digits in every code sent by e-mail or text. */
  codeLength: 6,
  /** A code works for 10 minutes. */
  codeValiditySeconds: 600,
  /** Wrong tries before a code is dead. */
  codeMaxAttempts: 5,
  /** The least time between two codes to the same address or number. */
  resendCooldownSeconds: 30,
  /** Codes per address or number per rolling hour. */
  codesPerHour: 5,
  /** The rolling window `codesPerHour` counts over. */
  codeRateWindowSeconds: 3600,
  /** An invite stays valid this long after the council sends it. */
  inviteValiditySeconds: 28 * 24 * 3600,
  /** A registration session lasts an hour from the invite confirmation. */
  registrationSessionSeconds: 3600,
  /** A setup grant can be used once within 14 days: the outbox may deliver a setup days later. */
  setupGrantValiditySeconds: 14 * 24 * 3600,
  /** The council keeps every idempotency record at least this long (longer than a setup grant). */
  idempotencyRetentionSeconds: 30 * 24 * 3600,
  /** A call rings this long before it is `no_answer`. */
  callRingSeconds: 60,
  /** After it is answered, a call waits this long for '#' before it is `failed`. */
  callKeypressSeconds: 60,
  /** A caseworker session lasts a working day. */
  caseworkerSessionSeconds: 9 * 3600,
  /** Wrong passwords in a row before a staff id is locked. */
  caseworkerMaxPasswordTries: 5,
  /** How long a locked staff id stays locked. */
  caseworkerLockoutSeconds: 15 * 60,
  /** A device authorization (RFC 8628) waits this long for the caseworker's approval. */
  deviceAuthorizationSeconds: 300,
  /** The least time between two polls of a device authorization (RFC 8628 `interval`). */
  deviceAuthorizationIntervalSeconds: 5,
  /** Largest request body the API reads. */
  maxBodyBytes: 64 * 1024,
} as const;

/** An identifier the council issued: opaque to the kiosk, safe in a URL path. */
export const opaqueIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** A secret the council issued (device credential, setup grant, tokens): opaque, URL-safe. */
export const opaqueSecretSchema = z.string().regex(/^[A-Za-z0-9_.~-]{16,200}$/);

/** A moment in UTC, ISO 8601 with `Z`. */
export const instantSchema = z.iso.datetime();

/** A service id from the service definitions ('social-care', 'childrens-services'). */
export const serviceIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/);

/**
 * An invite code as the resident typed it: the council normalises (upper case, no spaces or
 * hyphens) before looking it up, like `shared/inviteCode.ts` does on the kiosk.
 */
export const inviteCodeInputSchema = z.string().min(1).max(40);

/** A resident's e-mail address. */
export const emailSchema = z.email().max(254);

/** A 6-digit code from an e-mail, a text or a call. */
export const oneTimeCodeSchema = z.string().regex(/^\d{6}$/);

/** A phone number in E.164 form (`+447700900123`); `shared/phoneNumber.ts` produces it. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/);

/** A name as the resident typed it: no control characters. */
export const personNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u);

/**
 * A masked name that identifies a record to the person invited without exposing it to anyone
 * reading the screen: first letter of each word, then asterisks ("J*** S****").
 */
export const maskedNameSchema = z.string().min(1).max(200);

/** An `Idempotency-Key` value, after removing the sf-string quotes: a UUID fits. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/);

/** An `Idempotency-Key` header value: the key as an sf-string (`"…"`), or bare. */
export function formatIdempotencyKey(key: string): string {
  return `"${key}"`;
}

/** Reads an `Idempotency-Key` header: removes sf-string quotes; `undefined` if malformed. */
export function parseIdempotencyKeyHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const bare = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return idempotencyKeySchema.safeParse(bare).success ? bare : undefined;
}

/** Masks a name for display: "Jane Smith" → "J*** S****". */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      // By code point, so a letter outside the Basic Multilingual Plane is not split in two.
      const [first = '', ...rest] = Array.from(word);
      return first === '' ? '' : first + '*'.repeat(Math.max(1, rest.length));
    })
    .join(' ');
}

/** Masks an e-mail address for display: "resident@example.org" → "r*******@example.org". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(Math.min(email.length, 8));
  // By code point; `at > 0`, so the local part has a first character.
  const [first = '', ...rest] = Array.from(email.slice(0, at));
  return `${first}${'*'.repeat(Math.max(1, rest.length))}${email.slice(at)}`;
}
