import { describe, expect, it } from 'vitest';
import { electronDoctorChecks } from '../../../main/electron/electronDoctorChecks.ts';
import { runDoctor } from '../../../main/admin/doctor/runDoctor.ts';
import type { ElectronDoctorParts } from '../../../main/electron/electronDoctorChecks.ts';
import { kioskConfigSchema } from '../../../shared/kioskConfig.ts';
import { DESK, LAPTOP } from './electronFakes.ts';

// Electron cannot start here: its screen, printers and safeStorage are passed in as plain objects
// of Electron's own types, as the Electron kiosk's --doctor passes the real ones.

function parts(overrides: Partial<ElectronDoctorParts> & { backend?: ReturnType<ElectronDoctorParts['safeStorage']['getSelectedStorageBackend']>; keychain?: boolean } = {}): ElectronDoctorParts {
  return {
    displays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
    primaryDisplay: () => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }),
    printers: () => Promise.resolve([{ name: 'Library-Slip-Printer' }]),
    safeStorage: { isAsyncEncryptionAvailable: () => Promise.resolve(overrides.keychain ?? true), getSelectedStorageBackend: () => overrides.backend ?? 'gnome_libsecret' },
    platform: 'linux',
    ...overrides,
  };
}

function statusOf(checks: { name: string; status: string }[], name: string): string | undefined {
  return checks.find((one) => one.name === name)?.status;
}

describe('Electron doctor checks', () => {
  it('passes one display, the configured printer and a real keychain', async () => {
    const checks = await electronDoctorChecks(kioskConfigSchema.parse({ printer: 'Library-Slip-Printer' }), parts());
    expect(checks.map((one) => [one.name, one.status])).toEqual([
      ['displays', 'pass'],
      ['printer', 'pass'],
      ['keychain', 'pass'],
    ]);
  });

  it('fails a printer that is not installed and the basic_text keychain', async () => {
    const checks = await electronDoctorChecks(kioskConfigSchema.parse({ printer: 'Front desk' }), parts({ backend: 'basic_text' }));
    expect(checks.find((one) => one.name === 'printer')?.detail).toBe('"Front desk" is not installed (installed: "Library-Slip-Printer")');
    expect(statusOf(checks, 'keychain')).toBe('fail');
    expect(checks.filter((one) => one.status === 'fail').map((one) => one.name)).toEqual(['printer', 'keychain']);
  });

  const twoDisplays: Partial<ElectronDoctorParts> = {
    displays: () => [LAPTOP, DESK],
    primaryDisplay: () => LAPTOP,
  };
  const twoListed = '2 connected: 2528732444 (1920×1080, primary), 2779098405 (1280×800)';

  it('lists the displays by id and says which takes the staff window: IT\'s, or the primary', async () => {
    const chosen = await electronDoctorChecks(kioskConfigSchema.parse({ staff: { display: 2779098405 } }), parts(twoDisplays));
    expect(chosen[0]).toEqual({
      name: 'displays',
      status: 'pass',
      detail: `${twoListed}; the staff window on 2779098405, the resident's on 2528732444`,
    });
    const primary = await electronDoctorChecks(kioskConfigSchema.parse({}), parts(twoDisplays));
    expect(primary[0]?.detail).toMatch(/; the staff window on 2528732444, the resident's on 2779098405$/);
    const one = await electronDoctorChecks(kioskConfigSchema.parse({}), parts());
    expect(one[0]?.detail).toBe('1 connected: 1 (1920×1080, primary); one window on 1, shared by staff and resident with hand-overs');
  });

  it('warns when the staff display IT named is not connected (the kiosk uses the primary), and fails with no display', async () => {
    const checks = await electronDoctorChecks(kioskConfigSchema.parse({ staff: { display: 7 } }), parts(twoDisplays));
    expect(checks[0]).toMatchObject({
      status: 'warn',
      detail: `staff.display is 7 but no connected display has that id; ${twoListed}; the staff window on 2528732444, the resident's on 2779098405`,
      remedy: 'connect the staff display, or set staff.display to one of the ids listed',
    });
    const none = await electronDoctorChecks(kioskConfigSchema.parse({}), parts({ displays: () => [] }));
    expect(none[0]).toMatchObject({ status: 'fail', detail: '0 connected', remedy: 'connect a display' });
  });

  it('skips the printer and keychain when none is configured or a key file is used', async () => {
    const checks = await electronDoctorChecks(kioskConfigSchema.parse({ storage: { keyFile: '/etc/council-access-kiosk/kiosk-db.key' } }), parts({ keychain: false }));
    expect(statusOf(checks, 'printer')).toBe('skip');
    expect(statusOf(checks, 'keychain')).toBe('skip');
    const noKeychain = await electronDoctorChecks(kioskConfigSchema.parse({}), parts({ keychain: false, platform: 'win32' }));
    expect(statusOf(noKeychain, 'keychain')).toBe('fail');
  });

  it('joins the doctor\'s report when the Electron kiosk passes them in', async () => {
    const report = await runDoctor({ env: {}, platform: 'win32', hostChecks: (config) => electronDoctorChecks(config, parts({ backend: 'basic_text' })) });
    expect(report.checks.map((one) => one.name).slice(-3)).toEqual(['displays', 'printer', 'keychain']);
    expect(report.ok).toBe(false);
  });
});
