import { z } from 'zod';
import { codeVerificationRequestSchema } from '../councilApi/emailVerificationApi.ts';
import { emailVerificationStateSchema } from '../councilApi/emailVerificationApi.ts';
import { invitationRecordSchema } from '../councilApi/inviteApi.ts';
import { e164Schema, personNameSchema, serviceIdSchema } from '../councilApi/councilPrimitives.ts';
import { kioskMethod } from './kioskMethod.ts';
import { enrolledPhoneKindSchema, phoneEnrolmentStateSchema, phoneMethodSchema } from '../councilApi/phoneEnrolmentApi.ts';

/**
 * The kiosk API methods of a resident's registration: the renderer asks main, main
 * holds the session's council credentials in memory and calls the council API live, or, for the
 * account setup, writes the outbox. Passwords and one-time codes pass through main to the council
 * and are never stored. Errors are the council's problem codes (see `kioskResult.ts`).
 *
 * Times are relative (`…InSeconds`, measured when main answered), so a countdown on screen does
 * not depend on the kiosk's and the council's clocks agreeing.
 */

/**
 * The session handle `startRegistration` answers with. Every later call of the registration
 * carries it (the kiosk client adds it; screens never see it), and main refuses a call whose
 * handle is not the live session's with `session_ended`. Any string is accepted here, so that
 * a missing or stale handle is `session_ended` rather than `invalid_input`.
 */
export const sessionHandleSchema = z.string().max(100);

/** The argument of a registration call that carries nothing but the session handle. */
const carriesSession = { session: sessionHandleSchema };
const sessionOnly = z.strictObject(carriesSession);

/** The invitation as the resident may see it: which service, and the records in masked form. */
export const invitationSummarySchema = z.strictObject({
  serviceId: serviceIdSchema,
  records: z.array(invitationRecordSchema.strict()).min(1),
});

/** An invitation as the kiosk shows it. */
export type InvitationSummary = z.infer<typeof invitationSummarySchema>;

/** The resident's council account, once signed in or created. */
export const accountStatusSchema = z.strictObject({
  /** True when the account already has a phone for two-factor sign-in: straight to account setup. */
  phoneEnrolled: z.boolean(),
});

/** The resident's account status. */
export type AccountStatus = z.infer<typeof accountStatusSchema>;

/** The e-mail code's live state, for the 'Verification code' screen. */
export const emailCodeStatusSchema = z.strictObject({
  state: emailVerificationStateSchema,
  codeExpiresInSeconds: z.number().int().nonnegative(),
  resendAvailableInSeconds: z.number().int().nonnegative(),
  attemptsRemaining: z.number().int().nonnegative(),
});

/** The e-mail code's live state. */
export type EmailCodeStatus = z.infer<typeof emailCodeStatusSchema>;

/** One phone check round's live state, for the text-code and call screens. */
export const phoneCheckStatusSchema = z.strictObject({
  method: phoneMethodSchema,
  phoneKind: enrolledPhoneKindSchema,
  /** 1 for the first check, 2 for the confirming repeat (seed step 11). */
  round: z.union([z.literal(1), z.literal(2)]),
  state: phoneEnrolmentStateSchema,
  codeExpiresInSeconds: z.number().int().nonnegative().nullable(),
  attemptsRemaining: z.number().int().nonnegative().nullable(),
  /** True once both rounds are confirmed. */
  phoneEnrolled: z.boolean(),
});

/** One phone check round's live state. */
export type PhoneCheckStatus = z.infer<typeof phoneCheckStatusSchema>;

/** What the resident is told after 'Submit'. */
export const setupReceiptSchema = z.strictObject({
  /** The kiosk's reference for the resident's slip, given at once, online or not (`KSK-7KQ2-M9XD`). */
  receipt: z.string().regex(/^KSK-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
  /** True when the council acknowledged the setup before main answered. */
  delivered: z.boolean(),
  /** The council's reference, once delivered. */
  councilReference: z.string().nullable(),
  /**
   * When this kiosk already sent the setup for this invitation (a resident starting again): the
   * earlier setup stands, under this same reference, and these answers were not used. Null when
   * this submission is the one sent. Optional for hosts that predate it.
   */
  alreadySentAt: z.iso.datetime().nullable().optional(),
});

/** What the resident is told after 'Submit'. */
export type SetupReceipt = z.infer<typeof setupReceiptSchema>;

const method = kioskMethod;

/** The registration methods, spread into `kioskMethods`. */
export const registrationMethods = {
  /** A resident chose a service: forget any earlier session and start a new one. */
  startRegistration: method('registration:start', z.strictObject({ serviceId: serviceIdSchema }), z.strictObject({ session: sessionHandleSchema })),
  /** The session ended (finish, idle, cancel): main forgets every credential and detail of it. */
  endRegistration: method('registration:end', sessionOnly, z.strictObject({})),
  /** Seed steps 1–2: the unique code and the e-mail address it was sent to. */
  confirmInvite: method(
    'invite:confirm',
    z.strictObject({ ...carriesSession, inviteCode: z.string().min(1).max(40), email: z.string().trim().min(3).max(254) }),
    invitationSummarySchema,
  ),
  /** Seed step 4: an existing account's e-mail address and password, 'Sign in'. */
  signIn: method('account:sign-in', z.strictObject({ ...carriesSession, email: z.string().trim().min(3).max(254), password: z.string().min(1).max(256) }), accountStatusSchema),
  /** Seed step 5: 'Send verification code' to the address. */
  sendEmailCode: method('email:send-code', z.strictObject({ ...carriesSession, email: z.string().trim().min(3).max(254) }), emailCodeStatusSchema),
  /** 'Send a new code' once the cooldown has passed. */
  resendEmailCode: method('email:resend-code', sessionOnly, emailCodeStatusSchema),
  /** Seed step 7: 'Verify code'. */
  verifyEmailCode: method('email:verify-code', codeVerificationRequestSchema.extend(carriesSession), emailCodeStatusSchema),
  /** Seed step 8: given name, surname and password, 'Create'. */
  createAccount: method(
    'account:create',
    z.strictObject({ ...carriesSession, givenName: personNameSchema, surname: personNameSchema, password: z.string().min(1).max(256) }),
    accountStatusSchema,
  ),
  /** Seed step 10: 'Send Code' (mobiles) or 'Call Me'; also the confirming second round. */
  startPhoneCheck: method('phone:start', z.strictObject({ ...carriesSession, phoneNumber: e164Schema, method: phoneMethodSchema }), phoneCheckStatusSchema),
  /** The code from the text message. */
  verifyPhoneCode: method('phone:verify-code', codeVerificationRequestSchema.extend(carriesSession), phoneCheckStatusSchema),
  /** The current round's state: polled while a call is in progress. */
  getPhoneCheck: method('phone:status', sessionOnly, phoneCheckStatusSchema),
  /** Seed steps 12–13: the records ticked and the consent given, 'Submit'. Goes through the outbox. */
  submitAccountSetup: method(
    'setup:submit',
    z.strictObject({
      ...carriesSession,
      recordIds: z.array(z.string().min(1).max(100)).min(1).max(20),
      consentStatementIds: z.array(z.string().min(1).max(40)).min(1).max(10),
    }),
    setupReceiptSchema,
  ),
} as const;
