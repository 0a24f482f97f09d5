import { z } from 'zod';
import { deviceNameSchema } from './deviceName.ts';
import { instantSchema, opaqueIdSchema, opaqueSecretSchema, serviceIdSchema } from './councilPrimitives.ts';

/**
 * Kiosks and sites. A kiosk enrols once, with a one-time token IT gets from the council, and
 * receives a device credential it then sends on every request (`Authorization: Bearer …`). The
 * site configuration says which services this kiosk may offer and which consent wording the
 * council currently accepts for each.
 */

/** `POST /v1/devices`: enrol this kiosk with a one-time token. */
export const deviceEnrolmentRequestSchema = z.strictObject({
  enrolmentToken: z.string().min(8).max(200),
  /** A label for IT, such as the machine's host name. Not personal data. */
  deviceName: deviceNameSchema,
});

/** A device enrolment request. */
export type DeviceEnrolmentRequest = z.infer<typeof deviceEnrolmentRequestSchema>;

/** The device credential: keep it secret; it authorises every later call. */
export const deviceEnrolmentSchema = z.object({
  deviceId: opaqueIdSchema,
  credential: opaqueSecretSchema,
  siteId: opaqueIdSchema,
  enrolledAt: instantSchema,
});

/** The answer to a device enrolment. */
export type DeviceEnrolment = z.infer<typeof deviceEnrolmentSchema>;

/** One service this site offers, with the consent the council currently accepts for it. */
export const siteServiceSchema = z.object({
  serviceId: serviceIdSchema,
  consentVersion: z.string().min(1).max(40),
  consentStatementIds: z.array(z.string().min(1).max(40)).min(1).max(10),
});

/** A service a site offers. */
export type SiteService = z.infer<typeof siteServiceSchema>;

/** `GET /v1/site`: the site this device belongs to and the services it offers. */
export const siteConfigurationSchema = z.object({
  siteId: opaqueIdSchema,
  siteName: z.string().min(1).max(120),
  councilName: z.string().min(1).max(120),
  /** Whether caseworkers may sign in at this site (assisted mode). */
  assistedModeAllowed: z.boolean(),
  services: z.array(siteServiceSchema).max(20),
});

/** A site's configuration. */
export type SiteConfiguration = z.infer<typeof siteConfigurationSchema>;
