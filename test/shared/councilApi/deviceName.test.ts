import { describe, expect, it } from 'vitest';
import { cleanDeviceName, DEVICE_NAME_MAX_LENGTH, deviceNameSchema } from '../../../shared/councilApi/deviceName.ts';

describe('cleanDeviceName', () => {
  it('keeps an allowed name as it is', () => {
    expect(cleanDeviceName('training kiosk-01.norfolk:a@b+c_d')).toBe('training kiosk-01.norfolk:a@b+c_d');
  });

  it('replaces characters the council refuses and cuts to the council limit', () => {
    expect(cleanDeviceName('Café/Library #2')).toBe('Caf--Library -2');
    const long = cleanDeviceName(`training ${'h'.repeat(200)}`);
    expect(long).toHaveLength(DEVICE_NAME_MAX_LENGTH);
    expect(long.startsWith('training hhh')).toBe(true);
  });

  it('always gives a name the council schema accepts (when there is any name at all)', () => {
    for (const raw of ['a', 'ünïcödé', '😀 kiosk', 'x'.repeat(500), 'tab\there']) {
      expect(deviceNameSchema.safeParse(cleanDeviceName(raw)).success, raw).toBe(true);
    }
    expect(deviceNameSchema.safeParse('x'.repeat(DEVICE_NAME_MAX_LENGTH + 1)).success).toBe(false);
  });
});
