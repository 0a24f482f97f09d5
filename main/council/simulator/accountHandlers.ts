import type { AccountSession } from '../../../shared/councilApi/accountApi.ts';
import type { EmailVerification } from '../../../shared/councilApi/emailVerificationApi.ts';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { checkPassword } from '../../../shared/passwordPolicy.ts';
import { attemptsRemaining, checkOneTimeCode, codeExpiresAt, codeStatus } from './oneTimeCodes.ts';
import { isoAt } from './simulatorClock.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { required } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimAccount, SimEmailVerification, SimRegistrationSession, SimulatorState } from './simulatorState.ts';

/**
 * Accounts (seed steps 4–8): sign in to an existing account, or verify an e-mail address with a
 * 6-digit code and create one. Both end with a setup grant for the later account setup.
 */

function verificationView(verification: SimEmailVerification, now: number): EmailVerification {
  const status = codeStatus(verification.current, now);
  return {
    verificationId: verification.id,
    state: verification.verifiedAt !== null ? 'verified' : status === 'usable' ? 'code_sent' : status,
    codeLength: COUNCIL_RULES.codeLength,
    codeExpiresAt: isoAt(codeExpiresAt(verification.current)),
    resendAvailableAt: isoAt(verification.current.issuedAt + COUNCIL_RULES.resendCooldownSeconds * 1000),
    attemptsRemaining: attemptsRemaining(verification.current),
    verifiedAt: verification.verifiedAt === null ? null : isoAt(verification.verifiedAt),
  };
}

// Sends a fresh code (after the throttle allows it), titled as the invite's service writes it.
function sendVerificationCode(state: SimulatorState, session: SimRegistrationSession, email: string): ReturnType<SimulatorState['newCode']> {
  state.recordCodeSend(email);
  const code = state.newCode();
  const service = state.sessionService(session);
  state.send({
    channel: 'email',
    recipient: email,
    title: service.emailTitles.verificationCode,
    code: code.code,
    body: `Your verification code is ${code.code}. It works for ${COUNCIL_RULES.codeValiditySeconds / 60} minutes.`,
    callId: null,
  });
  return code;
}

function verificationInSession(state: SimulatorState, session: SimRegistrationSession, id: string): SimEmailVerification {
  const verification = state.emailVerifications.get(id);
  if (verification === undefined || verification.sessionId !== session.id) throw new SimulatorProblem('not_found', 'No such e-mail verification');
  return verification;
}

// Binds the account to the registration session and issues the setup grant for its invite.
function openAccountSession(state: SimulatorState, session: SimRegistrationSession, account: SimAccount): AccountSession {
  session.accountId = account.accountId;
  const invite = state.invites.get(session.inviteId);
  if (invite === undefined) throw new Error('Registration session without an invite');
  const grant = state.issueSetupGrant(account.accountId, invite);
  return {
    accountId: account.accountId,
    setupGrant: grant.grant,
    setupGrantExpiresAt: isoAt(grant.expiresAt),
    phoneEnrolled: account.phoneNumber !== null,
  };
}

// The service's rule for the account's address (`accountEmail`): with `invitation`, only the
// address the invite went to may sign in or be verified for a new account.
function requireInvitedAddress(state: SimulatorState, session: SimRegistrationSession, email: string): void {
  const invite = state.invites.get(session.inviteId);
  if (invite === undefined) throw new Error('Registration session without an invite');
  if (state.service(invite.serviceId).accountEmail === 'invitation' && email.toLowerCase() !== invite.email) {
    throw new SimulatorProblem('email_not_invited', 'This service accepts only the e-mail address the invitation was sent to');
  }
}

/** Handlers for sign-in, e-mail verification and account creation. */
export const accountHandlers: SimHandlers<'signIn' | 'startEmailVerification' | 'resendEmailVerification' | 'verifyEmail' | 'createAccount'> = {
  signIn: ({ state, body, registrationSession }) => {
    requireInvitedAddress(state, required(registrationSession, 'a registration session'), body.email);
    const account = state.accountByEmail(body.email);
    if (account === undefined || !state.passwordMatches(account, body.password)) {
      throw new SimulatorProblem('sign_in_failed', 'The e-mail address or password is wrong');
    }
    return openAccountSession(state, required(registrationSession, 'a registration session'), account);
  },

  startEmailVerification: ({ state, body, registrationSession }) => {
    const session = required(registrationSession, 'a registration session');
    const email = body.email.toLowerCase();
    requireInvitedAddress(state, session, email);
    if (state.accountByEmail(email) !== undefined) throw new SimulatorProblem('email_in_use', 'An account already uses this e-mail address: sign in instead');
    const verification: SimEmailVerification = {
      id: state.newId('ev'),
      sessionId: session.id,
      email,
      current: sendVerificationCode(state, session, email),
      verifiedAt: null,
    };
    state.emailVerifications.set(verification.id, verification);
    return verificationView(verification, state.clock.now());
  },

  resendEmailVerification: ({ state, params, registrationSession }) => {
    const session = required(registrationSession, 'a registration session');
    const verification = verificationInSession(state, session, params.verificationId);
    if (verification.verifiedAt !== null) throw new SimulatorProblem('step_out_of_order', 'This e-mail address is already verified');
    verification.current = sendVerificationCode(state, session, verification.email);
    return verificationView(verification, state.clock.now());
  },

  verifyEmail: ({ state, params, body, registrationSession }) => {
    const verification = verificationInSession(state, required(registrationSession, 'a registration session'), params.verificationId);
    if (verification.verifiedAt !== null) throw new SimulatorProblem('step_out_of_order', 'This e-mail address is already verified');
    const now = state.clock.now();
    checkOneTimeCode(verification.current, body.code, now);
    verification.verifiedAt = now;
    return verificationView(verification, now);
  },

  createAccount: ({ state, body, registrationSession }) => {
    const session = required(registrationSession, 'a registration session');
    const verification = verificationInSession(state, session, body.verificationId);
    if (verification.verifiedAt === null) throw new SimulatorProblem('email_not_verified', 'Verify the e-mail address first');
    if (state.accountByEmail(verification.email) !== undefined) throw new SimulatorProblem('email_in_use', 'An account already uses this e-mail address');
    const check = checkPassword(body.password);
    if (!check.valid) {
      throw new SimulatorProblem('password_too_weak', `The password breaks: ${check.failedRules.join(', ')}`, { failedRules: check.failedRules });
    }
    const account = state.addAccount({
      email: verification.email,
      password: body.password,
      givenName: body.givenName,
      surname: body.surname,
      phoneNumber: null,
      pendingPhone: null,
    });
    return openAccountSession(state, session, account);
  },
};
