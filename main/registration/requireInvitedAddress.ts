import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import type { SessionState } from './sessionState.ts';

/**
 * The service's `accountEmail` rule, kept before anything goes to the council (which checks it
 * too): with `invitation`, the account uses the address the invite was confirmed with. (A
 * caseworker's confirmation names no address: the council alone checks it then.)
 */
export function requireInvitedAddress(state: SessionState, email: string, step: string): void {
  const invited = state.invitation === undefined ? undefined : state.email;
  if (state.service.accountEmail !== 'invitation' || invited === undefined) return;
  if (email.trim().toLowerCase() !== invited.toLowerCase()) {
    throw new KioskCallError('email_not_invited', `${step}: not the address the invitation was sent to`);
  }
}
