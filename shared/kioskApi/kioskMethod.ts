import type { z } from 'zod';

/**
 * Who may call a kiosk API method, or receive an event:
 * - `resident`: the resident's kiosk page (the public screen);
 * - `staff`: a caseworker's page (the staff window, or the kiosk page while a caseworker holds
 *   it on a one-display kiosk); main also checks the staff session's state;
 * - `any`: both.
 */
export type KioskAudience = 'resident' | 'staff' | 'any';

/**
 * Which page a call came from, as the host knows it (never as the page says):
 * - `kiosk`: the resident's page. On a one-display kiosk it is also where a caseworker signs in,
 *   and it may then make staff calls while the caseworker holds the screen.
 * - `staff`: the staff window (Electron's second display, or the web host's staff address).
 */
export type PageRole = 'kiosk' | 'staff';

/** One kiosk API method: channel name, argument and value schemas, and who may call it. */
export interface KioskMethodDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  channel: string;
  input: I;
  output: O;
  audience: KioskAudience;
}

/** Defines one method of the kiosk API (resident by default). */
export function kioskMethod<I extends z.ZodType, O extends z.ZodType>(
  channel: string,
  input: I,
  output: O,
  audience: KioskAudience = 'resident',
): KioskMethodDefinition<I, O> {
  return { channel, input, output, audience };
}
