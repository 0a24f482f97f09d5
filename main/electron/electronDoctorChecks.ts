import type { PrinterInfo, SafeStorage } from 'electron';
import type { KioskConfig } from '../../shared/kioskConfig.ts';
import { check } from '../admin/doctor/doctorCheck.ts';
import type { DoctorCheck } from '../admin/doctor/doctorCheck.ts';
import { chooseDisplayLayout } from './displayLayout.ts';
import type { LayoutDisplay } from './displayLayout.ts';

/** What the Electron kiosk's `--doctor` passes in: Electron's own objects (so this runs in tests without Electron). */
export interface ElectronDoctorParts {
  displays: () => LayoutDisplay[];
  primaryDisplay: () => LayoutDisplay;
  printers: () => Promise<Pick<PrinterInfo, 'name'>[]>;
  safeStorage: Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'>;
  platform?: NodeJS.Platform;
}

/**
 * The checks only the Electron kiosk can make, for its `--doctor`: the displays (their ids, where
 * the staff and resident windows would go, and whether the staff display IT named is connected),
 * the printer IT named (installed), and the keychain backend that wraps the database key
 * (present, and on Linux not Chromium's `basic_text` stand-in).
 */
export async function electronDoctorChecks(config: KioskConfig, parts: ElectronDoctorParts): Promise<DoctorCheck[]> {
  const results: DoctorCheck[] = [displayCheck(config.staff.display, parts)];

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

/** The displays by id (IT writes one of them in `staff.display`), and where the kiosk's windows would go. */
function displayCheck(staffDisplayId: number | undefined, parts: Pick<ElectronDoctorParts, 'displays' | 'primaryDisplay'>): DoctorCheck {
  const displays = parts.displays();
  if (displays.length === 0) return check('displays', 'fail', '0 connected', 'connect a display');
  const primaryId = parts.primaryDisplay().id;
  const listed = displays
    .map((display) => `${display.id} (${display.bounds.width}×${display.bounds.height}${display.id === primaryId ? ', primary' : ''})`)
    .join(', ');
  const missing = staffDisplayId !== undefined && !displays.some((display) => display.id === staffDisplayId);
  // A missing staff display falls back to the primary, as the kiosk does (its log line is the kiosk's, not the doctor's).
  const layout = chooseDisplayLayout({ getAllDisplays: () => displays, getPrimaryDisplay: parts.primaryDisplay }, missing ? undefined : staffDisplayId);
  const placed =
    layout.staff === undefined
      ? `one window on ${layout.resident.id}, shared by staff and resident with hand-overs`
      : `the staff window on ${layout.staff.id}, the resident's on ${layout.resident.id}`;
  const found = `${displays.length} connected: ${listed}; ${placed}`;
  return missing
    ? check('displays', 'warn', `staff.display is ${staffDisplayId} but no connected display has that id; ${found}`, 'connect the staff display, or set staff.display to one of the ids listed')
    : check('displays', 'pass', found);
}
