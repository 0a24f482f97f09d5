import { z } from 'zod';

/**
 * Machine-readable reasons a kiosk API call can fail. The renderer turns each into plain words;
 * new codes are added here first so both sides agree.
 */
export const kioskErrorCodeSchema = z.enum([
  /** The arguments did not match the channel's schema. */
  'invalid_input',
  /** The channel name is not part of the contract. */
  'unknown_channel',
  /** The caller is not allowed to make this call (wrong frame, missing token). */
  'forbidden',
  /** A bug or unexpected failure in main; details are kept out of the renderer. */
  'internal',
]);

/** A kiosk API error code. */
export type KioskErrorCode = z.infer<typeof kioskErrorCodeSchema>;

/** The error half of a kiosk API result: a stable code and a developer-facing message. */
export const kioskErrorSchema = z.object({
  code: kioskErrorCodeSchema,
  message: z.string(),
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
export function fail<T = never>(code: KioskErrorCode, message: string): KioskResult<T> {
  return { ok: false, error: { code, message } };
}

/** Schema of a result envelope whose value is checked with `valueSchema`. */
export function kioskResultSchema<T extends z.ZodType>(valueSchema: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: valueSchema }),
    z.object({ ok: z.literal(false), error: kioskErrorSchema }),
  ]);
}
