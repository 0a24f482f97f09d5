import { describe, expect, it } from 'vitest';
import { electronDoctorChecks } from '../../../main/electron/electronDoctorChecks.ts';
import { runDoctor } from '../../../main/admin/doctor/runDoctor.ts';
import type { ElectronDoctorParts } from '../../../main/electron/electronDoctorChecks.ts';
import { kioskConfigSchema } from '../../../shared/kioskConfig.ts';

// Electron cannot start here: its screen, printers and safeStorage are passed in as plain objects
// of Electron's own types, as the Electron kiosk's --doctor passes the real ones.

function parts(overrides: Partial<ElectronDoctorParts> & { backend?: ReturnType<ElectronDoctorParts['safeStorage']['getSelectedStorageBackend']>; keychain?: boolean } = {}): ElectronDoctorParts {
  return {
    displays: () => [{ id: 1, size: { width: 1920, height: 1080 } }],
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

  it('fails a missing staff display, a printer that is not installed, and the basic_text keychain', async () => {
    const checks = await electronDoctorChecks(kioskConfigSchema.parse({ printer: 'Front desk', staff: { display: 1 } }), parts({ backend: 'basic_text' }));
    expect(checks.find((one) => one.name === 'displays')?.detail).toBe('staff.display is 1 but 1 display is connected (1920×1080)');
    expect(checks.find((one) => one.name === 'printer')?.detail).toBe('"Front desk" is not installed (installed: "Library-Slip-Printer")');
    expect(statusOf(checks, 'keychain')).toBe('fail');
    expect(checks.every((one) => one.status === 'fail')).toBe(true);
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
