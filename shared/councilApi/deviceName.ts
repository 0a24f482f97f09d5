import { z } from 'zod';

/** The longest device name the council accepts. */
export const DEVICE_NAME_MAX_LENGTH = 80;

/** A kiosk's label for IT, such as the machine's host name: letters, digits and ` _.:@+-`. Not personal data. */
export const deviceNameSchema = z.string().regex(new RegExp(`^[\\w .:@+-]{1,${DEVICE_NAME_MAX_LENGTH}}$`));

/**
 * Makes any text (a host name, a name IT typed) a device name the council accepts: every
 * character outside the allowed set becomes '-', and the result is cut to 80 characters.
 */
export function cleanDeviceName(raw: string): string {
  return raw.replace(/[^\w .:@+-]/g, '-').slice(0, DEVICE_NAME_MAX_LENGTH);
}
