import { runDoctor } from '../admin/doctor/runDoctor.ts';
import { formatDoctorReport } from '../admin/doctor/doctorCheck.ts';
import { electronDoctorChecks } from './electronDoctorChecks.ts';
import type { ElectronDoctorParts } from './electronDoctorChecks.ts';

/** Whether the packaged app was started as `--doctor` (IT's check, not the kiosk). */
export function isDoctorStart(argv: readonly string[]): boolean {
  return argv.includes('--doctor');
}

/** What the packaged app's `--doctor` is run with: Electron's objects, its data folder, and where to print. */
export interface ElectronDoctorRun extends ElectronDoctorParts {
  argv: readonly string[];
  /** The Electron kiosk's data folder (its user-data folder) when the configuration names none. */
  defaultDataDir: string;
  write: (text: string) => void;
}

/**
 * The packaged app's `--doctor [--json]`: the same checks as `npm run admin -- doctor` plus the
 * ones only Electron can make (displays, printer, keychain backend), one line per check (or the
 * JSON report), and the exit status IT's detection scripts read: 0 when the kiosk can run, 1 when
 * not. The kiosk itself does not start: no window, no database opened for writing.
 */
export async function runElectronDoctor(run: ElectronDoctorRun): Promise<0 | 1> {
  const report = await runDoctor({ defaultDataDir: run.defaultDataDir, hostChecks: (config) => electronDoctorChecks(config, run) });
  run.write(run.argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
  return report.ok ? 0 : 1;
}
