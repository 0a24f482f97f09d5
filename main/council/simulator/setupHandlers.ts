import { randomInt } from 'node:crypto';
import type { AccountSetup } from '../../../shared/councilApi/accountSetupApi.ts';
import { consentMatches } from '../../../shared/consentMatches.ts';
import { INVITE_CODE_ALPHABET } from '../../../shared/inviteCode.ts';
import { isoAt } from './simulatorClock.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { required } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimAccountSetup, SimulatorState } from './simulatorState.ts';

/**
 * Account setup (seed steps 12–15), as the outbox delivers it: authorised by the device
 * credential and the single-use setup grant only. The setup activates after the configured
 * delay, when the 'New … activation' e-mail is sent.
 */

function newReference(state: SimulatorState): string {
  for (;;) {
    const part = () => Array.from({ length: 4 }, () => INVITE_CODE_ALPHABET.charAt(randomInt(0, 32))).join('');
    const reference = `NCC-${part()}-${part()}`;
    if (!state.accountSetups.has(reference)) return reference;
  }
}

function view(setup: SimAccountSetup, now: number): AccountSetup {
  const active = now >= setup.activatesAt;
  return {
    reference: setup.reference,
    state: active ? 'active' : 'pending_activation',
    serviceId: setup.serviceId,
    submittedAt: isoAt(setup.submittedAt),
    activatedAt: active ? isoAt(setup.activatesAt) : null,
  };
}

/** Handlers for account setup. */
export const setupHandlers: SimHandlers<'submitAccountSetup' | 'getAccountSetup'> = {
  submitAccountSetup: ({ state, body, device, idempotencyKey }) => {
    const now = state.clock.now();
    const grant = state.setupGrants.get(body.setupGrant);
    if (grant === undefined || grant.serviceId !== body.serviceId) {
      throw new SimulatorProblem('setup_grant_invalid', 'The setup grant is unknown, or is for another service');
    }
    if (grant.usedByReference !== null) throw new SimulatorProblem('setup_grant_used', 'The setup grant was already used');
    if (now > grant.expiresAt) throw new SimulatorProblem('setup_grant_expired', 'The setup grant is older than 14 days');
    const invite = state.invites.get(grant.inviteId);
    const account = state.accounts.get(grant.accountId);
    if (invite === undefined || account === undefined) throw new Error('Setup grant without its invite or account');
    if (invite.state === 'used') throw new SimulatorProblem('invite_already_used', 'The invite was already used for another account setup');
    const granted = new Set(invite.records.map((r) => r.recordId));
    const unknown = body.recordIds.filter((id) => !granted.has(id));
    if (unknown.length > 0) throw new SimulatorProblem('record_not_found', `${unknown.length} chosen record(s) are not part of the invite`);
    const consent = state.service(body.serviceId).consent;
    if (!consentMatches(consent, body.consent)) {
      const wanted = consent.statements.map((s) => s.id).sort();
      throw new SimulatorProblem('consent_invalid', `The current consent is version ${consent.version} with statements ${wanted.join(', ')}`);
    }
    if (account.phoneNumber === null) throw new SimulatorProblem('phone_not_enrolled', 'Finish phone enrolment first');
    const setup: SimAccountSetup = {
      reference: newReference(state),
      idempotencyKey: required(idempotencyKey, 'an idempotency key'),
      deviceId: required(device, 'a device').deviceId,
      serviceId: body.serviceId,
      inviteId: invite.inviteId,
      accountId: account.accountId,
      recordIds: [...new Set(body.recordIds)],
      consentVersion: body.consent.version,
      submittedAt: now,
      activatesAt: now + state.activationDelaySeconds * 1000,
      activationSent: false,
    };
    grant.usedByReference = setup.reference;
    invite.state = 'used';
    state.addAccountSetup(setup);
    return view(setup, now);
  },

  getAccountSetup: ({ state, params }) => {
    const setup = state.accountSetups.get(params.reference);
    if (setup === undefined) throw new SimulatorProblem('not_found', 'No account setup with this reference');
    return view(setup, state.clock.now());
  },
};
