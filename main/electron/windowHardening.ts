import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { logEvent } from '../log.ts';
import { APP_ORIGIN } from './appProtocol.ts';

/**
 * The kiosk window's options, following Electron's security checklist: context isolation, the
 * renderer sandbox, no Node integration, web security on, no `<webview>`, and only our preload.
 * `kiosk` mode makes the window full-screen with no way out to the desktop.
 */
export function kioskWindowOptions(preloadPath: string, kiosk: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 900,
    kiosk,
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
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
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
export type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** Refuses every permission (camera, microphone, location, notifications, …): the kiosk needs none. */
export function denyAllPermissions(session: LockableSession): void {
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
