import type { KioskConfig } from '../../shared/kioskConfig.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import type { KioskEventHub } from '../kioskApi/kioskEventHub.ts';
import type { AssistedParts } from '../kioskApi/kioskHandlers.ts';
import type { RegistrationSession } from '../registration/registrationSession.ts';
import { StaffSession } from '../staff/staffSession.ts';
import { TrainingPhone } from '../training/trainingPhone.ts';
import type { AssistedConfirmationAudit } from './assistedDesk.ts';
import { AssistedDesk } from './assistedDesk.ts';

/** What assisted mode is built from. */
export interface AssistedPartsOptions {
  catalog: ServiceCatalog;
  registration: RegistrationSession;
  council: () => CouncilClient;
  events: Pick<KioskEventHub, 'publish'>;
  /** Training: the embedded simulator approves device sign-ins on show, and the training phone works. */
  training: boolean;
  /** IT's staff settings (kiosk.json `staff`). */
  staff: Pick<KioskConfig['staff'], 'entry' | 'lockSeconds'>;
  /** Records a caseworker's confirmation of an invite (the identity check only). */
  /** Records a caseworker's confirmation in the audit log: who, how, which invite; never the resident's data. */
  audit: (entry: AssistedConfirmationAudit) => void;
}

/** The staff settings when IT sets none (as kiosk.json's defaults). */
export const DEFAULT_STAFF_SETTINGS = { entry: true, lockSeconds: 300 } as const;

/**
 * Assisted mode's parts for the kiosk API: the caseworker's staff session, the desk (displays,
 * screen, the assisted registration and its two views), and the training phone. `close()` ends
 * any assisted registration and the staff session's timers.
 */
export function createAssistedParts(options: AssistedPartsOptions): AssistedParts & { close(): void } {
  const { council, training } = options;
  const staff = new StaffSession({
    council,
    lockSeconds: options.staff.lockSeconds,
    ...(training ? { approveTraining: (userCode: string) => council().call('approveTrainingDeviceAuthorization', { body: { userCode } }) } : {}),
  });
  const desk = new AssistedDesk({
    catalog: options.catalog,
    registration: options.registration,
    staff,
    council,
    events: options.events,
    mode: training ? 'training' : 'live',
    audit: options.audit,
  });
  const trainingPhone = new TrainingPhone(() => (training ? council() : undefined));
  return {
    desk,
    staff,
    trainingPhone,
    staffEntry: options.staff.entry,
    close() {
      desk.close();
      staff.close();
    },
  };
}
