import type { CaseworkerSession } from '../../../shared/councilApi/caseworkerApi.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { isoAt } from './simulatorClock.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { required } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimCaseworker, SimulatorState } from './simulatorState.ts';

/** The training site every device of the simulator belongs to. */
export const SIMULATOR_SITE = { siteId: 'site_training', siteName: 'Training site (simulator)' } as const;

/** Handlers for kiosk enrolment, site configuration and caseworker sign-in (with the staff lockout). */
export const staffHandlers: SimHandlers<'enrolDevice' | 'getSiteConfiguration' | 'signInCaseworker'> = {
  enrolDevice: ({ state, body }) => {
    if (!state.enrolmentTokens.delete(body.enrolmentToken)) {
      throw new SimulatorProblem('enrolment_token_invalid', 'The enrolment token is unknown or was already used');
    }
    const device = { deviceId: state.newId('dev'), credential: state.newSecret('dc'), deviceName: body.deviceName, enrolledAt: state.clock.now() };
    state.devices.set(device.credential, device);
    return { deviceId: device.deviceId, credential: device.credential, siteId: SIMULATOR_SITE.siteId, enrolledAt: isoAt(device.enrolledAt) };
  },

  getSiteConfiguration: ({ state }) => ({
    ...SIMULATOR_SITE,
    councilName: state.catalog.council.name,
    assistedModeAllowed: true,
    services: state.catalog.services.map((service) => ({
      serviceId: service.id,
      consentVersion: service.consent.version,
      consentStatementIds: service.consent.statements.map((s) => s.id),
    })),
  }),

  signInCaseworker: ({ state, body, device }) => {
    const now = state.clock.now();
    state.caseworkerLockout.check(body.staffId, now);
    const caseworker = state.caseworkers.get(body.staffId);
    if (caseworker === undefined || caseworker.password !== body.password) throw state.caseworkerLockout.wrongPassword(body.staffId, now);
    state.caseworkerLockout.succeed(body.staffId);
    return openCaseworkerSession(state, caseworker, required(device, 'a device').deviceId);
  },
};

/** Opens a caseworker session on a device: by password, or by an approved device authorization. */
export function openCaseworkerSession(state: SimulatorState, caseworker: SimCaseworker, deviceId: string): CaseworkerSession {
  const session = { token: state.newSecret('cw'), staffId: caseworker.staffId, deviceId, expiresAt: state.clock.now() + COUNCIL_RULES.caseworkerSessionSeconds * 1000 };
  state.caseworkerSessions.set(session.token, session);
  return { caseworkerToken: session.token, staffId: caseworker.staffId, displayName: caseworker.displayName, expiresAt: isoAt(session.expiresAt) };
}
