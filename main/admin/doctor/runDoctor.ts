import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KioskConfig } from '../../../shared/kioskConfig.ts';
import { launchSettingsOf, logFileOptionsOf } from '../../config/kioskConfigParts.ts';
import { loadKioskConfig } from '../../config/loadKioskConfig.ts';
import type { LoadKioskConfigOptions, LoadedKioskConfig } from '../../config/loadKioskConfig.ts';
import { databaseFileIn, defaultDataDir, defaultKeyFile } from '../../kioskStoragePaths.ts';
import { checkCouncil } from './councilChecks.ts';
import { check, doctorReport } from './doctorCheck.ts';
import type { DoctorCheck, DoctorReport } from './doctorCheck.ts';
import { checkDatabase, checkFreeSpace, checkKeyFile, checkLogFolder } from './storageChecks.ts';

/** Where the doctor looks: the configuration's own sources, and this machine's clock. */
export interface DoctorOptions extends LoadKioskConfigOptions {
  /** The data folder when the configuration names none (the web host's default otherwise). */
  defaultDataDir?: string;
  now?: () => number;
  councilTimeoutMs?: number;
  /** Checks only the host can make (the Electron kiosk's displays, printer and keychain: `electronDoctorChecks`). */
  hostChecks?: (config: KioskConfig) => Promise<DoctorCheck[]>;
}

function configurationCheck(loaded: LoadedKioskConfig, live: boolean): DoctorCheck {
  const where = loaded.path ?? 'no configuration file (defaults)';
  const overridden = loaded.overrides.length > 0 ? `; overridden by ${loaded.overrides.map((one) => one.source).join(', ')}` : '';
  return check('configuration', 'pass', `${where} is valid (${live ? 'live' : 'training'})${overridden}`);
}

/**
 * Checks each part of an installed kiosk, as IT's detection scripts and a support call need:
 * the configuration, the database key and the database (read-only), the council (live mode),
 * free disk space and the log folder. Never writes to the kiosk's files. The kiosk should be
 * stopped for the database check (a running kiosk holds it exclusively).
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  let loaded: LoadedKioskConfig;
  try {
    loaded = await loadKioskConfig(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return doctorReport([
      check('configuration', 'fail', message, 'correct the configuration file (its JSON Schema is kiosk.schema.json) and run the doctor again'),
      check('other checks', 'skip', 'not run: they need a valid configuration'),
    ]);
  }
  const { config } = loaded;
  const launch = launchSettingsOf(config);
  const live = launch.mode === 'live' || launch.councilApiUrl !== undefined || launch.deviceCredentialFile !== undefined;
  const checks: DoctorCheck[] = [configurationCheck(loaded, live)];
  const dataDir = resolve(launch.dataDir ?? options.defaultDataDir ?? defaultDataDir(options.env));

  if (live) {
    const databasePath = databaseFileIn(dataDir);
    const keyFile = launch.keyFile ?? defaultKeyFile(options.env);
    const oldKeyFile = join(dataDir, 'kiosk-db.key');
    if (launch.keyFile === undefined && !existsSync(keyFile) && existsSync(`${databasePath}.key`)) {
      // The Electron kiosk's default: the key wrapped by the OS keychain, which only Electron can open.
      checks.push(check('key', 'skip', `${databasePath}.key is wrapped by the OS keychain, which only the kiosk itself can open`));
      checks.push(check('database', 'skip', `${databasePath} not checked: its key is in the OS keychain`));
    } else if (launch.keyFile === undefined && !existsSync(keyFile) && existsSync(oldKeyFile)) {
      checks.push(
        check('key', 'fail', `the key is in the data folder (${oldKeyFile}), where a copy of the folder carries its own key`, `move it to ${keyFile} (mode 0600, folder 0700), or name it with storage.keyFile`),
      );
      checks.push(check('database', 'skip', `${databasePath} not checked: its key is not where the kiosk looks`));
    } else if (!existsSync(keyFile) && !existsSync(databasePath)) {
      checks.push(check('key', 'pass', `no key file at ${keyFile} yet: the kiosk makes it (mode 0600) at first start`));
      checks.push(checkDatabase(databasePath, undefined));
    } else {
      const key = await checkKeyFile(keyFile);
      checks.push(key.result, checkDatabase(databasePath, key.key));
    }
    if (launch.councilApiUrl === undefined || launch.deviceCredentialFile === undefined) {
      const missing = launch.councilApiUrl === undefined ? 'council.apiUrl' : 'council.deviceCredentialFile';
      checks.push(check('council', 'fail', `live mode needs ${missing}, which is not set`, `set ${missing} in the configuration file`));
    } else {
      checks.push(
        ...(await checkCouncil({
          apiUrl: launch.councilApiUrl,
          deviceCredentialFile: launch.deviceCredentialFile,
          ...(options.now ? { now: options.now } : {}),
          ...(options.councilTimeoutMs !== undefined ? { timeoutMs: options.councilTimeoutMs } : {}),
        })),
      );
    }
  } else {
    checks.push(check('key', 'skip', 'training mode keeps its key in memory'));
    checks.push(check('database', 'skip', 'training mode keeps a temporary database, removed when the kiosk stops'));
    checks.push(check('council', 'skip', 'training mode uses the built-in council simulator'));
  }
  checks.push(await checkFreeSpace(dataDir), await checkLogFolder(logFileOptionsOf(config, dataDir).folder));
  if (options.hostChecks !== undefined) checks.push(...(await options.hostChecks(config)));
  return doctorReport(checks);
}
