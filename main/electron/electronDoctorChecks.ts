import type { Display, PrinterInfo, SafeStorage } from 'electron';
import type { KioskConfig } from '../../shared/kioskConfig.ts';
import { check } from '../admin/doctor/doctorCheck.ts';
import type { DoctorCheck } from '../admin/doctor/doctorCheck.ts';

/** What the Electron kiosk's `--doctor` passes in: Electron's own objects (so this runs in tests without Electron). */
export interface ElectronDoctorParts {
  displays: () => Pick<Display, 'id' | 'size'>[];
  printers: () => Promise<Pick<PrinterInfo, 'name'>[]>;
  safeStorage: Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'>;
  platform?: NodeJS.Platform;
}

/**
 * The checks only the Electron kiosk can make, for its `--doctor`: the displays (the staff's
 * display exists), the printer IT named (installed), and the keychain backend that wraps the
 * database key (present, and on Linux not Chromium's `basic_text` stand-in).
 */
export async function electronDoctorChecks(config: KioskConfig, parts: ElectronDoctorParts): Promise<DoctorCheck[]> {
  const results: DoctorCheck[] = [];
  const displays = parts.displays();
  const sizes = displays.map((display) => `${display.size.width}×${display.size.height}`).join(', ');
  if (config.staff.display !== undefined && config.staff.display >= displays.length) {
    results.push(
      check('displays', 'fail', `staff.display is ${config.staff.display} but ${displays.length} display${displays.length === 1 ? ' is' : 's are'} connected (${sizes})`, 'connect the staff display, or correct staff.display (displays count from 0)'),
    );
  } else {
    results.push(check('displays', displays.length === 0 ? 'fail' : 'pass', `${displays.length} connected (${sizes || 'none'})`, ...(displays.length === 0 ? ['connect a display'] : [])));
  }

  if (config.printer === undefined) {
    results.push(check('printer', 'skip', 'no printer configured: the slip screen says printing is not available'));
  } else {
    const installed = (await parts.printers()).map((printer) => printer.name);
    results.push(
      installed.includes(config.printer)
        ? check('printer', 'pass', `"${config.printer}" is installed`)
        : check('printer', 'fail', `"${config.printer}" is not installed (installed: ${installed.map((name) => `"${name}"`).join(', ') || 'none'})`, 'install the printer, or set printer to one of the installed names'),
    );
  }

  if (config.storage?.keyFile !== undefined) {
    results.push(check('keychain', 'skip', 'the database key is a key file (storage.keyFile), not the keychain'));
  } else if (!(await parts.safeStorage.isAsyncEncryptionAvailable())) {
    results.push(check('keychain', 'fail', 'the OS keychain cannot wrap the database key', 'sign in a keychain for the kiosk account, or provision a key file (storage.keyFile)'));
  } else if ((parts.platform ?? process.platform) === 'linux') {
    const backend = parts.safeStorage.getSelectedStorageBackend();
    results.push(
      backend === 'basic_text' || backend === 'unknown'
        ? check('keychain', 'fail', `the keychain backend is "${backend}", which does not protect the key`, 'install and unlock a Secret Service keyring (gnome-keyring) for the kiosk account, or provision a key file (storage.keyFile)')
        : check('keychain', 'pass', `the keychain backend is "${backend}"`),
    );
  } else {
    results.push(check('keychain', 'pass', 'the OS keychain wraps the database key'));
  }
  return results;
}
