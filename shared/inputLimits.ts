import { PASSWORD_MAX_LENGTH } from './passwordPolicy.ts';

/**
 * The longest text each field of the resident's path accepts, as the council's contract allows
 * (`shared/councilApi/councilPrimitives.ts`, `shared/kioskApi/registrationMethods.ts`). Fields
 * never cut what is typed: a field over its limit gets an error naming the limit before anything
 * is sent, so nothing the resident typed is lost without them knowing.
 */
export const INPUT_LIMITS = {
  /** An e-mail address (RFC 5321's 254 characters). */
  email: 254,
  /** A given name or surname (`personNameSchema`). */
  name: 100,
  /** An invite code as typed, with spaces and hyphens (`inviteCodeInputSchema`). */
  inviteCode: 40,
  /** A phone number as typed (`shared/phoneNumber.ts` reads at most 40 characters). */
  phoneNumber: 40,
  /** A 6-digit code as typed, with spaces. */
  oneTimeCode: 12,
  /** A new password (`PASSWORD_MAX_LENGTH`). */
  newPassword: PASSWORD_MAX_LENGTH,
  /** The password of an existing account, for 'Sign in' (the kiosk API's limit). */
  password: 256,
} as const;

/** A field with a length limit. */
export type LimitedField = keyof typeof INPUT_LIMITS;

/**
 * How long a text is, counted as the contract's zod schemas count it (UTF-16 units), so the
 * kiosk's check and the council's can never disagree. A new password is counted by the password
 * policy instead (code points), and is limited by it.
 */
export function textLength(text: string): number {
  return text.length;
}

/** Whether `text` is over `field`'s limit (after trimming the ends, as the kiosk sends it). */
export function isOverLimit(field: LimitedField, text: string, trim = true): boolean {
  return textLength(trim ? text.trim() : text) > INPUT_LIMITS[field];
}
