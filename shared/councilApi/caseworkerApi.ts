import { z } from 'zod';
import {
  instantSchema,
  inviteCodeInputSchema,
  maskedNameSchema,
  opaqueIdSchema,
  opaqueSecretSchema,
  serviceIdSchema,
} from './councilPrimitives.ts';
import { invitationRecordSchema, invitationStateSchema } from './inviteApi.ts';

/**
 * Caseworkers (assisted mode). A caseworker signs in on the kiosk and receives a token sent as
 * `X-Caseworker-Token` on staff-only endpoints: the day's invites, and confirming an invite code
 * the resident reads out to them (seed step 2), which needs no e-mail address.
 */

/** `POST /v1/caseworker-sessions`: a caseworker signs in. */
export const caseworkerSignInRequestSchema = z.strictObject({
  staffId: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/),
  password: z.string().min(1).max(256),
});

/** A caseworker sign-in request. */
export type CaseworkerSignInRequest = z.infer<typeof caseworkerSignInRequestSchema>;

/** A signed-in caseworker: the token lasts a working day (`COUNCIL_RULES.caseworkerSessionSeconds`). */
export const caseworkerSessionSchema = z.object({
  caseworkerToken: opaqueSecretSchema,
  staffId: z.string().min(1).max(60),
  displayName: z.string().min(1).max(120),
  expiresAt: instantSchema,
});

/** A caseworker session. */
export type CaseworkerSession = z.infer<typeof caseworkerSessionSchema>;

/** One invite on the caseworker's list: masked, since the kiosk screen may be seen by others. */
export const caseworkerInviteSchema = z.object({
  inviteId: opaqueIdSchema,
  serviceId: serviceIdSchema,
  state: invitationStateSchema,
  /** The resident the invite was sent to, masked ("J*** S****"). */
  residentMaskedName: maskedNameSchema,
  /** The address it was sent to, masked ("j*******@example.org"). */
  maskedEmail: z.string().min(1).max(254),
  records: z.array(invitationRecordSchema).min(1).max(20),
  sentAt: instantSchema,
  expiresAt: instantSchema,
});

/** An invite on the caseworker's list. */
export type CaseworkerInvite = z.infer<typeof caseworkerInviteSchema>;

/** `GET /v1/caseworker/invites`: the caseworker's invites still open today, newest first. */
export const caseworkerInviteListSchema = z.object({
  /** The council's date (YYYY-MM-DD, UTC) the list is for. */
  date: z.iso.date(),
  invites: z.array(caseworkerInviteSchema).max(500),
});

/** The caseworker's invite list. */
export type CaseworkerInviteList = z.infer<typeof caseworkerInviteListSchema>;

/** `POST /v1/caseworker/invite-confirmations`: the caseworker confirms the code the resident read out. */
export const caseworkerInviteConfirmationRequestSchema = z.strictObject({
  inviteCode: inviteCodeInputSchema,
});

/** A staff-confirmed invite request. */
export type CaseworkerInviteConfirmationRequest = z.infer<typeof caseworkerInviteConfirmationRequestSchema>;

/**
 * `POST /v1/caseworker-device-authorizations`: sign-in approved on the caseworker's own work
 * device, so no staff password is typed on a public machine. The OAuth 2.0 device authorization
 * grant (RFC 8628 §3.1–3.2), in this API's JSON and camelCase: `deviceCode` is RFC 8628's
 * `device_code` (the kiosk's secret, never shown), `userCode` the short code the kiosk shows,
 * `verificationUri`/`verificationUriComplete` where the caseworker approves it (the latter as a
 * QR code), `expiresIn` and `interval` in seconds.
 */
export const caseworkerDeviceAuthorizationRequestSchema = z.strictObject({});

/** A device authorization waiting for the caseworker's approval. */
export const caseworkerDeviceAuthorizationSchema = z.object({
  deviceCode: opaqueSecretSchema,
  /** RFC 8628 §6.1: eight letters without vowels, grouped 4-4 ("WDJB-MJHT"). */
  userCode: z.string().min(4).max(20),
  verificationUri: z.url(),
  verificationUriComplete: z.url(),
  expiresIn: z.number().int().positive().max(3600),
  interval: z.number().int().positive().max(60),
});

/** A device authorization waiting for approval. */
export type CaseworkerDeviceAuthorization = z.infer<typeof caseworkerDeviceAuthorizationSchema>;

/**
 * `POST /v1/caseworker-device-authorizations/token`: the kiosk polls, no faster than `interval`
 * (RFC 8628 §3.4–3.5). Answers the caseworker session once approved; until then the problems
 * `authorization_pending`, `slow_down` (poll 5 seconds slower), `access_denied` or
 * `expired_token` (start again).
 */
export const caseworkerDeviceTokenRequestSchema = z.strictObject({ deviceCode: opaqueSecretSchema });

/** A device token request. */
export type CaseworkerDeviceTokenRequest = z.infer<typeof caseworkerDeviceTokenRequestSchema>;
