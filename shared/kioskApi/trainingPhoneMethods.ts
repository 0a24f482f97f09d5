import { z } from 'zod';
import { trainingChannelSchema } from '../councilApi/trainingApi.ts';
import { kioskMethod } from './kioskMethod.ts';

/**
 * The training phone and inbox: what the simulator "sent" to the resident in front of the kiosk,
 * shown at the kiosk in training mode (on the staff display in assisted mode, behind a 'Training
 * phone' button in self-service). Training codes are not secrets: they open nothing real. Live,
 * both methods answer `not_training`.
 */

/** One message on the training phone: an e-mail, a text, or a call. */
export const trainingPhoneMessageSchema = z.strictObject({
  messageId: z.string().max(100),
  channel: trainingChannelSchema,
  /** Who it went to: the e-mail address or phone number (practice data: the address a trainee signs up with). */
  recipient: z.string().max(254),
  /** The e-mail's title; "Text message" or "Phone call". */
  title: z.string().max(200),
  /** The code it carries (invite code, 6-digit code), or null. */
  code: z.string().max(40).nullable(),
  body: z.string().max(4000),
  sentAt: z.iso.datetime(),
  /** For calls: its id, for the keypad, and whether it still waits for a key. */
  call: z.strictObject({ callId: z.string().max(100), state: z.enum(['ringing', 'answered', 'confirmed', 'no_answer', 'failed']) }).nullable(),
});

/** A message on the training phone. */
export type TrainingPhoneMessage = z.infer<typeof trainingPhoneMessageSchema>;

/** The training phone's methods, spread into `kioskMethods`. */
export const trainingPhoneMethods = {
  /**
   * Messages to this resident's e-mail address and phone number, newest first. Before the
   * resident's address is known (self-service, before the invite is confirmed), the practice
   * invitations of the training council, so a trainee has a code to type.
   */
  getTrainingPhone: kioskMethod('training:phone', z.strictObject({}), z.strictObject({ messages: z.array(trainingPhoneMessageSchema).max(200) }), 'any'),
  /** A key pressed on the training phone's keypad during a call ('#' confirms). */
  pressTrainingPhoneKey: kioskMethod(
    'training:phone-key',
    z.strictObject({ callId: z.string().min(1).max(100), key: z.string().regex(/^[0-9*#]$/) }),
    z.strictObject({ state: z.enum(['ringing', 'answered', 'confirmed', 'no_answer', 'failed']) }),
    'any',
  ),
} as const;
