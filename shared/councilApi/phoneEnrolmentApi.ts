import { z } from 'zod';
import { COUNCIL_RULES, e164Schema, instantSchema, opaqueIdSchema } from './councilPrimitives.ts';

/**
 * Phone enrolment for two-factor sign-in (seed steps 9–11). Each enrolment is one round with one
 * method: `sms` (mobiles only: a 6-digit text, checked with `/verify`) or `call` (an automated
 * call that rings, is answered, and waits for '#'; poll it with GET). The seeds ask for a second
 * round "to confirm your phone number": start another enrolment for the same number (any
 * method). The first confirmed round answers `round: 1, phoneEnrolled: false`; the second
 * `round: 2, phoneEnrolled: true`. Starting with a different number begins again at round 1.
 * Texts follow the code rules of e-mail verification (10 minutes, 5 tries, 30-second cooldown,
 * 5 an hour per number). Every call needs `X-Registration-Session` and an account created or
 * signed in within it.
 */

/** How the number is checked. */
export const phoneMethodSchema = z.enum(['sms', 'call']);

/** A phone check method. */
export type PhoneMethod = z.infer<typeof phoneMethodSchema>;

/**
 * Where one enrolment round is. Text: `code_sent` → `confirmed` (or `dead`, `expired`). Call:
 * `ringing` → `answered` → `confirmed`, or `no_answer` (not answered in 60 s) or `failed`
 * (answered, but no '#' in 60 s).
 */
export const phoneEnrolmentStateSchema = z.enum([
  'code_sent',
  'ringing',
  'answered',
  'confirmed',
  'no_answer',
  'failed',
  'dead',
  'expired',
]);

/** A phone enrolment round's state. */
export type PhoneEnrolmentState = z.infer<typeof phoneEnrolmentStateSchema>;

/** The kind of number, as the council sees it; only mobiles can get texts. */
export const enrolledPhoneKindSchema = z.enum(['mobile', 'landline']);

/** `POST /v1/phone-enrolments`: text or call this number. */
export const phoneEnrolmentStartRequestSchema = z.strictObject({
  phoneNumber: e164Schema,
  method: phoneMethodSchema,
});

/** A phone enrolment start request. */
export type PhoneEnrolmentStartRequest = z.infer<typeof phoneEnrolmentStartRequestSchema>;

/** One phone enrolment round. */
export const phoneEnrolmentSchema = z.object({
  enrolmentId: opaqueIdSchema,
  method: phoneMethodSchema,
  phoneKind: enrolledPhoneKindSchema,
  /** 1 for the first check, 2 for the confirming repeat. */
  round: z.union([z.literal(1), z.literal(2)]),
  state: phoneEnrolmentStateSchema,
  /** Texts: when the code stops working. Calls: null. */
  codeExpiresAt: instantSchema.nullable(),
  /** Texts: tries left on the code. Calls: null. */
  attemptsRemaining: z.number().int().min(0).max(COUNCIL_RULES.codeMaxAttempts).nullable(),
  /** True once both rounds are confirmed: the account's phone is enrolled. */
  phoneEnrolled: z.boolean(),
});

/** A phone enrolment round. */
export type PhoneEnrolment = z.infer<typeof phoneEnrolmentSchema>;

/** Path parameters naming a phone enrolment. */
export const phoneEnrolmentParamsSchema = z.strictObject({ enrolmentId: opaqueIdSchema });
