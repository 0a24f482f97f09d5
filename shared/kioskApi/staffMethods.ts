import { z } from 'zod';
import { caseworkerInviteSchema } from '../councilApi/caseworkerApi.ts';
import { phoneMethodSchema } from '../councilApi/phoneEnrolmentApi.ts';
import { kioskMethod } from './kioskMethod.ts';
import { identityCheckSchema, staffDeviceSignInSchema } from './staffView.ts';

/**
 * The caseworker's kiosk API methods (assisted mode). The staff session lives in main only: these
 * calls act on it, and its state reaches the page by the `staff:view` event. Main refuses them
 * from the resident's page unless it is a one-display kiosk whose screen the caseworker holds
 * (sign-in and unlock excepted), with `staff_locked` when the console is locked and
 * `staff_signed_out` when nobody is signed in.
 */

const nothing = z.strictObject({});
const staff = <I extends z.ZodType, O extends z.ZodType>(channel: string, input: I, output: O) => kioskMethod(channel, input, output, 'staff');

/** The PIN a caseworker chooses at sign-in, to unlock the console after it locks: 4 to 8 digits. */
export const staffPinSchema = z.string().regex(/^\d{4,8}$/);

/** A caseworker's staff id, as the council writes it. */
export const staffIdSchema = z.string().trim().regex(/^[A-Za-z0-9._-]{1,60}$/);

/** The day's invites for the console: masked, newest first. */
export const staffInviteListSchema = z.strictObject({
  date: z.iso.date(),
  invites: z.array(caseworkerInviteSchema.strict()).max(500),
});

/** The day's invites for the console. */
export type StaffInviteList = z.infer<typeof staffInviteListSchema>;

/** The staff methods, spread into `kioskMethods`. */
export const staffMethods = {
  /** 'Sign in with your work device': shows a code and QR code; main polls the council until approved. */
  startStaffSignIn: staff('staff:sign-in-start', nothing, staffDeviceSignInSchema),
  /** Stops waiting for a device sign-in. */
  cancelStaffSignIn: staff('staff:sign-in-cancel', nothing, nothing),
  /** The fallback: staff id and password (`caseworker_sign_in_failed` with tries left; `caseworker_locked`). */
  signInStaffWithPassword: staff(
    'staff:sign-in-password',
    z.strictObject({ staffId: staffIdSchema, password: z.string().min(1).max(256) }),
    nothing,
  ),
  /** Training only: approves the device sign-in on show, as the caseworker's work device would (`not_training` live). */
  approveTrainingStaffSignIn: staff('staff:training-approve', nothing, nothing),
  /** After sign-in: the PIN that unlocks the console (typed twice on screen; main keeps only a hash, in memory). */
  chooseStaffPin: staff('staff:pin-choose', z.strictObject({ pin: staffPinSchema }), nothing),
  /** Unlocks a locked console, or takes the screen back from the resident on one display ('Hand back to staff'). `pin_incorrect` with tries left; after 5, signed out. */
  unlockStaff: staff('staff:unlock', z.strictObject({ pin: z.string().max(8) }), nothing),
  /** Locks the console now. */
  lockStaff: staff('staff:lock', nothing, nothing),
  /** 'Sign out': the staff session ends; any assisted registration ends with it. */
  signOutStaff: staff('staff:sign-out', nothing, nothing),
  /** The caseworker touched or typed on the console: the lock timer starts again. */
  noteStaffActivity: staff('staff:activity', nothing, nothing),
  /** The caseworker's open invites today, masked. */
  listStaffInvites: staff('staff:invites', nothing, staffInviteListSchema),
  /** Helps the resident with this invite: the resident's screen asks them to read their code out. */
  startAssisted: staff('assisted:start', z.strictObject({ inviteId: z.string().min(1).max(100) }), nothing),
  /** The code the resident read out, and how the caseworker knows them: the resident's screen moves on. */
  confirmAssistedInvite: staff(
    'assisted:confirm-invite',
    z.strictObject({ inviteCode: z.string().min(1).max(40), check: identityCheckSchema }),
    nothing,
  ),
  /** 'Send a new code' for the step the resident is on (e-mail code, or the phone's text or call). */
  sendAssistedNewCode: staff('assisted:new-code', nothing, nothing),
  /** Switches the phone check between a text and a call (the same number). */
  switchAssistedPhoneMethod: staff('assisted:phone-method', z.strictObject({ method: phoneMethodSchema }), nothing),
  /** One display: 'Pass the screen to the resident' (the console is hidden until the PIN is given). */
  handOverScreen: staff('staff:hand-over', nothing, nothing),
  /** Pauses the resident's registration (their screen shows a neutral "paused" screen). */
  pauseAssisted: staff('assisted:pause', nothing, nothing),
  /** Resumes it where it was. */
  resumeAssisted: staff('assisted:resume', nothing, nothing),
  /** Ends the resident's session: their side is wiped exactly as 'Finish' does. */
  endAssisted: staff('assisted:end', nothing, nothing),
} as const;
