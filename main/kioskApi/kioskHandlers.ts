import { checkInviteCodeFormat } from '../../shared/inviteCode.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { KioskHandlers } from './kioskDispatcher.ts';

/** What the kiosk API handlers work with. */
export interface KioskHandlerDeps {
  catalog: ServiceCatalog;
}

/** The kiosk API's behaviour: each handler is short and delegates to a part that does the work. */
export function createKioskHandlers(deps: KioskHandlerDeps): KioskHandlers {
  return {
    listServices: () => ({ council: deps.catalog.council, services: deps.catalog.services }),
    checkInviteCodeFormat: ({ code }) => checkInviteCodeFormat(code),
  };
}
