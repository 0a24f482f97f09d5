import { z } from 'zod';
import { instantSchema, opaqueIdSchema, opaqueSecretSchema, serviceIdSchema } from './councilPrimitives.ts';

/**
 * Account setup (seed steps 12–13): the records the resident ticked and the consent they gave.
 * Designed to be delivered LATER by the kiosk's outbox, possibly days later and after a restart:
 * it is authorised only by the device credential and the single-use `setupGrant` (from sign-in
 * or account creation, valid 14 days), never by a registration session. The answer is a
 * reference for the resident's slip and the state `pending_activation`; the council activates
 * the account later (seed step 15) and `GET /v1/account-setups/{reference}` then says `active`.
 *
 * Delivery: `POST /v1/account-setups` with `Idempotency-Key` = one key per outbox entry, reused
 * on every retry. A replay answers the first result (201 and the same reference), so a setup is
 * created exactly once however often it is sent.
 */

/** The consent as the resident gave it on the kiosk. */
export const accountSetupConsentSchema = z.strictObject({
  /** The service definition's `consent.version` the resident saw. */
  version: z.string().min(1).max(40),
  /** The ids of the statements the resident ticked: all of the version's statements. */
  statementIds: z.array(z.string().min(1).max(40)).min(1).max(10),
  /** When the resident ticked them (the kiosk's clock, UTC). */
  givenAt: instantSchema,
});

/** The consent given for an account setup. */
export type AccountSetupConsent = z.infer<typeof accountSetupConsentSchema>;

/** `POST /v1/account-setups`. */
export const accountSetupRequestSchema = z.strictObject({
  setupGrant: opaqueSecretSchema,
  serviceId: serviceIdSchema,
  /** The records ticked: each must be one the invite grants. */
  recordIds: z.array(opaqueIdSchema).min(1).max(20),
  consent: accountSetupConsentSchema,
});

/** An account setup request. */
export type AccountSetupRequest = z.infer<typeof accountSetupRequestSchema>;

/** Where an account setup is. */
export const accountSetupStateSchema = z.enum(['pending_activation', 'active']);

/** An account setup's state. */
export type AccountSetupState = z.infer<typeof accountSetupStateSchema>;

/** A setup reference: short, upper case, printable on the resident's slip (`NCC-7KQ2-M9XD`). */
export const setupReferenceSchema = z.string().regex(/^[A-Z0-9-]{4,40}$/);

/** An account setup as the council holds it. */
export const accountSetupSchema = z.object({
  reference: setupReferenceSchema,
  state: accountSetupStateSchema,
  serviceId: serviceIdSchema,
  submittedAt: instantSchema,
  activatedAt: instantSchema.nullable(),
});

/** An account setup. */
export type AccountSetup = z.infer<typeof accountSetupSchema>;

/** Path parameters naming an account setup. */
export const accountSetupParamsSchema = z.strictObject({ reference: setupReferenceSchema });
