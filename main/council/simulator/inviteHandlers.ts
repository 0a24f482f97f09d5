import { COUNCIL_RULES, maskEmail, maskName } from '../../../shared/councilApi/councilPrimitives.ts';
import type { Invitation, InviteConfirmation } from '../../../shared/councilApi/inviteApi.ts';
import { normaliseInviteCode } from '../../../shared/inviteCode.ts';
import type { CaseworkerInvite } from '../../../shared/councilApi/caseworkerApi.ts';
import { isoAt } from './simulatorClock.ts';
import { required } from './simulatorHandler.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimInvite, SimulatorState } from './simulatorState.ts';

/**
 * Invites (seed steps 1–3): self-service confirmation by code and e-mail address, a
 * caseworker's confirmation by code alone, and the caseworker's list of open invites.
 */

/** An invite's state as the API shows it (expiry is computed from the clock). */
export function invitationState(invite: SimInvite, now: number): Invitation['state'] {
  if (invite.state === 'used') return 'used';
  if (now > invite.expiresAt) return 'expired';
  return invite.state;
}

/** The API view of an invite: record names masked. */
export function invitationView(invite: SimInvite, now: number): Invitation {
  return {
    inviteId: invite.inviteId,
    serviceId: invite.serviceId,
    state: invitationState(invite, now),
    records: invite.records.map((r) => ({ recordId: r.recordId, maskedName: maskName(r.name) })),
    expiresAt: isoAt(invite.expiresAt),
  };
}

function findByCode(state: SimulatorState, typedCode: string): SimInvite | undefined {
  const code = normaliseInviteCode(typedCode);
  for (const invite of state.invites.values()) if (invite.code === code) return invite;
  return undefined;
}

// Confirms an invite: refuses used and expired ones, opens a registration session on this
// device, and sends the 'Accept … Account Invitation' e-mail the first time (seed step 3).
function confirm(state: SimulatorState, invite: SimInvite, deviceId: string): InviteConfirmation {
  const now = state.clock.now();
  const current = invitationState(invite, now);
  if (current === 'used') throw new SimulatorProblem('invite_already_used', 'This invite was already used to set up an account');
  if (current === 'expired') throw new SimulatorProblem('invite_expired', 'This invite has expired: the worker can send a new one');
  if (invite.state === 'sent') {
    invite.state = 'confirmed';
    const service = state.service(invite.serviceId);
    state.send({
      channel: 'email',
      recipient: invite.email,
      title: service.emailTitles.acceptInvitation,
      code: null,
      body: `Your code has been confirmed. Continue at the kiosk to set up your ${service.name} account, or sign in with your ${service.accountName} account.`,
      callId: null,
    });
  }
  const session = {
    id: state.newSecret('rs'),
    deviceId,
    inviteId: invite.inviteId,
    expiresAt: now + COUNCIL_RULES.registrationSessionSeconds * 1000,
    accountId: null,
  };
  state.registrationSessions.set(session.id, session);
  return {
    registrationSessionId: session.id,
    registrationSessionExpiresAt: isoAt(session.expiresAt),
    invitation: invitationView(invite, now),
  };
}

/** Handlers for the invite operations. */
export const inviteHandlers: SimHandlers<'confirmInvite' | 'confirmInviteByCaseworker' | 'listCaseworkerInvites'> = {
  confirmInvite: ({ state, body, device }) => {
    const invite = findByCode(state, body.inviteCode);
    // A wrong address answers exactly like a wrong code, so the API cannot be used to probe
    // which addresses have invites.
    if (invite === undefined || invite.email !== body.email.toLowerCase()) {
      throw new SimulatorProblem('invite_not_found', 'No invite with this code was sent to this e-mail address');
    }
    return confirm(state, invite, required(device, 'a device').deviceId);
  },

  confirmInviteByCaseworker: ({ state, body, device }) => {
    const invite = findByCode(state, body.inviteCode);
    if (invite === undefined) throw new SimulatorProblem('invite_not_found', 'No invite with this code');
    return confirm(state, invite, required(device, 'a device').deviceId);
  },

  listCaseworkerInvites: ({ state, caseworkerSession }) => {
    const now = state.clock.now();
    const staffId = required(caseworkerSession, 'a caseworker session').staffId;
    const invites: CaseworkerInvite[] = [...state.invites.values()]
      .filter((invite) => invite.caseworkerStaffId === staffId)
      .filter((invite) => {
        const current = invitationState(invite, now);
        return current === 'sent' || current === 'confirmed';
      })
      .sort((a, b) => b.sentAt - a.sentAt)
      .map((invite) => ({
        ...invitationView(invite, now),
        residentMaskedName: maskName(invite.residentName),
        maskedEmail: maskEmail(invite.email),
        sentAt: isoAt(invite.sentAt),
      }));
    return { date: isoAt(now).slice(0, 10), invites };
  },
};
