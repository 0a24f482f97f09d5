import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, protocol, safeStorage, session } from 'electron';
import { findPackageRoot, rendererDistDir } from '../appPaths.ts';
import { startKioskCore } from '../kioskCore.ts';
import type { KioskCore } from '../kioskCore.ts';
import { databaseFileIn, keyFileFor, readDeviceCredential, trainingStorage } from '../kioskStoragePaths.ts';
import { logEvent } from '../log.ts';
import { safeStorageKeyProvider } from '../store/safeStorageKeyProvider.ts';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol.ts';
import { forwardKioskEvents, registerKioskIpc } from './ipcBridge.ts';
import { endSessionWithPage } from './residentSessionGuard.ts';
import { claimSingleInstance } from './singleInstance.ts';
import { denyAllPermissions, hardenWebContents, kioskWindowOptions } from './windowHardening.ts';

// The Electron entry only wires parts together; each part is tested on its own in plain Node.
// Environment, set by IT: KIOSK_SERVICE_CATALOG (a service-definition file); KIOSK_COUNCIL_API_URL
// and KIOSK_DEVICE_CREDENTIAL_FILE (a real council API; without them the kiosk runs in training
// mode); KIOSK_KEY_FILE (a provisioned database key file instead of the OS keychain through
// safeStorage); KIOSK_WINDOWED=1 (a normal window instead of kiosk mode, for IT diagnosis).

let mainWindow: BrowserWindow | undefined;

function focusWindow(): void {
  if (mainWindow === undefined) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const packageRoot = findPackageRoot();
  const env = process.env;
  const councilUrl = env.KIOSK_COUNCIL_API_URL;
  const training = councilUrl ? undefined : await trainingStorage();
  const databasePath = training?.databasePath ?? databaseFileIn(app.getPath('userData'));
  const keyProvider =
    training?.keyProvider ??
    (env.KIOSK_KEY_FILE
      ? await keyFileFor(env.KIOSK_KEY_FILE, databasePath)
      : safeStorageKeyProvider({ safeStorage, wrappedKeyPath: `${databasePath}.key` }));
  const core: KioskCore = await startKioskCore({
    databasePath,
    keyProvider,
    ...(env.KIOSK_SERVICE_CATALOG ? { serviceCatalogPath: env.KIOSK_SERVICE_CATALOG } : {}),
    ...(councilUrl
      ? { councilApi: { baseUrl: councilUrl, deviceCredential: await readDeviceCredential(env.KIOSK_DEVICE_CREDENTIAL_FILE ?? '') } }
      : {}),
  });

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDistDir(packageRoot)));
  denyAllPermissions(session.defaultSession);
  registerKioskIpc(ipcMain, core.dispatcher);

  const window = new BrowserWindow(
    kioskWindowOptions(join(packageRoot, 'dist', 'preload', 'preload.cjs'), process.env.KIOSK_WINDOWED !== '1'),
  );
  mainWindow = window;
  hardenWebContents(window.webContents);
  endSessionWithPage(window.webContents, () => core.endResidentSession());
  const stopForwarding = forwardKioskEvents(core.events, window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    stopForwarding();
    mainWindow = undefined;
  });
  app.on('before-quit', () => void core.close().then(() => training?.remove()));
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

if (claimSingleInstance(app, focusWindow)) {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logEvent('electron.start_failed', { error: error instanceof Error ? error.name : 'unknown' });
      process.stderr.write(`Council Access Kiosk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    });
}
