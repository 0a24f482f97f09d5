import { buildInviteCode } from '../../../shared/inviteCode.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { randomInt } from 'node:crypto';
import { isoAt } from './simulatorClock.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { answerCall, callState, pressKey } from './phoneHandlers.ts';
import type { SimInvite } from './simulatorState.ts';
import { SimulatorProblem } from './simulatorProblem.ts';

/** Handlers for the simulator-only `/training/*` endpoints. */
export const trainingHandlers: SimHandlers<
  | 'listTrainingMessages'
  | 'answerTrainingCall'
  | 'pressTrainingCallKey'
  | 'getTrainingClock'
  | 'advanceTrainingClock'
  | 'getTrainingFaults'
  | 'setTrainingFaults'
  | 'listTrainingAccountSetups'
  | 'mintTrainingSetupGrants'
  | 'mintTrainingEnrolmentTokens'
  | 'getTrainingSeed'
> = {
  listTrainingMessages: ({ state, query }) => {
    const invite = query.inviteId === undefined ? undefined : state.invites.get(query.inviteId);
    if (query.inviteId !== undefined && invite === undefined) throw new SimulatorProblem('not_found', 'No invite with this id');
    const recipients = [query.recipient, invite?.email].filter((r) => r !== undefined).map((r) => r.toLowerCase());
    return {
      messages: state.messages
        .filter((m) => recipients.every((r) => m.recipient.toLowerCase() === r) && (query.channel === undefined || m.channel === query.channel))
        .map((m) => (m.callId === null ? m : { ...m, callState: callState(state, m.callId) })),
    };
  },

  answerTrainingCall: ({ state, params }) => answerCall(state, params.callId),

  pressTrainingCallKey: ({ state, params, body }) => pressKey(state, params.callId, body.key),

  getTrainingClock: ({ state }) => ({ now: isoAt(state.clock.now()), offsetSeconds: state.clock.offsetSeconds }),

  advanceTrainingClock: ({ state, body }) => {
    state.clock.advance(body.seconds);
    state.processDueActivations();
    return { now: isoAt(state.clock.now()), offsetSeconds: state.clock.offsetSeconds };
  },

  getTrainingFaults: ({ control }) => control.faults(),

  setTrainingFaults: ({ control, body }) => control.setFaults(body),

  listTrainingAccountSetups: ({ state }) => ({
    setups: [...state.accountSetups.values()].map((s) => ({
      reference: s.reference,
      idempotencyKey: s.idempotencyKey,
      deviceId: s.deviceId,
      serviceId: s.serviceId,
      inviteId: s.inviteId,
      recordIds: s.recordIds,
      consentVersion: s.consentVersion,
      state: state.clock.now() >= s.activatesAt ? ('active' as const) : ('pending_activation' as const),
      submittedAt: isoAt(s.submittedAt),
    })),
  }),

  // Each grant gets its own invite and an account with an enrolled phone, so a benchmark can
  // submit setups without walking through the live steps.
  mintTrainingSetupGrants: ({ state, body }) => {
    if (!state.catalog.services.some((s) => s.id === body.serviceId)) throw new SimulatorProblem('invalid_request', `Unknown service ${body.serviceId}`);
    const consent = state.service(body.serviceId).consent;
    const now = state.clock.now();
    const grants = Array.from({ length: body.count }, () => {
      const id = state.newId('inv');
      const invite: SimInvite = {
        inviteId: id,
        serviceId: body.serviceId,
        code: buildInviteCode(Array.from({ length: 11 }, () => randomInt(0, 32))),
        email: `${id.toLowerCase()}@example.org`,
        residentName: 'Minted Resident',
        records: [{ recordId: state.newId('rec'), name: 'Minted Record' }],
        caseworkerStaffId: null,
        sentAt: now,
        expiresAt: now + COUNCIL_RULES.inviteValiditySeconds * 1000,
        state: 'confirmed',
      };
      state.invites.set(invite.inviteId, invite);
      const account = state.addAccount({ email: invite.email, password: state.newSecret('pw'), givenName: 'Minted', surname: 'Resident', phoneNumber: '+447911000000', pendingPhone: null });
      const grant = state.issueSetupGrant(account.accountId, invite);
      return {
        setupGrant: grant.grant,
        serviceId: grant.serviceId,
        recordIds: invite.records.map((r) => r.recordId),
        consentVersion: consent.version,
        consentStatementIds: consent.statements.map((s) => s.id),
        expiresAt: isoAt(grant.expiresAt),
      };
    });
    return { grants };
  },

  mintTrainingEnrolmentTokens: ({ state, body }) => {
    const enrolmentTokens = Array.from({ length: body.count }, () => state.newSecret('enrol'));
    for (const token of enrolmentTokens) state.enrolmentTokens.add(token);
    return { enrolmentTokens };
  },

  getTrainingSeed: ({ control }) => control.seed,
};
