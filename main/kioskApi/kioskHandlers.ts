import { checkInviteCodeFormat } from '../../shared/inviteCode.ts';
import { DEFAULT_IDLE_SETTINGS } from '../../shared/kioskConfig.ts';
import type { IdleSettings } from '../../shared/kioskConfig.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { AssistedDesk } from '../assisted/assistedDesk.ts';
import type { StaffSessionPort } from '../assisted/staffSessionPort.ts';
import type { RegistrationSession } from '../registration/registrationSession.ts';
import { assistedHandlers } from './assistedHandlers.ts';
import { KioskCallError } from './kioskCallError.ts';
import type { KioskHandlers } from './kioskDispatcher.ts';
import type { SlipPrinter } from './slipPrinter.ts';
import { staffHandlers } from './staffHandlers.ts';
import { trainingPhoneHandlers } from './trainingPhoneHandlers.ts';
import type { TrainingPhonePort } from './trainingPhoneHandlers.ts';

/** Assisted mode's parts: the desk, the staff session, the training phone (`not_training` on a live kiosk). */
export interface AssistedParts {
  desk: AssistedDesk;
  staff: StaffSessionPort;
  trainingPhone: TrainingPhonePort;
  /** IT's `staff.entry`: the welcome screen's 'Staff' entry, shown only without a staff window. */
  staffEntry: boolean;
}

/** What the kiosk API handlers work with. */
export interface KioskHandlerDeps {
  catalog: ServiceCatalog;
  registration: RegistrationSession;
  assisted: AssistedParts;
  /** Training (the embedded simulator) or live; `live` when absent. */
  mode?: 'training' | 'live';
  /** The host's slip printer; none when absent (the web host). */
  slipPrinter?: SlipPrinter;
  /** IT's idle times for the resident's screens; 120 s then a 30 s warning when absent. */
  idle?: IdleSettings;
}

/** The kiosk API's behaviour: each handler is one line that delegates to a part that does the work. */
export function createKioskHandlers(deps: KioskHandlerDeps): KioskHandlers {
  const { registration, assisted } = deps;
  const mode = deps.mode ?? 'live';
  return {
    listServices: () => ({ council: deps.catalog.council, services: deps.catalog.services }),
    checkInviteCodeFormat: ({ code }) => checkInviteCodeFormat(code),
    startRegistration: ({ serviceId }) => ({ session: registration.start(serviceId) }),
    endRegistration: ({ session }) => (registration.end(session), {}),
    confirmInvite: ({ session, inviteCode, email }) => registration.confirmInvite(session, inviteCode, email),
    signIn: ({ session, email, password }) => registration.signIn(session, email, password),
    sendEmailCode: ({ session, email }) => registration.sendEmailCode(session, email),
    resendEmailCode: ({ session }) => registration.resendEmailCode(session),
    verifyEmailCode: ({ session, code }) => registration.verifyEmailCode(session, code),
    createAccount: ({ session, givenName, surname, password }) => registration.createAccount(session, givenName, surname, password),
    startPhoneCheck: ({ session, phoneNumber, method }) => registration.startPhoneCheck(session, phoneNumber, method),
    verifyPhoneCode: ({ session, code }) => registration.verifyPhoneCode(session, code),
    getPhoneCheck: ({ session }) => registration.getPhoneCheck(session),
    submitAccountSetup: ({ session, recordIds, consentStatementIds }) => registration.submitAccountSetup(session, recordIds, consentStatementIds),
    ...assistedHandlers(assisted.desk),
    ...staffHandlers({ desk: assisted.desk, staff: assisted.staff, mode, staffEntry: assisted.staffEntry }),
    ...trainingPhoneHandlers(assisted.trainingPhone, assisted.desk, registration),
    getKioskInfo: async (_args, caller) => ({
      page: caller.page,
      staffEntry: assisted.staffEntry && assisted.desk.displays() === 'one',
      mode,
      councilName: deps.catalog.council.name,
      slipPrinter: (await deps.slipPrinter?.available()) ?? false,
      idle: deps.idle ?? DEFAULT_IDLE_SETTINGS,
    }),
    printSlip: async () => {
      if (deps.slipPrinter === undefined) throw new KioskCallError('printer_unavailable', 'This kiosk has no slip printer');
      await deps.slipPrinter.print();
      return {};
    },
  };
}
