import { z } from 'zod';

/**
 * The kinds of value a log field may hold. Every event in the catalogue declares its fields with
 * these, so a log line can carry counts, flags and machine names, never a resident's words.
 *
 * Shape rules alone cannot tell a machine code from a surname, so every string kind also refuses
 * anything that looks like personal data a resident types or is sent: an e-mail address, a phone
 * number, a one-time code or an invite code. Events with a closed set of values use `oneOf`.
 */

/** Why a string looks like a resident's data, or undefined when it does not. */
export function personalDataShape(value: string): string | undefined {
  if (value.includes('@')) return 'looks like an e-mail address';
  if (/\+?\d(?:[\s-]?\d){6,}/.test(value)) return 'looks like a phone number';
  if (/\d{4,}/.test(value)) return 'looks like a one-time code';
  // Invite codes: 12 characters of the invite alphabet (no 0, 1, O, I), often in groups of four.
  const compact = value.toUpperCase().replace(/[\s-]/g, '');
  if (/(?:^|[^2-9A-HJ-NP-Z])(?=[2-9A-HJ-NP-Z]*\d)(?=[2-9A-HJ-NP-Z]*[A-Z])[2-9A-HJ-NP-Z]{12}(?:$|[^2-9A-HJ-NP-Z])/.test(compact)) {
    return 'looks like an invite code';
  }
  return undefined;
}

/** A zod check refusing personal-data shapes in `prepare(value)` (the part a resident could have typed). */
function refusePersonalData(prepare: (value: string) => string = (value) => value) {
  return (value: string, context: z.RefinementCtx): void => {
    const shape = personalDataShape(prepare(value));
    if (shape !== undefined) context.addIssue({ code: 'custom', message: shape });
  };
}

/** A count, size, port, sequence number, HTTP status or duration. */
export const count = z.number().nonnegative();

/** A process exit code (negative on some platforms). */
export const exitCode = z.number().int();

/** A yes/no fact. */
export const flag = z.boolean();

/** A machine name: an error code, a channel or operation name, an HTTP method, an error's class name. */
export const machineName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,79}$/, 'is not a machine name')
  .superRefine(refusePersonalData());

/** An origin (`https://host:port`) of an address the kiosk refused to open; never a path or query. */
export const origin = z
  .string()
  .regex(/^(?:null|[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.[\]:-]{1,253}(?::\d{1,5})?)$/, 'is not an origin')
  // The port is a number the kiosk chose; the host is what a page could have put there.
  .superRefine(refusePersonalData((value) => value.replace(/:\d{1,5}$/, '')));

/**
 * An absolute file or folder path chosen by IT (the data folder, a moved-aside database): Windows
 * paths may hold spaces, so the path must at least be absolute, which a typed answer is not. The
 * timestamp the kiosk itself adds to a moved-aside file (`…unreadable-20260101T120000Z`) is allowed.
 */
export const itPath = z
  .string()
  .max(400)
  .regex(/^(?:\/|[A-Za-z]:\\|\\\\)[^\p{Cc}]*$/u, 'is not an absolute path')
  .superRefine(refusePersonalData((value) => value.replace(/\d{8}T\d{6}Z/g, 'stamp')));

/**
 * An identifier the kiosk made itself: a UUID, or a registration's local id (base-36 start time,
 * a hyphen and a counter: `mi4x9k2a-3`). Neither shape can hold what a resident typed.
 */
export const kioskId = z.union([z.uuid(), z.string().regex(/^[a-z0-9]{1,12}-\d{1,9}$/, 'is not a kiosk id')]);

/** One of a closed set of machine words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values);
}
