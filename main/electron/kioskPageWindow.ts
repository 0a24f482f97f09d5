import type { BrowserWindow } from 'electron';
import type { PageRole } from '../../shared/kioskApi/kioskMethod.ts';
import type { KioskEventFilter, KioskEventHub } from '../kioskApi/kioskEventHub.ts';
import { logEvent } from '../log.ts';
import { recoverFromCrashes } from './crashRecovery.ts';
import type { RecoveryPages } from './crashRecovery.ts';
import type { LayoutDisplay } from './displayLayout.ts';
import { forwardKioskEvents } from './ipcBridge.ts';
import { filterKioskShortcuts } from './kioskShortcuts.ts';
import { lockKioskWindow } from './kioskWindowLock.ts';
import type { KioskExitGate } from './kioskWindowLock.ts';
import { endSessionWithPage } from './residentSessionGuard.ts';
import { createKioskWindow, hardenWebContents } from './windowHardening.ts';
import type { KioskWindowClass } from './windowHardening.ts';

/** What every kiosk window is opened with, whichever page it shows. */
export interface KioskPageWindowParts {
  BrowserWindow: KioskWindowClass;
  preloadPath: string;
  diagnostic: boolean;
  exitGate: KioskExitGate;
  /** The kiosk page (both roles load it; the page asks main for its role) and the "out of order" page. */
  pages: RecoveryPages;
  events: KioskEventHub;
  /** Main's rule for which events a page receives (asked at every event, so it follows the desk). */
  eventFilterFor(page: PageRole): KioskEventFilter;
  /** Ends the resident's session in main (when the resident's page is replaced or gone). */
  endResidentSession(): void;
}

/**
 * Opens one kiosk window on `display`, for the resident's page (`kiosk`) or the staff window
 * (`staff`), hardened the same way for both: the checklist window, no way out of the page, the
 * shortcut filter, the close/minimise lock, and crash recovery. Both load the same kiosk page;
 * the page learns its role from main (`getKioskInfo`), which knows it by the window, never from
 * its address. The resident's page also ends the resident's session when it goes. Main's events
 * are forwarded to the window, only those its page may receive, until it closes.
 */
export function openKioskPageWindow(parts: KioskPageWindowParts, page: PageRole, display: LayoutDisplay): BrowserWindow {
  const window = createKioskWindow(parts.BrowserWindow, parts.preloadPath, parts.diagnostic, display.bounds);
  hardenWebContents(window.webContents);
  filterKioskShortcuts(window.webContents, { diagnostic: parts.diagnostic });
  lockKioskWindow(window, parts.exitGate);
  recoverFromCrashes(window, window.webContents, parts.pages);
  if (page === 'kiosk') endSessionWithPage(window.webContents, () => parts.endResidentSession());
  const stopForwarding = forwardKioskEvents(parts.events, window.webContents, parts.eventFilterFor(page));
  window.once('ready-to-show', () => window.show());
  window.on('closed', stopForwarding);
  window.loadURL(parts.pages.welcome).catch((error: unknown) => {
    logEvent('electron.page_load_failed', { page, error: error instanceof Error ? error.name : 'unknown' });
  });
  return window;
}
