import { z } from 'zod';
import {
  emailSchema,
  instantSchema,
  inviteCodeInputSchema,
  maskedNameSchema,
  opaqueIdSchema,
  opaqueSecretSchema,
  serviceIdSchema,
} from './councilPrimitives.ts';

/**
 * Invites (seed steps 1–3). The worker's 'Set up your … Account' e-mail carries a unique code;
 * confirming it (with the resident's e-mail address, or by a caseworker) returns the invitation
 * and opens a short-lived registration session. Every resident-bound live step afterwards (sign
 * in, e-mail verification, create account, phone enrolment) carries that session's id in
 * `X-Registration-Session`; it lasts `COUNCIL_RULES.registrationSessionSeconds` and confirming
 * the same invite again opens a fresh one (the resident can resume later).
 */

/** Where an invite is in its life. `used` and `expired` are final. */
export const invitationStateSchema = z.enum(['sent', 'confirmed', 'used', 'expired']);

/** An invitation's state. */
export type InvitationState = z.infer<typeof invitationStateSchema>;

/** A record the invite grants access to, named only in masked form. */
export const invitationRecordSchema = z.object({
  recordId: opaqueIdSchema,
  maskedName: maskedNameSchema,
});

/** A record an invite grants access to. */
export type InvitationRecord = z.infer<typeof invitationRecordSchema>;

/** An invitation: which service, which records, its state. */
export const invitationSchema = z.object({
  inviteId: opaqueIdSchema,
  serviceId: serviceIdSchema,
  state: invitationStateSchema,
  records: z.array(invitationRecordSchema).min(1).max(20),
  expiresAt: instantSchema,
});

/** An invitation. */
export type Invitation = z.infer<typeof invitationSchema>;

/** `POST /v1/invite-confirmations` (self-service): the code and the address it was sent to. */
export const inviteConfirmationRequestSchema = z.strictObject({
  inviteCode: inviteCodeInputSchema,
  email: emailSchema,
});

/** A self-service invite confirmation request. */
export type InviteConfirmationRequest = z.infer<typeof inviteConfirmationRequestSchema>;

/** A confirmed invite: the invitation and the registration session for the live steps. */
export const inviteConfirmationSchema = z.object({
  registrationSessionId: opaqueSecretSchema,
  registrationSessionExpiresAt: instantSchema,
  invitation: invitationSchema,
});

/** A confirmed invite. */
export type InviteConfirmation = z.infer<typeof inviteConfirmationSchema>;
