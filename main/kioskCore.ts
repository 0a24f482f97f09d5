import { createKioskDispatcher } from './kioskApi/kioskDispatcher.ts';
import type { KioskDispatcher } from './kioskApi/kioskDispatcher.ts';
import { KioskEventHub } from './kioskApi/kioskEventHub.ts';
import { createKioskHandlers } from './kioskApi/kioskHandlers.ts';
import { loadServiceCatalog } from './services/serviceCatalogFile.ts';

/** Where the kiosk reads its configuration from. */
export interface KioskCoreOptions {
  /** Path of the service-definition file; the shipped Norfolk example when absent. */
  serviceCatalogPath?: string;
}

/** Main's services, independent of the host (Electron or the web host) that exposes them. */
export interface KioskCore {
  dispatcher: KioskDispatcher;
  events: KioskEventHub;
  close(): Promise<void>;
}

/** Starts main's services. Fails with a clear error if configuration is unusable. */
export async function startKioskCore(options: KioskCoreOptions = {}): Promise<KioskCore> {
  const catalog = await loadServiceCatalog(options.serviceCatalogPath);
  const events = new KioskEventHub();
  const dispatcher = createKioskDispatcher(createKioskHandlers({ catalog }));
  return {
    dispatcher,
    events,
    async close() {},
  };
}
