import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Session, WebContents } from 'electron';
import { logEvent } from '../log.ts';
import { APP_ORIGIN } from './appProtocol.ts';

/** Electron's `BrowserWindow` class, passed in so the window's creation is testable in Node. */
export type KioskWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/**
 * Creates the kiosk window. Every security setting is written out here, at the `new
 * BrowserWindow({...})` call itself, where auditors and their scanners (Electronegativity) look:
 * Electron's security checklist (context isolation, the renderer sandbox, no Node integration,
 * web security on, no `<webview>`, only our preload), no middle-click (`auxclick`) new windows,
 * and no developer tools. Outside diagnostic mode the window is in `kiosk` mode (full screen, no
 * way out to the desktop) and cannot be minimised, resized, moved or closed; diagnostic mode
 * (IT only) gives a normal window with the developer tools. `on`: the display area the window
 * opens on (kiosk mode then covers that display); absent: wherever the system puts it.
 */
export function createKioskWindow(BrowserWindow: KioskWindowClass, preloadPath: string, diagnostic: boolean, on?: Rectangle): BrowserWindow {
  return new BrowserWindow({
    ...(on !== undefined ? { x: on.x, y: on.y } : {}),
    width: 1280,
    height: 900,
    kiosk: !diagnostic,
    fullscreenable: true,
    minimizable: diagnostic,
    maximizable: diagnostic,
    resizable: diagnostic,
    movable: diagnostic,
    closable: diagnostic,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'Council Access Kiosk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: diagnostic,
      spellcheck: false,
      safeDialogs: true,
    },
  });
}

/** The parts of `WebContents` that hardening touches. */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Denies every way out of the kiosk page: navigation and redirects to anywhere but the kiosk's
 * own origin, new windows, and `<webview>` attachment. Each refusal is logged for IT (the
 * target's origin only, never a full URL, which might carry personal data).
 */
export function hardenWebContents(contents: HardenableContents): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (originOf(url) !== APP_ORIGIN) {
      event.preventDefault();
      logEvent('electron.navigation_denied', { origin: originOf(url) });
    }
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    logEvent('electron.window_open_denied', { origin: originOf(url) });
    return { action: 'deny' };
  });
}

/** The parts of `Session` that permission lockdown touches. */
export type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on'>;

/**
 * Refuses every permission (camera, microphone, location, notifications, …): the kiosk needs
 * none. Refuses every download too, so no link can open a save-file dialog.
 */
export function denyAllPermissions(session: LockableSession): void {
  session.on('will-download', (event) => {
    event.preventDefault();
    logEvent('electron.download_denied', {});
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logEvent('electron.permission_denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'invalid';
  }
}
