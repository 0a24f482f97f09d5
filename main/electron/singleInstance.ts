import type { App } from 'electron';

/**
 * Makes sure only one kiosk runs on a machine: a second launch (a double-click, a scheduled task)
 * quits at once and brings the first one's window to the front instead. Returns false in the
 * second instance, which must then not start anything.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  focusExisting: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusExisting());
  return true;
}
