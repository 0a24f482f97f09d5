import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { startKioskCore } from './kioskCore.ts';
import type { KioskCore, KioskCoreOptions } from './kioskCore.ts';
import { databaseFileIn, keyFileFor, readDeviceCredential, refuseKeyLeftInDataFolder, trainingStorage } from './kioskStoragePaths.ts';
import type { KeyProvider } from './store/databaseKey.ts';

/**
 * How a kiosk was asked to run, whatever told it: the web host's flags, the Electron kiosk's
 * environment, or IT's configuration file. Every field is optional; `resolveKioskLaunch` decides.
 */
export interface KioskLaunchOptions {
  /** `training` (`--training`) or `live` asked for explicitly; decided from the rest when absent. */
  mode?: 'training' | 'live';
  /** The council API's address (live). */
  councilApiUrl?: string;
  /** The file holding this kiosk's device credential (live). */
  deviceCredentialFile?: string;
  /** Where the live database lives; the host's own folder when absent. */
  dataDir?: string;
  /** A provisioned database key file; the host's default key when absent. */
  keyFile?: string;
  /** A service-definition file; the shipped Norfolk example when absent. */
  serviceCatalogPath?: string;
  /** Developer flag: accept an `http:` council address on a loopback host (a local simulator). */
  allowInsecureLoopback?: boolean;
  /** The slip printer IT chose, by the name the OS gives it (Electron only). */
  printerName?: string;
}

/** The setting names a host's user knows, so a refusal names what they typed or set. */
export type KioskLaunchSettingNames = Record<'mode' | 'councilApiUrl' | 'deviceCredentialFile' | 'allowInsecureLoopback', string>;

/** What differs between hosts: their data folder, their default database key, their setting names. */
export interface KioskLaunchHost {
  /** The data folder when `dataDir` is not given. */
  defaultDataDir: string;
  /**
   * The database key when `keyFile` is not given: a key file outside the data folder (made on
   * first start; see `defaultKeyFile`) or `keychain` (the OS keychain, wrapping a key kept beside
   * the database).
   */
  defaultKey: { keyFile: string } | 'keychain';
  names: KioskLaunchSettingNames;
}

/** Where the live database key comes from. */
export type KioskKeySource =
  /** `oldDataDir`: the host's default key file, so an earlier version's key left in that data folder is refused by name. */
  | { kind: 'key-file'; path: string; oldDataDir?: string }
  | { kind: 'keychain'; wrappedKeyPath: string };

/** What both modes carry. */
export interface KioskLaunchCommon {
  serviceCatalogPath?: string;
  printerName?: string;
}

/** The resolved launch: training, or live with every setting it needs. */
export type KioskLaunchPlan =
  | (KioskLaunchCommon & { mode: 'training' })
  | (KioskLaunchCommon & {
      mode: 'live';
      councilApiUrl: string;
      deviceCredentialFile: string;
      databasePath: string;
      key: KioskKeySource;
    });

/** A launch refused before anything started: the message says what is wrong and what to do. */
export class KioskLaunchError extends Error {
  override readonly name = 'KioskLaunchError';
}

/** The Electron kiosk's environment variables and command-line switches, as launch options. */
export const ELECTRON_SETTING_NAMES: KioskLaunchSettingNames = {
  mode: '--training',
  councilApiUrl: 'KIOSK_COUNCIL_API_URL',
  deviceCredentialFile: 'KIOSK_DEVICE_CREDENTIAL_FILE',
  allowInsecureLoopback: '--allow-insecure-loopback',
};

/** The web host's command-line flags. */
export const WEB_HOST_SETTING_NAMES: KioskLaunchSettingNames = {
  mode: '--training',
  councilApiUrl: '--council-api',
  deviceCredentialFile: '--device-credential-file',
  allowInsecureLoopback: '--allow-insecure-loopback',
};

/** Launch options from values that may be unset (flags, variables): unset ones are left out. */
export function launchOptionsOf(values: { [K in keyof KioskLaunchOptions]?: KioskLaunchOptions[K] | undefined }): KioskLaunchOptions {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
}

/**
 * The Electron kiosk's launch options: `KIOSK_COUNCIL_API_URL`, `KIOSK_DEVICE_CREDENTIAL_FILE`,
 * `KIOSK_KEY_FILE`, `KIOSK_SERVICE_CATALOG`, `KIOSK_PRINTER` from the environment, `--training` and
 * `--allow-insecure-loopback` from the command line. Empty variables count as unset.
 */
export function electronLaunchOptions(env: NodeJS.ProcessEnv, argv: readonly string[]): KioskLaunchOptions {
  return launchOptionsOf({
    mode: argv.includes('--training') ? 'training' : undefined,
    councilApiUrl: env.KIOSK_COUNCIL_API_URL,
    deviceCredentialFile: env.KIOSK_DEVICE_CREDENTIAL_FILE,
    keyFile: env.KIOSK_KEY_FILE,
    serviceCatalogPath: env.KIOSK_SERVICE_CATALOG,
    allowInsecureLoopback: argv.includes('--allow-insecure-loopback') ? true : undefined,
    printerName: env.KIOSK_PRINTER,
  });
}

/**
 * Decides how the kiosk runs, once, for both hosts. Training only when asked for, or when nothing
 * live is configured at all (so a first `npm start` works and every screen says training). Some
 * live settings without the rest, training asked for beside live settings, or live asked for
 * without its settings: refused, naming what is missing. A live council address must be `https:`
 * (`http:` only on a loopback host, with the developer flag). A live kiosk never falls back to
 * training. Pure apart from resolving relative paths against the working folder.
 */
export function resolveKioskLaunch(options: KioskLaunchOptions, host: KioskLaunchHost): KioskLaunchPlan {
  const { names } = host;
  const catalog: KioskLaunchCommon = {
    ...(options.serviceCatalogPath !== undefined ? { serviceCatalogPath: resolve(options.serviceCatalogPath) } : {}),
    ...(options.printerName !== undefined ? { printerName: options.printerName } : {}),
  };
  const given = (['councilApiUrl', 'deviceCredentialFile'] as const).filter((name) => options[name] !== undefined);
  if (options.mode === 'training') {
    if (given.length > 0) {
      throw new KioskLaunchError(
        `${names.mode} asks for training, but ${given.map((name) => names[name]).join(' and ')} ${given.length > 1 ? 'are' : 'is'} set for a live council. ` +
          `Remove one or the other: a kiosk is either training or live.`,
      );
    }
    return { mode: 'training', ...catalog };
  }
  if (given.length === 0 && options.mode === undefined) return { mode: 'training', ...catalog };

  const missing = (['councilApiUrl', 'deviceCredentialFile'] as const).filter((name) => options[name] === undefined);
  if (missing.length > 0) {
    throw new KioskLaunchError(
      `This kiosk is configured for a live council but ${missing.map((name) => names[name]).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. ` +
        `Set ${missing.length > 1 ? 'them' : 'it'} (IT: see "For council IT" in the README), or run ${names.mode} with no live settings at all.`,
    );
  }
  const councilApiUrl = checkCouncilAddress(options.councilApiUrl ?? '', options.allowInsecureLoopback === true, names);
  const dataDir = resolve(options.dataDir ?? host.defaultDataDir);
  const databasePath = databaseFileIn(dataDir);
  const key: KioskKeySource =
    options.keyFile !== undefined
      ? { kind: 'key-file', path: resolve(options.keyFile) }
      : host.defaultKey === 'keychain'
        ? { kind: 'keychain', wrappedKeyPath: `${databasePath}.key` }
        : { kind: 'key-file', path: resolve(host.defaultKey.keyFile), oldDataDir: dataDir };
  return { mode: 'live', councilApiUrl, deviceCredentialFile: resolve(options.deviceCredentialFile ?? ''), databasePath, key, ...catalog };
}

/**
 * A live council address, normalised: `https:` always; `http:` only for a loopback host
 * (127.0.0.0/8, ::1, localhost) and only with the developer flag, for a simulator on this machine.
 */
function checkCouncilAddress(raw: string, allowInsecureLoopback: boolean, names: KioskLaunchSettingNames): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KioskLaunchError(`${names.councilApiUrl} "${raw.slice(0, 200)}" is not an address. Give the council API's https:// address.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new KioskLaunchError(`${names.councilApiUrl} must not carry a user name or password; the kiosk proves itself with its device credential.`);
  }
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    if (allowInsecureLoopback) return url.href;
    throw new KioskLaunchError(
      `${names.councilApiUrl} ${url.origin} is plain http:. A live kiosk talks to the council only over https:. ` +
        `For a council API simulator on this machine, a developer may add ${names.allowInsecureLoopback}.`,
    );
  }
  throw new KioskLaunchError(
    `${names.councilApiUrl} ${url.protocol}//${url.host} is not https:. A live kiosk talks to the council only over https: ` +
      `(residents' details cross the network): give the council API's https:// address.`,
  );
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}

/** A started kiosk: its core, the plan it runs, and how to stop it (removing training data). */
export interface LaunchedKiosk {
  plan: KioskLaunchPlan;
  core: KioskCore;
  close(): Promise<void>;
}

/** What a host adds when starting: the OS keychain's key provider and slip printer (Electron), core tuning (tests). */
export interface KioskLaunchParts {
  /** The key provider for a `keychain` key; a host without one refuses such a plan. */
  keychainKeyProvider?: (wrappedKeyPath: string) => KeyProvider;
  core?: Pick<KioskCoreOptions, 'sync' | 'deliveryWaitMs' | 'slipPrinter' | 'idle' | 'staff'>;
}

/**
 * Starts the kiosk core a plan describes. Training: a fresh encrypted database in a temporary
 * folder with an in-memory key, removed on close (and if start-up fails). Live: the database in
 * the data folder, its key from the key file (made on the very first start) or the keychain, and
 * the device credential read from its file.
 */
export async function startKioskLaunch(plan: KioskLaunchPlan, parts: KioskLaunchParts = {}): Promise<LaunchedKiosk> {
  const catalog = plan.serviceCatalogPath !== undefined ? { serviceCatalogPath: plan.serviceCatalogPath } : {};
  if (plan.mode === 'training') {
    const training = await trainingStorage();
    const core = await startKioskCore({ ...parts.core, ...catalog, databasePath: training.databasePath, keyProvider: training.keyProvider }).catch(
      async (error: unknown) => {
        await training.remove();
        throw error;
      },
    );
    return { plan, core, close: () => core.close().finally(() => training.remove()) };
  }
  const deviceCredential = await readDeviceCredential(plan.deviceCredentialFile).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new KioskLaunchError(
      `The device credential file ${plan.deviceCredentialFile} cannot be read (${code}). ` +
        `IT: enrol the kiosk (npm run admin -- enrol … --out FILE) and point the kiosk at that file.`,
      { cause: error },
    );
  });
  const keyProvider = await liveKeyProvider(plan, parts);
  const core = await startKioskCore({
    ...parts.core,
    ...catalog,
    databasePath: plan.databasePath,
    keyProvider,
    councilApi: { baseUrl: plan.councilApiUrl, deviceCredential },
  });
  return { plan, core, close: () => core.close() };
}

async function liveKeyProvider(plan: Extract<KioskLaunchPlan, { mode: 'live' }>, parts: KioskLaunchParts): Promise<KeyProvider> {
  if (plan.key.kind === 'key-file') {
    if (plan.key.oldDataDir !== undefined) {
      try {
        refuseKeyLeftInDataFolder(plan.key.path, plan.key.oldDataDir);
      } catch (error) {
        throw new KioskLaunchError((error as Error).message);
      }
    }
    return keyFileFor(plan.key.path, plan.databasePath);
  }
  if (parts.keychainKeyProvider === undefined) {
    throw new KioskLaunchError('This host has no OS keychain for the database key: give a key file instead.');
  }
  return parts.keychainKeyProvider(plan.key.wrappedKeyPath);
}
