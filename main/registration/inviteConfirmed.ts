import type { InviteConfirmation } from '../../shared/councilApi/inviteApi.ts';
import type { SessionState } from './sessionState.ts';
import type { InviteTyped } from './setupQueue.ts';

/**
 * The invite is confirmed (seed steps 1–2): by the resident typing its code and address, or by a
 * caseworker the resident read the code out to. The session takes the council's registration
 * session and the invitation; anything of an earlier confirmation (code sent, account, phone) is
 * dropped, as the council's new registration session knows none of it.
 */
export function inviteConfirmed(state: SessionState, confirmation: InviteConfirmation, typed?: InviteTyped): void {
  Object.assign(state, {
    confirmedBy: typed === undefined ? 'caseworker' : 'resident',
    registrationSession: confirmation.registrationSessionId,
    registrationSessionExpiresAt: confirmation.registrationSessionExpiresAt,
    invitation: confirmation.invitation,
    typed,
    email: typed?.email.trim(),
    verification: undefined,
    verificationSentAt: undefined,
    path: undefined,
    account: undefined,
    phone: undefined,
  });
}
