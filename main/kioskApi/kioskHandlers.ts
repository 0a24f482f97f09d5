import { checkInviteCodeFormat } from '../../shared/inviteCode.ts';
import { DEFAULT_IDLE_SETTINGS } from '../../shared/kioskConfig.ts';
import { assistedMethods } from '../../shared/kioskApi/assistedMethods.ts';
import { staffMethods } from '../../shared/kioskApi/staffMethods.ts';
import { trainingPhoneMethods } from '../../shared/kioskApi/trainingPhoneMethods.ts';
import type { IdleSettings } from '../../shared/kioskConfig.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { RegistrationSession } from '../registration/registrationSession.ts';
import { KioskCallError } from './kioskCallError.ts';
import type { KioskHandlers } from './kioskDispatcher.ts';
import type { SlipPrinter } from './slipPrinter.ts';

/** What the kiosk API handlers work with. */
export interface KioskHandlerDeps {
  catalog: ServiceCatalog;
  registration: RegistrationSession;
  /** Training (the embedded simulator) or live; `live` when absent. */
  mode?: 'training' | 'live';
  /** The host's slip printer; none when absent (the web host). */
  slipPrinter?: SlipPrinter;
  /** IT's idle times for the resident's screens; 120 s then a 30 s warning when absent. */
  idle?: IdleSettings;
}

/** The kiosk API's behaviour: each handler is one line that delegates to a part that does the work. */
export function createKioskHandlers(deps: KioskHandlerDeps): KioskHandlers {
  const { registration } = deps;
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
    // PENDING(assisted): assisted mode and the training phone are being built; refused until then.
    ...pendingAssisted(),
    getKioskInfo: async (_args, caller) => ({
      page: caller.page,
      staffEntry: false,
      mode: deps.mode ?? 'live',
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

// PENDING(assisted)
function pendingAssisted(): Pick<
  KioskHandlers,
  keyof typeof assistedMethods | keyof typeof staffMethods | keyof typeof trainingPhoneMethods
> {
  const refuse = (): never => {
    throw new KioskCallError('staff_signed_out', 'Assisted mode is not available yet');
  };
  const names = [...Object.keys(assistedMethods), ...Object.keys(staffMethods), ...Object.keys(trainingPhoneMethods)];
  return Object.fromEntries(names.map((name) => [name, refuse])) as unknown as ReturnType<typeof pendingAssisted>;
}
