import { randomInt } from 'node:crypto';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { SEED_CASEWORKER } from './simulatorSeed.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { required } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimulatorState } from './simulatorState.ts';
import { openCaseworkerSession } from './staffHandlers.ts';

/**
 * Caseworker sign-in approved on the caseworker's own work device: the OAuth 2.0 device
 * authorization grant (RFC 8628). The kiosk starts an authorization and shows its user code; it
 * polls with the device code, no faster than the interval, until the caseworker approves or
 * refuses it (in training, `POST /training/device-authorizations/approve` plays the work device),
 * or it expires. An approved device code answers one caseworker session, then stops working.
 */

/** A device authorization as the simulator holds it. */
export interface SimDeviceAuthorization {
  deviceCode: string;
  /** Normalised: eight letters, no dash. */
  userCode: string;
  /** The kiosk that started it: only that kiosk may poll. */
  deviceId: string;
  expiresAt: number;
  /** Seconds the kiosk must leave between polls; grows by 5 at each `slow_down` (RFC 8628 §3.5). */
  intervalSeconds: number;
  lastPolledAt: number | null;
  decision: { state: 'approved' | 'denied'; staffId: string } | null;
}

/**
 * RFC 8628 §6.1: user codes from 20 consonants (no vowels, so no words; no Y either), eight of
 * them give 20^8 ≈ 2.6 × 10^10 codes, which the short lifetime makes unguessable.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** How much a `slow_down` adds to the interval (RFC 8628 §3.5). */
export const SLOW_DOWN_SECONDS = 5;

/** A user code as typed (any case, with or without its dash or spaces), normalised. */
export function normaliseUserCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** A normalised user code as shown: `WDJB-MJHT`. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function newUserCode(state: SimulatorState): string {
  for (;;) {
    const code = Array.from({ length: 8 }, () => USER_CODE_ALPHABET[randomInt(0, USER_CODE_ALPHABET.length)]).join('');
    if (findByUserCode(state, code) === undefined) return code;
  }
}

function findByUserCode(state: SimulatorState, code: string): SimDeviceAuthorization | undefined {
  for (const authorization of state.deviceAuthorizations.values()) if (authorization.userCode === code) return authorization;
  return undefined;
}

/** Handlers for the device authorization grant, and its training approval. */
export const deviceAuthorizationHandlers: SimHandlers<
  'startCaseworkerDeviceAuthorization' | 'pollCaseworkerDeviceAuthorization' | 'approveTrainingDeviceAuthorization'
> = {
  startCaseworkerDeviceAuthorization: ({ state, control, device }) => {
    const now = state.clock.now();
    // Expired authorizations are forgotten here, so the map stays as small as the live ones.
    for (const [key, old] of state.deviceAuthorizations) if (old.expiresAt <= now) state.deviceAuthorizations.delete(key);
    const authorization: SimDeviceAuthorization = {
      deviceCode: state.newSecret('dvc'),
      userCode: newUserCode(state),
      deviceId: required(device, 'a device').deviceId,
      expiresAt: now + COUNCIL_RULES.deviceAuthorizationSeconds * 1000,
      intervalSeconds: COUNCIL_RULES.deviceAuthorizationIntervalSeconds,
      lastPolledAt: null,
      decision: null,
    };
    state.deviceAuthorizations.set(authorization.deviceCode, authorization);
    const verificationUri = `${control.baseUrl()}/device`;
    return {
      deviceCode: authorization.deviceCode,
      userCode: formatUserCode(authorization.userCode),
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${formatUserCode(authorization.userCode)}`,
      expiresIn: COUNCIL_RULES.deviceAuthorizationSeconds,
      interval: authorization.intervalSeconds,
    };
  },

  pollCaseworkerDeviceAuthorization: ({ state, body, device }) => {
    const authorization = state.deviceAuthorizations.get(body.deviceCode);
    // An unknown, used or foreign device code can only be started again, as an expired one.
    if (authorization === undefined || authorization.deviceId !== required(device, 'a device').deviceId) {
      throw new SimulatorProblem('expired_token', 'Unknown or already used device code: start the sign-in again');
    }
    const now = state.clock.now();
    if (now >= authorization.expiresAt) {
      state.deviceAuthorizations.delete(authorization.deviceCode);
      throw new SimulatorProblem('expired_token', 'The sign-in code expired before it was approved: start again');
    }
    const { decision } = authorization;
    if (decision === null) {
      const last = authorization.lastPolledAt;
      authorization.lastPolledAt = now;
      if (last !== null && now - last < authorization.intervalSeconds * 1000) {
        authorization.intervalSeconds += SLOW_DOWN_SECONDS;
        throw new SimulatorProblem('slow_down', `Polled too fast: poll every ${authorization.intervalSeconds} seconds`);
      }
      throw new SimulatorProblem('authorization_pending', `Not approved yet: poll again in ${authorization.intervalSeconds} seconds`);
    }
    state.deviceAuthorizations.delete(authorization.deviceCode);
    if (decision.state === 'denied') throw new SimulatorProblem('access_denied', 'The caseworker refused this sign-in');
    const caseworker = state.caseworkers.get(decision.staffId);
    if (caseworker === undefined) throw new SimulatorProblem('access_denied', 'The approving caseworker no longer exists');
    return openCaseworkerSession(state, caseworker, authorization.deviceId);
  },

  approveTrainingDeviceAuthorization: ({ state, body }) => {
    const authorization = findByUserCode(state, normaliseUserCode(body.userCode));
    if (authorization === undefined) throw new SimulatorProblem('not_found', 'No sign-in is waiting with this code');
    if (state.clock.now() >= authorization.expiresAt) throw new SimulatorProblem('expired_token', 'This sign-in code has expired');
    const staffId = body.staffId ?? SEED_CASEWORKER.staffId;
    if (!state.caseworkers.has(staffId)) throw new SimulatorProblem('not_found', 'No caseworker has this staff id');
    authorization.decision = { state: body.decision === 'approve' ? 'approved' : 'denied', staffId };
    return { userCode: formatUserCode(authorization.userCode), state: authorization.decision.state, staffId };
  },
};
