import type { AccountSetupRequest } from '../../shared/councilApi/accountSetupApi.ts';
import type { Invitation } from '../../shared/councilApi/inviteApi.ts';
import { consentMatches } from '../../shared/consentMatches.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import type { SessionState } from './sessionState.ts';

/**
 * Seed steps 12–13, checked before anything is queued: the records must be ones the invite
 * grants, every consent statement of the service must be given, and the phone must be enrolled.
 * Returns the council request and the invitation it is for.
 */
export function accountSetupRequest(
  state: SessionState,
  recordIds: string[],
  consentStatementIds: string[],
  now: number,
): { request: AccountSetupRequest; invitation: Invitation } {
  const invitation = need(state.invitation, 'no invite confirmed');
  const account = need(state.account, 'no account yet');
  if (!account.phoneEnrolled) throw new KioskCallError('phone_not_enrolled', 'submitAccountSetup: phone not enrolled');
  const granted = new Set(invitation.records.map((r) => r.recordId));
  const chosen = [...new Set(recordIds)];
  if (chosen.some((id) => !granted.has(id))) throw new KioskCallError('record_not_found', 'submitAccountSetup: a record is not in the invite');
  const { consent } = state.service;
  if (!consentMatches(consent, { version: consent.version, statementIds: consentStatementIds })) {
    throw new KioskCallError('consent_invalid', 'submitAccountSetup: every consent statement must be given');
  }
  const request: AccountSetupRequest = {
    setupGrant: account.setupGrant,
    serviceId: state.service.id,
    recordIds: chosen,
    consent: { version: consent.version, statementIds: consent.statements.map((s) => s.id), givenAt: new Date(now).toISOString() },
  };
  return { request, invitation };
}

function need<T>(value: T | undefined, why: string): T {
  if (value === undefined) throw new KioskCallError('step_out_of_order', `submitAccountSetup: ${why}`);
  return value;
}
