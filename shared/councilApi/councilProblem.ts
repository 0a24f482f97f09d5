import { z } from 'zod';

/**
 * Errors of the council API: one `application/problem+json` shape (RFC 9457) with a stable
 * machine `code`, so the kiosk never parses English. The renderer maps every code to plain words;
 * the outbox decides retry or dead-letter from `status` (see `isRetryableStatus`).
 *
 * Status conventions the whole API keeps, so a status alone is a safe guide:
 * - 409 is used for exactly one thing, an idempotent request still in flight: retry later.
 * - 429 and 503 always carry `Retry-After` and `retryAfterSeconds`.
 * - 410 means a thing that existed is finished for good (an invite used or expired, a setup
 *   grant used or expired): never retry.
 * - 422 is a business rule the resident can act on (wrong code, weak password, e-mail in use).
 */

/** The media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Every machine code the council API answers with. Add new codes here first. */
export const councilProblemCodeSchema = z.enum([
  // Request shape and transport
  /** The body, path or query did not match the contract (wrong types, unknown fields, broken JSON). */
  'invalid_request',
  /** The body was not `application/json`. */
  'unsupported_media_type',
  /** The body was larger than the API accepts (64 KiB). */
  'body_too_large',
  /** No such path or resource (an unknown reference, enrolment or verification id). */
  'not_found',
  /** The path exists but not with this method. */
  'method_not_allowed',
  /** A POST without an `Idempotency-Key` header, or with a malformed one. */
  'idempotency_key_missing',
  /** The same `Idempotency-Key` was sent earlier with a different body or path (422). */
  'idempotency_key_reused',
  /** The first request with this `Idempotency-Key` has not finished yet (409): retry later. */
  'idempotency_request_in_progress',
  /** Too many requests from this kiosk or in total (429, with `retryAfterSeconds`). */
  'rate_limited',
  /** The council's system is down or busy (503, with `retryAfterSeconds`). */
  'service_unavailable',
  /** The council's system failed (500). */
  'internal_error',

  // Kiosk, staff and sessions
  /** Missing, unknown or revoked device credential (401). */
  'unauthorized',
  /** The device enrolment token is unknown or was already used (401). */
  'enrolment_token_invalid',
  /** The caseworker's staff id or password is wrong (401). */
  'caseworker_sign_in_failed',
  /** The caseworker token is missing, unknown or expired (401). */
  'caseworker_session_invalid',
  /** Too many wrong passwords for this staff id (5 in a row): it is locked for a while (403, with `retryAfterSeconds`). */
  'caseworker_locked',
  /** RFC 8628 §3.5: the caseworker has not approved the sign-in yet; poll again after `interval` (400). */
  'authorization_pending',
  /** RFC 8628 §3.5: polling too fast; add 5 seconds to the interval (400). */
  'slow_down',
  /** RFC 8628 §3.5: the caseworker refused the sign-in (400). */
  'access_denied',
  /** RFC 8628 §3.5: the device code expired before approval; start again (400). */
  'expired_token',
  /** The registration session is missing, unknown or expired: confirm the invite again (401). */
  'registration_session_invalid',

  // Invites
  /** No invite with this code (and e-mail address) (404). */
  'invite_not_found',
  /** The invite was already used to set up an account (410). */
  'invite_already_used',
  /** The invite is too old; the worker must send a new one (410). */
  'invite_expired',
  /**
   * The service lets an account use only the address the invitation went to (its definition's
   * `accountEmail`), and this is another address: the worker must send a new invite (422).
   */
  'email_not_invited',

  // Existing account
  /** The e-mail address or password is wrong (401). */
  'sign_in_failed',

  // Codes sent by e-mail, text or call
  /** The code is wrong; `attemptsRemaining` says how many tries are left (422). */
  'code_incorrect',
  /** The code is older than 10 minutes: ask for a new one (422). */
  'code_expired',
  /** The fifth wrong try, and any try after it: this code no longer works, ask for a new one (422). */
  'too_many_attempts',
  /** A new code was asked for less than 30 seconds after the last (429, `retryAfterSeconds`). */
  'resend_too_soon',
  /** Five codes were sent to this address or number in the last hour (429, `retryAfterSeconds`). */
  'too_many_codes',

  // Creating an account
  /** An account already exists for this e-mail address: sign in instead (422). */
  'email_in_use',
  /** The e-mail verification has not been completed (422). */
  'email_not_verified',
  /** The password breaks the policy; `failedRules` lists which rules (422). */
  'password_too_weak',
  /** Phone enrolment needs an account created or signed in within this registration session (422). */
  'account_required',
  /** The step does not fit where the registration is: a code for a call, a resend after verifying (422). */
  'step_out_of_order',

  // Phone enrolment
  /** Not a valid phone number, or not one that can receive a code (422). */
  'phone_invalid',
  /** A landline cannot receive a text: use a call (422). */
  'sms_not_supported_for_landline',
  /** The account already has an enrolled phone (422). */
  'phone_already_enrolled',

  // Account setup
  /** The setup grant is unknown, or belongs to another service (403). */
  'setup_grant_invalid',
  /** The setup grant is older than 14 days (410). */
  'setup_grant_expired',
  /** The setup grant was already used, with another `Idempotency-Key` (410). */
  'setup_grant_used',
  /** A chosen record is not one the invite grants access to (422). */
  'record_not_found',
  /** The consent is not the service's current version, or a statement is missing (422). */
  'consent_invalid',
  /** The account has not finished phone enrolment (422). */
  'phone_not_enrolled',
]);

/** A council API problem code. */
export type CouncilProblemCode = z.infer<typeof councilProblemCodeSchema>;

/** The HTTP status each code is answered with: one code, one status, always. */
export const COUNCIL_PROBLEM_STATUS = {
  invalid_request: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_key_missing: 400,
  idempotency_key_reused: 422,
  idempotency_request_in_progress: 409,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
  unauthorized: 401,
  enrolment_token_invalid: 401,
  caseworker_sign_in_failed: 401,
  caseworker_session_invalid: 401,
  caseworker_locked: 403,
  authorization_pending: 400,
  slow_down: 400,
  access_denied: 400,
  expired_token: 400,
  registration_session_invalid: 401,
  invite_not_found: 404,
  invite_already_used: 410,
  invite_expired: 410,
  email_not_invited: 422,
  sign_in_failed: 401,
  code_incorrect: 422,
  code_expired: 422,
  too_many_attempts: 422,
  resend_too_soon: 429,
  too_many_codes: 429,
  email_in_use: 422,
  email_not_verified: 422,
  password_too_weak: 422,
  account_required: 422,
  step_out_of_order: 422,
  phone_invalid: 422,
  sms_not_supported_for_landline: 422,
  phone_already_enrolled: 422,
  setup_grant_invalid: 403,
  setup_grant_expired: 410,
  setup_grant_used: 410,
  record_not_found: 422,
  consent_invalid: 422,
  phone_not_enrolled: 422,
} as const satisfies Record<CouncilProblemCode, number>;

/** One field that made a request invalid (RFC 9457's `invalid-params` example, camel-cased). */
export const invalidParamSchema = z.object({
  /** Where in the request: `body.consent.version`, `path.reference`, `header.Idempotency-Key`. */
  name: z.string().max(200),
  reason: z.string().max(300),
});

/**
 * An RFC 9457 problem. `type` is `urn:council-api:problem:<code>`; `title` is short English for
 * developers; `detail` explains this occurrence without personal data. Extension members appear
 * only where they apply. Parsed leniently (unknown members are ignored) so a council may add its
 * own.
 */
export const councilProblemSchema = z.object({
  type: z.string().max(300),
  title: z.string().max(300),
  status: z.number().int().min(400).max(599),
  detail: z.string().max(2000).optional(),
  code: councilProblemCodeSchema,
  /** For `rate_limited`, `service_unavailable`, `resend_too_soon`, `too_many_codes`, `caseworker_locked`. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /**
   * For `code_incorrect`: tries left on this code (at least 1; the fifth wrong try answers
   * `too_many_attempts`). For `caseworker_sign_in_failed`: wrong passwords left before the staff id
   * is locked.
   */
  attemptsRemaining: z.number().int().nonnegative().optional(),
  /** For `password_too_weak`: the policy rules the password broke (`shared/passwordPolicy.ts`). */
  failedRules: z.array(z.string().max(40)).max(10).optional(),
  /** For `invalid_request`: what was wrong, at most 20 entries. */
  invalidParams: z.array(invalidParamSchema).max(20).optional(),
});

/** An RFC 9457 problem answered by the council API. */
export type CouncilProblem = z.infer<typeof councilProblemSchema>;

/** The `type` URI of a problem code. */
export function problemTypeFor(code: CouncilProblemCode): string {
  return `urn:council-api:problem:${code}`;
}

/** Short developer-facing titles; the kiosk shows its own words, never these. */
const TITLES: Record<CouncilProblemCode, string> = {
  invalid_request: 'The request does not match the API contract',
  unsupported_media_type: 'Send application/json',
  body_too_large: 'The request body is too large',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  idempotency_key_missing: 'An Idempotency-Key header is required',
  idempotency_key_reused: 'This Idempotency-Key was used with a different request',
  idempotency_request_in_progress: 'A request with this Idempotency-Key is still being processed',
  rate_limited: 'Too many requests',
  service_unavailable: 'The service is unavailable',
  internal_error: 'Internal error',
  unauthorized: 'Missing or invalid device credential',
  enrolment_token_invalid: 'The enrolment token is invalid or already used',
  caseworker_sign_in_failed: 'Staff id or password is wrong',
  caseworker_session_invalid: 'The caseworker session is missing or expired',
  caseworker_locked: 'This staff id is locked after too many wrong passwords',
  authorization_pending: 'The sign-in has not been approved yet',
  slow_down: 'Polling too fast',
  access_denied: 'The sign-in was refused',
  expired_token: 'The sign-in code has expired',
  registration_session_invalid: 'The registration session is missing or expired',
  invite_not_found: 'Invite not found',
  invite_already_used: 'The invite was already used',
  invite_expired: 'The invite has expired',
  email_not_invited: 'Use the e-mail address the invitation was sent to',
  sign_in_failed: 'E-mail address or password is wrong',
  code_incorrect: 'The code is incorrect',
  code_expired: 'The code has expired',
  too_many_attempts: 'Too many wrong codes',
  resend_too_soon: 'Wait before asking for another code',
  too_many_codes: 'Too many codes sent in the last hour',
  email_in_use: 'An account already uses this e-mail address',
  email_not_verified: 'The e-mail address is not verified',
  password_too_weak: 'The password does not meet the policy',
  account_required: 'No account in this registration session',
  step_out_of_order: 'This step does not fit the current state',
  phone_invalid: 'The phone number is not valid',
  sms_not_supported_for_landline: 'A landline cannot receive text messages',
  phone_already_enrolled: 'A phone is already enrolled',
  setup_grant_invalid: 'The setup grant is not valid',
  setup_grant_expired: 'The setup grant has expired',
  setup_grant_used: 'The setup grant was already used',
  record_not_found: 'A chosen record is not part of the invite',
  consent_invalid: 'The consent does not match the current consent version',
  phone_not_enrolled: 'The account has no enrolled phone',
};

/** Builds a problem body for a code, with its fixed status and title. */
export function buildProblem(
  code: CouncilProblemCode,
  detail?: string,
  extra: Pick<CouncilProblem, 'retryAfterSeconds' | 'attemptsRemaining' | 'failedRules' | 'invalidParams'> = {},
): CouncilProblem {
  return {
    type: problemTypeFor(code),
    title: TITLES[code],
    status: COUNCIL_PROBLEM_STATUS[code],
    ...(detail !== undefined ? { detail } : {}),
    code,
    ...extra,
  };
}

/**
 * Whether a failed call may succeed if sent again unchanged (same `Idempotency-Key`): network
 * errors and timeouts (status undefined), 408, 409, 425, 429 and every 5xx. Every other 4xx is
 * permanent: sending it again cannot help.
 */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status >= 500 || status === 408 || status === 409 || status === 425 || status === 429;
}

/**
 * Every reason a council API call can fail as the kiosk sees it: the council's problem codes,
 * plus three the client itself detects (no connection, no answer in time, an answer that breaks
 * the contract). The renderer maps each of these to plain words.
 */
export const councilErrorCodeSchema = z.enum([
  ...councilProblemCodeSchema.options,
  'network_error',
  'timeout',
  'unexpected_response',
]);

/** A reason a council API call failed, as the kiosk sees it. */
export type CouncilErrorCode = z.infer<typeof councilErrorCodeSchema>;
