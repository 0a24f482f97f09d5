import { z } from 'zod';
import { councilProblemCodeSchema } from '../councilApi/councilProblem.ts';

/**
 * Machine-readable reasons a kiosk API call can fail. The renderer turns each into plain words
 * (`renderer/locales/en.json`, `errors.*`). The kiosk's own codes come first; every council API
 * problem code (`shared/councilApi/councilProblem.ts`) passes through unchanged, so a wrong
 * e-mail code is `code_incorrect` on both sides.
 */
export const kioskOwnErrorCodeSchema = z.enum([
  /** The arguments did not match the channel's schema. */
  'invalid_input',
  /** The channel name is not part of the contract. */
  'unknown_channel',
  /** The caller is not allowed to make this call (wrong frame, missing token). */
  'forbidden',
  /** A bug or unexpected failure in main; details are kept out of the renderer. */
  'internal',
  /** The council API could not be reached (offline, timed out): a live step cannot go ahead. */
  'council_unreachable',
  /** A step was asked for out of order (a code before one was sent, say): start the step again. */
  'step_out_of_order',
  /** This kiosk has no slip printer (none configured, or not connected). */
  'printer_unavailable',
  /** The slip printer did not print (out of paper, jammed, switched off). */
  'print_failed',
  /** This kiosk's disk is full: the step was not saved (nothing saved before is lost); staff must help. */
  'storage_full',
  /** The call carried no live session handle: the session ended (finished, timed out, page reloaded). Start again. */
  'session_ended',
  /** A training-only call (the training phone) on a live kiosk. */
  'not_training',
  /** Nobody is signed in as staff on this kiosk: sign in first. */
  'staff_signed_out',
  /** The staff console is locked, or the resident has the screen: the caseworker's PIN unlocks it. */
  'staff_locked',
  /** The PIN is wrong (with tries left; after the last, the caseworker is signed out). */
  'pin_incorrect',
  /** No assisted registration to act on: the caseworker has not started one, or it ended. */
  'no_assisted_session',
]);

/** Every code a kiosk API error can carry. */
export const kioskErrorCodeSchema = z.union([kioskOwnErrorCodeSchema, councilProblemCodeSchema]);

/** A kiosk API error code. */
export type KioskErrorCode = z.infer<typeof kioskErrorCodeSchema>;

/** The error half of a kiosk API result: a stable code, a developer-facing message, and the details a screen shows. */
export const kioskErrorSchema = z.object({
  code: kioskErrorCodeSchema,
  message: z.string(),
  /** Seconds to wait before trying again (resend cooldown, rate limits). */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** Tries left on a code. */
  attemptsRemaining: z.number().int().nonnegative().optional(),
  /** Password rules the council says were broken. */
  failedRules: z.array(z.string().max(40)).max(10).optional(),
  /**
   * With `invite_already_used`: the setup this kiosk already delivered for the very invite code
   * and address typed (a resident coming back). Only the kiosk's reference and two times, no
   * personal data; shown only to whoever typed both secrets of the invitation's e-mail.
   */
  earlierSetup: z
    .strictObject({
      receipt: z.string().regex(/^KSK-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
      submittedAt: z.iso.datetime(),
      deliveredAt: z.iso.datetime(),
    })
    .optional(),
});

/** An error returned by the kiosk API. Never contains a resident's personal data. */
export type KioskError = z.infer<typeof kioskErrorSchema>;

/** What every kiosk API call resolves to: it never rejects for an expected failure. */
export type KioskResult<T> = { ok: true; value: T } | { ok: false; error: KioskError };

/** Builds a successful result. */
export function ok<T>(value: T): KioskResult<T> {
  return { ok: true, value };
}

/** Builds a failed result. */
export function fail<T = never>(code: KioskErrorCode, message: string, details: Omit<KioskError, 'code' | 'message'> = {}): KioskResult<T> {
  return { ok: false, error: { code, message, ...details } };
}

/** Schema of a result envelope whose value is checked with `valueSchema`. */
export function kioskResultSchema<T extends z.ZodType>(valueSchema: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: valueSchema }),
    z.object({ ok: z.literal(false), error: kioskErrorSchema }),
  ]);
}
