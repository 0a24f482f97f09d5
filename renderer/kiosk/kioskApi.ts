import { createKioskClient } from '../../shared/kioskApi/kioskClient.ts';
import type { KioskApi } from '../../shared/kioskApi/kioskContract.ts';
import { createHttpTransport } from './httpTransport.ts';

declare global {
  interface Window {
    /** Set by Electron's preload; built here over HTTP in the web host. */
    kiosk?: KioskApi;
  }
}

/** The page was opened without a way to reach main: no preload and no token in the address. */
export class KioskNotConnectedError extends Error {
  override name = 'KioskNotConnectedError';
}

/**
 * Finds `window.kiosk`. Under Electron the preload has already exposed it. In the web host the
 * address carries `#token=…`: the token is read, removed from the address bar (so it is not
 * left on screen or in history), and `window.kiosk` is built over HTTP from the same contract.
 */
export function connectKiosk(): KioskApi {
  if (window.kiosk !== undefined) return window.kiosk;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token === null || token === '') {
    throw new KioskNotConnectedError('Open the kiosk with the address the web host printed');
  }
  window.history.replaceState(null, '', window.location.pathname);
  const kiosk = createKioskClient(createHttpTransport(token));
  window.kiosk = kiosk;
  return kiosk;
}

/** The connected kiosk API; stores call this, never `fetch` or IPC directly. */
export function useKiosk(): KioskApi {
  if (window.kiosk === undefined) throw new KioskNotConnectedError('The kiosk is not connected');
  return window.kiosk;
}
