import { describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { StaffPin } from '../../../main/staff/staffPin.ts';

describe('StaffPin', () => {
  it('matches the chosen PIN and nothing else', async () => {
    const pin = await StaffPin.choose('482913');
    expect(await pin.matches('482913')).toBe(true);
    for (const wrong of ['482914', '48291', '4829130', '', ' 482913', 'abcdef']) expect(await pin.matches(wrong), wrong).toBe(false);
  });

  it('salts each hash: the same PIN chosen twice is two different secrets', async () => {
    const first = await StaffPin.choose('1234');
    const second = await StaffPin.choose('1234');
    expect(await first.matches('1234')).toBe(true);
    expect(await second.matches('1234')).toBe(true);
    // Nothing of the PIN is readable off the object: its fields are private and not serialised.
    expect(JSON.stringify(first)).toBe('{}');
    expect(Object.keys(first)).toEqual([]);
  });

  it('refuses a PIN that is not 4 to 8 digits', async () => {
    for (const bad of ['123', '123456789', '12a4', '', '１２３４']) {
      const error = await StaffPin.choose(bad).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, bad).toBeInstanceOf(KioskCallError);
      expect((error as KioskCallError).code).toBe('invalid_input');
    }
  });
});
