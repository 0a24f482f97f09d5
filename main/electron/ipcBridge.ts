import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { kioskMethods } from '../../shared/kioskApi/kioskContract.ts';
import { fail } from '../../shared/kioskApi/kioskResult.ts';
import type { KioskDispatcher } from '../kioskApi/kioskDispatcher.ts';
import type { KioskEventHub } from '../kioskApi/kioskEventHub.ts';
import { logEvent } from '../log.ts';
import { APP_ORIGIN } from './appProtocol.ts';

/**
 * True when an IPC call comes from the kiosk page itself: the top frame, loaded from the
 * `app://kiosk` origin. Calls from any other frame (an injected iframe, a page navigated
 * elsewhere) are refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Serves every channel of the contract over `ipcMain.handle`, through the one dispatcher. */
export function registerKioskIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatcher: KioskDispatcher): void {
  for (const { channel } of Object.values(kioskMethods)) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        logEvent('electron.ipc_untrusted_sender', { channel });
        return fail('forbidden', 'This frame may not use the kiosk API');
      }
      return dispatcher.dispatch(channel, input);
    });
  }
}

/** Forwards main's events to the kiosk window; returns a function that stops forwarding. */
export function forwardKioskEvents(events: KioskEventHub, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  return events.subscribe((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  });
}
