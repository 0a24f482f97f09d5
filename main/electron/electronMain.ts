import { join } from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, safeStorage, screen, session } from 'electron';
import { findPackageRoot, rendererDistDir } from '../appPaths.ts';
import { launchSettingsOf, logFileOptionsOf, syncPacingOf } from '../config/kioskConfigParts.ts';
import { loadKioskConfig } from '../config/loadKioskConfig.ts';
import { ELECTRON_SETTING_NAMES, electronLaunchOptions, resolveKioskLaunch, startKioskLaunch } from '../kioskLaunch.ts';
import { closeLogFile, logEvent, openLogFile } from '../log.ts';
import { safeStorageKeyProvider } from './safeStorageKeyProvider.ts';
import { isDoctorStart, runElectronDoctor } from './electronDoctor.ts';
import { watchKioskUse } from './kioskUseWatcher.ts';
import { startKioskUpdater } from '../updates/kioskUpdater.ts';
import type { KioskUpdater } from '../updates/kioskUpdater.ts';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol.ts';
import { pageEventFilter, registerKioskIpc } from './ipcBridge.ts';
import { claimSingleInstance } from './singleInstance.ts';
import { logChildProcessesGone } from './crashRecovery.ts';
import { electronSlipPrinter } from './electronSlipPrinter.ts';
import { KioskDisplays } from './kioskDisplays.ts';
import type { StaffDesk } from './kioskDisplays.ts';
import { openKioskPageWindow } from './kioskPageWindow.ts';
import type { KioskPageWindowParts } from './kioskPageWindow.ts';
import { KioskExitGate, isDiagnosticStart, quitOnItSignals } from './kioskWindowLock.ts';
import { denyAllPermissions, hardenWebContents } from './windowHardening.ts';

// The Electron entry only wires parts together; each part is tested on its own in plain Node.
// Environment, set by IT: KIOSK_SERVICE_CATALOG (a service-definition file); KIOSK_COUNCIL_API_URL
// and KIOSK_DEVICE_CREDENTIAL_FILE (a real council API, both or neither; with neither, or with
// --training, the kiosk runs in training mode); KIOSK_KEY_FILE (a provisioned database key file
// instead of the OS keychain through safeStorage); KIOSK_PRINTER (the slip printer's name).
// The choices are made by `resolveKioskLaunch`, as in the web host. KIOSK_DIAGNOSTIC=1 or
// --diagnostic (IT only): a normal window with developer tools, which may be closed. Otherwise the
// kiosk can be left only by SIGTERM/SIGINT (the service manager, or IT's shell), which is logged.
// kiosk.json `staff.display` (a display id) places the staff window when two displays are attached.

let displays: KioskDisplays<BrowserWindow> | undefined;
const diagnostic = isDiagnosticStart(process.env, process.argv);
const exitGate = new KioskExitGate(diagnostic);

function focusWindow(): void {
  const window = displays?.resident;
  if (window === undefined) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function start(): Promise<void> {
  const packageRoot = findPackageRoot();
  // IT's kiosk.json first (a bad file stops the kiosk here, naming the setting); the environment
  // and the command line override it setting by setting.
  const loaded = await loadKioskConfig();
  const plan = resolveKioskLaunch({ ...launchSettingsOf(loaded.config), ...electronLaunchOptions(process.env, process.argv) }, {
    defaultDataDir: app.getPath('userData'),
    defaultKey: 'keychain',
    names: ELECTRON_SETTING_NAMES,
  });
  await openLogFile(logFileOptionsOf(loaded.config, app.getPath('userData')));
  logEvent('kiosk.config_loaded', { path: loaded.path, mode: plan.mode });
  const kiosk = await startKioskLaunch(plan, {
    keychainKeyProvider: (wrappedKeyPath) => safeStorageKeyProvider({ safeStorage, wrappedKeyPath }),
    core: {
      slipPrinter: electronSlipPrinter(() => displays?.resident.webContents, plan.printerName),
      idle: loaded.config.idle,
      // Training delivers at once to its own simulator; a live kiosk paces itself as IT set.
      ...(plan.mode === 'live' ? { sync: syncPacingOf(loaded.config) } : {}),
    },
  });
  const { core } = kiosk;
  // Main's services close before the process ends, and only when it really ends (a refused
  // close of the window cancels the quit, and the kiosk goes on).
  let closed = false;
  let updater: KioskUpdater | undefined;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    updater?.stop();
    displays?.stop();
    void kiosk
      .close()
      .then(() => closeLogFile())
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDistDir(packageRoot)));
  denyAllPermissions(session.defaultSession);
  registerKioskIpc(ipcMain, core.dispatcher, (contentsId) => displays?.pageOf(contentsId));
  // No application menu: with it go Electron's default shortcuts (close, quit, reload, devtools,
  // zoom, full screen); the shortcut filter catches the rest.
  Menu.setApplicationMenu(null);

  // Main's desk for the windows: until the core keeps assisted mode's displays, each page gets
  // the events of its own role, and the desk is not told of the staff window.
  const desk: StaffDesk = { setStaffWindow: () => undefined, eventFilterFor: pageEventFilter };
  const windowParts: KioskPageWindowParts = {
    BrowserWindow,
    preloadPath: join(packageRoot, 'dist', 'preload', 'preload.cjs'),
    diagnostic,
    exitGate,
    pages: { welcome: WELCOME_URL, outOfOrder: OUT_OF_ORDER_URL },
    events: core.events,
    eventFilterFor: (page) => desk.eventFilterFor(page),
    endResidentSession: () => core.endResidentSession(),
  };
  displays = new KioskDisplays({
    screen,
    staffDisplayId: loaded.config.staff.display,
    openWindow: (page, display) => openKioskPageWindow(windowParts, page, display),
    desk,
  });
  const window = displays.resident;
  // Updates only when IT named a server (electron-updater is loaded only then), installed only at
  // the welcome screen with nobody using the kiosk (the update policy decides, each minute).
  const updateUrl = loaded.config.updates.url;
  if (updateUrl !== undefined) {
    const { default: electronUpdater } = await import('electron-updater');
    const use = watchKioskUse(window.webContents, () => core.openSessions().sessions);
    updater = startKioskUpdater({ updater: electronUpdater.autoUpdater, use, updateUrl, installHour: loaded.config.updates.hour });
    logEvent('update.enabled', {});
  }
}

const WELCOME_URL = `${APP_ORIGIN}/index.html`;
const OUT_OF_ORDER_URL = `${APP_ORIGIN}/out-of-order.html`;

/**
 * `--doctor [--json]`: IT's checks, printed, then exit 0 or 1; nothing of the kiosk starts, and it
 * runs beside a running kiosk (before the single-instance lock, which would hand it to that kiosk).
 * The printer list needs a page: a hidden one is made only when IT named a printer, never shown.
 */
async function doctor(): Promise<void> {
  let probe: BrowserWindow | undefined;
  const code = await runElectronDoctor({
    argv: process.argv,
    defaultDataDir: app.getPath('userData'),
    displays: () => screen.getAllDisplays(),
    primaryDisplay: () => screen.getPrimaryDisplay(),
    printers: () => {
      probe ??= new BrowserWindow({ show: false });
      return probe.webContents.getPrintersAsync();
    },
    safeStorage,
    write: (text) => process.stdout.write(text),
  }).finally(() => probe?.destroy());
  app.exit(code);
}

if (isDoctorStart(process.argv)) {
  app
    .whenReady()
    .then(doctor)
    .catch((error: unknown) => {
      process.stderr.write(`Council Access Kiosk doctor could not run: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    });
} else if (claimSingleInstance(app, focusWindow)) {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  logChildProcessesGone(app);
  quitOnItSignals(process, exitGate, () => app.quit(), () => BrowserWindow.getAllWindows());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logEvent('electron.start_failed', { error: error instanceof Error ? error.name : 'unknown' });
      process.stderr.write(`Council Access Kiosk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    });
}
