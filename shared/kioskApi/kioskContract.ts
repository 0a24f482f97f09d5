import { z } from 'zod';
import { idleSettingsSchema } from '../kioskConfig.ts';
import { serviceDefinitionSchema } from '../serviceDefinition.ts';
import { inviteCodeFormatSchema } from '../inviteCode.ts';
import { assistedMethods } from './assistedMethods.ts';
import { kioskMethod } from './kioskMethod.ts';
import type { KioskAudience } from './kioskMethod.ts';
import type { KioskResult } from './kioskResult.ts';
import { registrationMethods } from './registrationMethods.ts';
import { staffMethods } from './staffMethods.ts';
import { residentAssistSchema, staffViewSchema } from './staffView.ts';
import { trainingPhoneMethods } from './trainingPhoneMethods.ts';

/**
 * The kiosk API: everything the renderer may ask of main, and every event main pushes.
 *
 * Each method has a namespaced channel name, a zod schema for its one argument and one for its
 * value. Main validates every call against these schemas (`main/kioskApi/kioskDispatcher.ts`);
 * the renderer gets a typed `window.kiosk` built from the same object
 * (`shared/kioskApi/kioskClient.ts`), over IPC in Electron and over HTTP in the web host.
 */

const method = kioskMethod;

function event<P extends z.ZodType>(channel: string, payload: P, audience: KioskAudience) {
  return { channel, payload, audience };
}

/** What the welcome screen needs: the council and the services this kiosk offers. */
export const serviceListSchema = z.strictObject({
  council: z.strictObject({ name: z.string() }),
  services: z.array(serviceDefinitionSchema),
});

/** The state of the local outbox, pushed to the renderer whenever it changes. */
export const queueStatusSchema = z.strictObject({
  depth: z.number().int().nonnegative(),
  oldestWaitingSeconds: z.number().nonnegative().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  deadLetterCount: z.number().int().nonnegative(),
  online: z.boolean(),
  /** The kiosk's last save failed because its disk is full (until a save succeeds): staff must free space. */
  storageFull: z.boolean(),
  /**
   * What the kiosk knows of the council: `unknown` until an attempt since start (or since the
   * network came back) got an answer or none; `answering`; `failing` (it answers with errors);
   * `not_answering` (no answer: refused, reset or timed out). `online` is true only when
   * `answering`. Optional for hosts that predate it.
   */
  council: z.enum(['unknown', 'answering', 'failing', 'not_answering']).optional(),
});

/**
 * Which council this kiosk talks to: `training` (the embedded council API simulator: no real
 * accounts, and every screen says so) or `live`.
 */
export const kioskInfoSchema = z.strictObject({
  mode: z.enum(['training', 'live']),
  councilName: z.string(),
  /** Whether the slip can be printed here: a printer IT configured, connected now. */
  slipPrinter: z.boolean(),
  /** IT's idle times for the resident's screens (kiosk.json `idle`), bounds checked again here. */
  idle: idleSettingsSchema,
  /** Which page asked, as the host knows it: the resident's kiosk page, or the staff window. */
  page: z.enum(['kiosk', 'staff']),
  /** Whether the welcome screen shows the 'Staff' entry (IT's `staff.entry`, and no staff window of its own). */
  staffEntry: z.boolean(),
});

/** Every method of the kiosk API, by the name the renderer calls it with. */
export const kioskMethods = {
  /** The services on offer, for the welcome screen. */
  listServices: method('services:list', z.strictObject({}), serviceListSchema, 'any'),
  /** Checks the format of an invite code typed by the resident (not whether it exists). */
  checkInviteCodeFormat: method(
    'invite:check-format',
    z.strictObject({ code: z.string().max(200) }),
    inviteCodeFormatSchema,
  ),
  ...registrationMethods,
  ...assistedMethods,
  ...staffMethods,
  ...trainingPhoneMethods,
  /** Training or live, for the banner every screen shows in training; and whether a slip printer is there. */
  getKioskInfo: method('kiosk:info', z.strictObject({}), kioskInfoSchema, 'any'),
  /** Prints the slip on the printer IT configured, silently (no dialog); `printer_unavailable` without one. */
  printSlip: method('slip:print', z.strictObject({}), z.strictObject({})),
} as const;

/** Every event main may push to the renderer. */
export const kioskEvents = {
  queueStatus: event('queue:status', queueStatusSchema, 'any'),
  /** Assisted mode, as the caseworker's console shows it (never a password, code value or full address). */
  staffView: event('staff:view', staffViewSchema, 'staff'),
  /** Assisted mode, as the resident's page needs it: who helps, the registration to join, paused. */
  residentAssist: event('assisted:resident', residentAssistSchema, 'resident'),
} as const;

/** Name of a kiosk API method. */
export type KioskMethodName = keyof typeof kioskMethods;
/** Name of a kiosk API event. */
export type KioskEventName = keyof typeof kioskEvents;
/** What a caller passes to a method (before zod defaults). */
export type KioskMethodInput<K extends KioskMethodName> = z.input<(typeof kioskMethods)[K]['input']>;
/** What a method's handler receives (after zod parsing). */
export type KioskMethodArgs<K extends KioskMethodName> = z.output<(typeof kioskMethods)[K]['input']>;
/** What a method resolves to. */
export type KioskMethodOutput<K extends KioskMethodName> = z.output<(typeof kioskMethods)[K]['output']>;
/** What an event carries. */
export type KioskEventPayload<E extends KioskEventName> = z.output<(typeof kioskEvents)[E]['payload']>;

/** A call's argument or value as a screen sees it: the session handle stays inside the kiosk client. */
export type WithoutSessionHandle<T> = T extends { session: unknown } ? Omit<T, 'session'> : T;

/** The methods half of `KioskApi`: a method whose fields are all optional may be called without an argument. */
export type KioskMethodsApi = {
  [K in KioskMethodName]: Record<string, never> extends WithoutSessionHandle<KioskMethodInput<K>>
    ? (input?: WithoutSessionHandle<KioskMethodInput<K>>) => Promise<KioskResult<WithoutSessionHandle<KioskMethodOutput<K>>>>
    : (input: WithoutSessionHandle<KioskMethodInput<K>>) => Promise<KioskResult<WithoutSessionHandle<KioskMethodOutput<K>>>>;
};

/** `window.kiosk`: the one object through which the renderer reaches main. */
export interface KioskApi extends KioskMethodsApi {
  /** Listens to an event; returns a function that stops listening. */
  on<E extends KioskEventName>(event: E, listener: (payload: KioskEventPayload<E>) => void): () => void;
}

/** Looks a method up by its channel name; `undefined` for a channel not in the contract. */
export function methodNameForChannel(channel: string): KioskMethodName | undefined {
  return (Object.keys(kioskMethods) as KioskMethodName[]).find((name) => kioskMethods[name].channel === channel);
}
