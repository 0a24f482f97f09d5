import { z } from 'zod';
import { COUNCIL_RULES, emailSchema, instantSchema, oneTimeCodeSchema, opaqueIdSchema } from './councilPrimitives.ts';

/**
 * E-mail verification (seed steps 5–8): 'Send verification code' sends a 6-digit code in an
 * e-mail titled 'Norfolk County Council account verification code'; 'Verify code' checks it.
 * Rules (`COUNCIL_RULES`): a code works 10 minutes and 5 tries; a new code ("resend") at most
 * every 30 seconds and 5 an hour per address. A resend replaces the code; the old one stops
 * working. All three calls need `X-Registration-Session`.
 */

/** Where an e-mail verification is. `verified` is final; `dead` and `expired` need a resend. */
export const emailVerificationStateSchema = z.enum(['code_sent', 'verified', 'dead', 'expired']);

/** An e-mail verification's state. */
export type EmailVerificationState = z.infer<typeof emailVerificationStateSchema>;

/** `POST /v1/email-verifications`: send a code to this address. */
export const emailVerificationStartRequestSchema = z.strictObject({
  email: emailSchema,
});

/** An e-mail verification start request. */
export type EmailVerificationStartRequest = z.infer<typeof emailVerificationStartRequestSchema>;

/** `POST /v1/email-verifications/{verificationId}/verify`: the code the resident typed. */
export const codeVerificationRequestSchema = z.strictObject({
  code: oneTimeCodeSchema,
});

/** A code verification request (e-mail or text). */
export type CodeVerificationRequest = z.infer<typeof codeVerificationRequestSchema>;

/** An e-mail verification. The address itself is not echoed back (less personal data in flight). */
export const emailVerificationSchema = z.object({
  verificationId: opaqueIdSchema,
  state: emailVerificationStateSchema,
  codeLength: z.literal(COUNCIL_RULES.codeLength),
  /** When the current code stops working. */
  codeExpiresAt: instantSchema,
  /** The earliest moment a resend is accepted. */
  resendAvailableAt: instantSchema,
  /** Tries left on the current code. */
  attemptsRemaining: z.number().int().min(0).max(COUNCIL_RULES.codeMaxAttempts),
  verifiedAt: instantSchema.nullable(),
});

/** An e-mail verification. */
export type EmailVerification = z.infer<typeof emailVerificationSchema>;

/** Path parameters naming an e-mail verification. */
export const emailVerificationParamsSchema = z.strictObject({ verificationId: opaqueIdSchema });
