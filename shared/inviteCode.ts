/**
 * The unique invite code a worker's 'Set up your … Account' e-mail carries (seed step 2).
 *
 * Format: 12 characters from a 32-character alphabet without look-alikes (no 0, 1, O or I),
 * shown in groups of four (`K7QM-3XPD-9WT8`). The last character is a check character
 * (Luhn mod 32), so one mistyped character, or two swapped neighbours, is caught on the kiosk
 * before any call to the council. Residents may type lower case, spaces or hyphens;
 * `normaliseInviteCode` removes them.
 */
import { z } from 'zod';

/** The 32 characters an invite code is made of. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Number of characters in a normalised invite code, check character included. */
export const INVITE_CODE_LENGTH = 12;

/** The result of checking an invite code's format: `ok`, or why it was refused. */
export const inviteCodeFormatSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ok'), code: z.string() }),
  z.strictObject({ kind: z.literal('empty') }),
  z.strictObject({ kind: z.literal('invalid_characters'), characters: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('wrong_length'), length: z.number().int(), expected: z.number().int() }),
  z.strictObject({ kind: z.literal('check_failed') }),
]);

/** The result of checking an invite code's format: `ok`, or why it was refused. */
export type InviteCodeFormat = z.infer<typeof inviteCodeFormatSchema>;

/** Upper-cases and strips spaces and hyphens, the ways residents commonly type a code. */
export function normaliseInviteCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-\u2010-\u2014]/g, '');
}

/** Formats a normalised code for display in groups of four: `K7QM-3XPD-9WT8`. */
export function formatInviteCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? '';
}

// Luhn mod N over alphabet indices; doubling starts at the right-most value when `doubleFirst`.
function luhnSum(values: readonly number[], doubleFirst: boolean): number {
  const n = INVITE_CODE_ALPHABET.length;
  let sum = 0;
  let double = doubleFirst;
  for (let i = values.length - 1; i >= 0; i--) {
    let v = values[i] ?? 0;
    if (double) {
      v *= 2;
      v = Math.floor(v / n) + (v % n);
    }
    sum += v;
    double = !double;
  }
  return sum;
}

function indicesOf(code: string): number[] {
  return Array.from(code, (c) => INVITE_CODE_ALPHABET.indexOf(c));
}

/** The check character for the first eleven characters of a code. */
export function inviteCodeCheckCharacter(body: string): string {
  const n = INVITE_CODE_ALPHABET.length;
  const sum = luhnSum(indicesOf(body), true);
  return INVITE_CODE_ALPHABET.charAt((n - (sum % n)) % n);
}

/** Checks an invite code's format only; whether the council knows the code is its own question. */
export function checkInviteCodeFormat(raw: string): InviteCodeFormat {
  const code = normaliseInviteCode(raw);
  if (code.length === 0) return { kind: 'empty' };
  const invalid = [...new Set(Array.from(code).filter((c) => !INVITE_CODE_ALPHABET.includes(c)))];
  if (invalid.length > 0) return { kind: 'invalid_characters', characters: invalid };
  if (code.length !== INVITE_CODE_LENGTH) {
    return { kind: 'wrong_length', length: code.length, expected: INVITE_CODE_LENGTH };
  }
  if (luhnSum(indicesOf(code), false) % INVITE_CODE_ALPHABET.length !== 0) {
    return { kind: 'check_failed' };
  }
  return { kind: 'ok', code };
}

/**
 * Builds a well-formed invite code from eleven random numbers (each taken modulo 32). The
 * council API simulator uses it to issue codes.
 */
export function buildInviteCode(randomValues: readonly number[]): string {
  if (randomValues.length < INVITE_CODE_LENGTH - 1) {
    throw new RangeError(`buildInviteCode needs ${INVITE_CODE_LENGTH - 1} random values`);
  }
  const body = randomValues
    .slice(0, INVITE_CODE_LENGTH - 1)
    .map((v) => INVITE_CODE_ALPHABET.charAt(Math.abs(Math.trunc(v)) % INVITE_CODE_ALPHABET.length))
    .join('');
  return body + inviteCodeCheckCharacter(body);
}
