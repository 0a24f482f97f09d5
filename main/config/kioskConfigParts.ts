import { join } from 'node:path';
import type { KioskConfig } from '../../shared/kioskConfig.ts';
import { launchOptionsOf } from '../kioskLaunch.ts';
import type { KioskLaunchOptions } from '../kioskLaunch.ts';
import type { LogFileOptions } from '../log.ts';

/**
 * What each part of the kiosk takes from the validated configuration, so the hosts wire
 * `loadKioskConfig()` in without knowing its layout.
 */

/** The launch settings, as the launch options both hosts resolve (unset ones are left out). */
export function launchSettingsOf(config: KioskConfig): KioskLaunchOptions {
  return launchOptionsOf({
    mode: config.mode,
    councilApiUrl: config.council?.apiUrl,
    deviceCredentialFile: config.council?.deviceCredentialFile,
    dataDir: config.storage?.dataDir,
    keyFile: config.storage?.keyFile,
    serviceCatalogPath: config.serviceDefinitions,
    printerName: config.printer,
  });
}

/** The sync engine's pacing (SyncEngineOptions' names and units). */
export function syncPacingOf(config: KioskConfig): { requestsPerSecond: number; concurrency: number; startJitterMs: number } {
  return { requestsPerSecond: config.sync.requestsPerSecond, concurrency: config.sync.concurrency, startJitterMs: config.sync.startJitterSeconds * 1000 };
}

/** The log file: IT's folder, or `logs` in the data folder the host chose. */
export function logFileOptionsOf(config: KioskConfig, dataDir: string): LogFileOptions {
  return {
    folder: config.log.folder ?? join(dataDir, 'logs'),
    maxFileBytes: config.log.maxFileMegabytes * 1024 * 1024,
    files: config.log.files,
    ...(config.deviceName !== undefined ? { deviceName: config.deviceName } : {}),
  };
}
