import type { Session, WebContents } from 'electron';
import { logEvent } from '../log.ts';

/** The parts of Electron's session that hold what a page left behind. */
export type ResidentTraceStore = Pick<Session, 'clearStorageData' | 'clearCache' | 'clearAuthCache'>;

/**
 * Clears what the kiosk's Electron session may hold of a resident: every kind of web storage
 * and cookie, the HTTP cache, and HTTP authentication. The kiosk writes none of these on
 * purpose; this makes sure nothing is left whatever a page did.
 */
export async function clearResidentTraces(store: ResidentTraceStore): Promise<void> {
  await Promise.all([store.clearStorageData(), store.clearCache(), store.clearAuthCache()]);
}

/**
 * Ties a resident's session in main to the page that shows it: when the kiosk window's page is
 * replaced (the renderer's fresh start at every session end, a reload, any navigation), its
 * renderer process is gone (crash, killed), or the window's contents are destroyed, main ends
 * the resident's session at once and clears the Electron session's storage, cache and HTTP
 * authentication. A page can therefore never act on, or find, the previous resident's session.
 */
export function endSessionWithPage(contents: WebContents, endResidentSession: () => void): void {
  const end = (cause: string): void => {
    endResidentSession();
    clearResidentTraces(contents.session).catch((error: unknown) => {
      logEvent('electron.clear_traces_failed', { cause, error: error instanceof Error ? error.name : 'unknown' });
    });
  };
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) end('navigation');
  });
  contents.on('render-process-gone', () => end('render_process_gone'));
  contents.once('destroyed', () => endResidentSession());
}
