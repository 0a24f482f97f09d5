import { createKioskClient } from '../../shared/kioskApi/kioskClient.ts';
import type { KioskApi } from '../../shared/kioskApi/kioskContract.ts';
import { createHttpTransport } from './httpTransport.ts';

declare global {
  interface Window {
    /** Set by Electron's preload; built here over HTTP in the web host. */
    kiosk?: KioskApi;
  }
}

/** The page was opened without a way to reach main: no preload, and no kiosk cookie. */
export class KioskNotConnectedError extends Error {
  override name = 'KioskNotConnectedError';
}

/**
 * Finds `window.kiosk`. Under Electron the preload has already exposed it. In the web host it is
 * built over HTTP from the same contract, and one call checks that the web host admits this
 * browser (it has the kiosk cookie, set when the printed address was opened); a reload or Back
 * and Forward keep the cookie, so the kiosk keeps working.
 */
export async function connectKiosk(): Promise<KioskApi> {
  if (window.kiosk !== undefined) return window.kiosk;
  const kiosk = createKioskClient(createHttpTransport());
  const probe = await kiosk.getKioskInfo();
  if (!probe.ok) throw new KioskNotConnectedError('Open the kiosk with the address the web host printed');
  window.kiosk = kiosk;
  return kiosk;
}

/** The connected kiosk API; stores call this, never `fetch` or IPC directly. */
export function useKiosk(): KioskApi {
  if (window.kiosk === undefined) throw new KioskNotConnectedError('The kiosk is not connected');
  return window.kiosk;
}
