import { z } from 'zod';
import { serviceIdSchema } from '../councilApi/councilPrimitives.ts';
import { kioskMethod } from './kioskMethod.ts';
import { invitationSummarySchema, sessionHandleSchema } from './registrationMethods.ts';
import { residentFieldSchema } from './staffView.ts';

/**
 * The resident's side of assisted mode. A caseworker starts the registration from the console;
 * the resident's page joins it (and so gets its session handle, kept by the kiosk client like
 * `startRegistration`'s), then takes the invitation once the caseworker has confirmed the code.
 */
export const assistedMethods = {
  /** Joins the registration the caseworker started (`no_assisted_session` when there is none to join). */
  joinAssisted: kioskMethod(
    'assisted:join',
    z.strictObject({}),
    z.strictObject({ session: sessionHandleSchema, serviceId: serviceIdSchema, helperName: z.string().max(120) }),
  ),
  /** The invitation, once the caseworker confirmed the code (`step_out_of_order` before). */
  getAssistedInvitation: kioskMethod('assisted:invitation', z.strictObject({ session: sessionHandleSchema }), invitationSummarySchema),
  /** The resident is typing in this field (null: stopped), so the caseworker can follow along; never the value. */
  noteResidentTyping: kioskMethod(
    'assisted:typing',
    z.strictObject({ session: sessionHandleSchema, field: residentFieldSchema.nullable() }),
    z.strictObject({}),
  ),
} as const;
