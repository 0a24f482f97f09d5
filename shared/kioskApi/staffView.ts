import { z } from 'zod';
import { GUIDE_STEP_IDS } from '../assistedGuide.ts';
import { serviceIdSchema } from '../councilApi/councilPrimitives.ts';
import { emailVerificationStateSchema } from '../councilApi/emailVerificationApi.ts';
import { enrolledPhoneKindSchema, phoneEnrolmentStateSchema, phoneMethodSchema } from '../councilApi/phoneEnrolmentApi.ts';

/**
 * What main pushes to the caseworker's page (`staff:view`) and to the resident's page
 * (`assisted:resident`) in assisted mode. Each is the whole current state, not a change, so a
 * page that connects late, or reloads, is right at once (the event hub replays the latest).
 *
 * The staff view is built in main from the registration's state by an allow-list: it never
 * carries a password, the value of any code (invite, e-mail or phone), an e-mail address or
 * phone number in full, or a name unmasked. A strict schema enforces the shape at publish time.
 */

/** Why the caseworker was sure of the resident's identity when confirming their code (for the audit log). */
export const identityCheckSchema = z.enum(['photo_id_seen', 'known_to_me', 'security_questions']);

/** How a caseworker checked who the resident is. */
export type IdentityCheck = z.infer<typeof identityCheckSchema>;

/** What the resident is typing now, for "the resident is typing their password": the field, never its value. */
export const residentFieldSchema = z.enum(['email', 'email_code', 'password', 'name', 'phone_number', 'phone_code']);

/** A field the resident may be typing in. */
export type ResidentField = z.infer<typeof residentFieldSchema>;

/** The device sign-in on show: the code and where to approve it (RFC 8628), and its QR code. */
export const staffDeviceSignInSchema = z.strictObject({
  userCode: z.string().min(4).max(20),
  verificationUri: z.url(),
  verificationUriComplete: z.url(),
  /** The QR code of `verificationUriComplete`: `size` modules square, dark modules as one SVG path. */
  qr: z.strictObject({ size: z.int().min(21).max(177), path: z.string().max(100_000) }),
  expiresAt: z.iso.datetime(),
  /** `waiting` for approval; `expired` or `denied`: start again. */
  status: z.enum(['waiting', 'expired', 'denied']),
});

/** The device sign-in on show. */
export type StaffDeviceSignIn = z.infer<typeof staffDeviceSignInSchema>;

/** The staff session as the staff page sees it. Lives in main only. */
export const staffSessionViewSchema = z.discriminatedUnion('state', [
  /** Nobody signed in; maybe a device sign-in waiting for approval. */
  z.strictObject({ state: z.literal('signed_out'), deviceSignIn: staffDeviceSignInSchema.nullable() }),
  /** Signed in; the caseworker chooses the PIN that will unlock the console. */
  z.strictObject({ state: z.literal('choose_pin'), displayName: z.string().max(120) }),
  /** Signed in and unlocked. */
  z.strictObject({ state: z.literal('ready'), displayName: z.string().max(120), lockAt: z.iso.datetime() }),
  /** Locked after inactivity (or by hand): the PIN unlocks it; nothing of the resident shows. */
  z.strictObject({ state: z.literal('locked'), displayName: z.string().max(120) }),
]);

/** The staff session as the staff page sees it. */
export type StaffSessionView = z.infer<typeof staffSessionViewSchema>;

/** The invite being helped with, masked as on the caseworker's list. */
export const assistedInviteSchema = z.strictObject({
  inviteId: z.string().max(100),
  serviceId: serviceIdSchema,
  residentMaskedName: z.string().max(200),
  maskedEmail: z.string().max(254),
});

/** Live details of the e-mail code, for "code sent at 10:42, 4 tries left, valid for 8:12". */
export const assistedEmailCodeSchema = z.strictObject({
  state: emailVerificationStateSchema,
  sentAt: z.iso.datetime(),
  codeExpiresAt: z.iso.datetime(),
  attemptsRemaining: z.int().nonnegative(),
});

/** Live details of the phone check: "call ringing", "# not pressed", tries left. */
export const assistedPhoneCheckSchema = z.strictObject({
  method: phoneMethodSchema,
  phoneKind: enrolledPhoneKindSchema,
  /** The last three digits only ("••• 123"). */
  numberEnding: z.string().regex(/^\d{3}$/),
  round: z.union([z.literal(1), z.literal(2)]),
  state: phoneEnrolmentStateSchema,
  sentAt: z.iso.datetime(),
  codeExpiresAt: z.iso.datetime().nullable(),
  attemptsRemaining: z.int().nonnegative().nullable(),
  phoneEnrolled: z.boolean(),
});

/** The registration being helped with, as the console shows it. */
export const assistedProgressSchema = z.strictObject({
  /** Names this assisted registration (not the resident's session handle). */
  assistId: z.string().max(100),
  invite: assistedInviteSchema,
  /** Who confirmed the code, how and when; null until the caseworker has. */
  confirmed: z.strictObject({ check: identityCheckSchema, at: z.iso.datetime() }).nullable(),
  steps: z.array(z.strictObject({ id: z.enum(GUIDE_STEP_IDS), status: z.enum(['done', 'now', 'next', 'skipped']) })).max(20),
  /** `sign_in` (an existing account) or `sign_up`, once the resident has chosen. */
  path: z.enum(['sign_in', 'sign_up']).nullable(),
  emailCode: assistedEmailCodeSchema.nullable(),
  phoneCheck: assistedPhoneCheckSchema.nullable(),
  /** What the resident is typing in now (the field, never the value); null when not typing. */
  typing: residentFieldSchema.nullable(),
  /** Paused (the resident is fetching their phone, say): when the pause ends by itself. */
  pausedUntil: z.iso.datetime().nullable(),
  /** The setup was submitted: the resident is on the last screen. */
  submitted: z.boolean(),
});

/** The registration being helped with. */
export type AssistedProgress = z.infer<typeof assistedProgressSchema>;

/** `staff:view`: everything the caseworker's page shows. */
export const staffViewSchema = z.strictObject({
  mode: z.enum(['training', 'live']),
  /** Two displays (a staff window beside the resident's), or one shared screen with hand-overs. */
  displays: z.enum(['one', 'two']),
  /** On one display: who has the screen now. Always `resident` on the resident's window with two. */
  screen: z.enum(['staff', 'resident']),
  staff: staffSessionViewSchema,
  /** The registration being helped with; null when none, or while the console is locked or signed out. */
  assisted: assistedProgressSchema.nullable(),
});

/** Everything the caseworker's page shows. */
export type StaffView = z.infer<typeof staffViewSchema>;

/** `assisted:resident`: what the resident's page needs to know of assisted mode. */
export const residentAssistSchema = z.strictObject({
  /** The caseworker helping ("Helping you today: …"); null in self-service. */
  helperName: z.string().max(120).nullable(),
  /** On one display: `staff` while the caseworker has the screen (the resident's view is hidden). */
  screen: z.enum(['staff', 'resident']),
  /** Two: a staff screen of its own is attached, so this page offers no 'Staff' entry or 'Hand back to staff'. */
  displays: z.enum(['one', 'two']),
  /** The assisted registration, if a caseworker started one; null otherwise (and once it ends). */
  assisted: z
    .strictObject({
      assistId: z.string().max(100),
      serviceId: serviceIdSchema,
      /**
       * `reading_code`: the resident reads their invite code out to the caseworker;
       * `confirmed`: the caseworker confirmed it (the resident moves on, without waiting for the
       * 'Accept … Invitation' e-mail).
       */
      phase: z.enum(['reading_code', 'confirmed']),
      /** Paused by the caseworker: the resident's page shows a neutral screen until resumed. */
      paused: z.boolean(),
    })
    .nullable(),
});

/** What the resident's page knows of assisted mode. */
export type ResidentAssist = z.infer<typeof residentAssistSchema>;
