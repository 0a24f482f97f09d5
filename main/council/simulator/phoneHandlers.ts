import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import type { PhoneEnrolment, PhoneEnrolmentState } from '../../../shared/councilApi/phoneEnrolmentApi.ts';
import { parsePhoneNumber } from '../../../shared/phoneNumber.ts';
import { attemptsRemaining, checkOneTimeCode, codeExpiresAt, codeStatus } from './oneTimeCodes.ts';
import { isoAt } from './simulatorClock.ts';
import type { SimHandlers } from './simulatorHandler.ts';
import { required } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimPhoneEnrolment, SimRegistrationSession, SimulatorState } from './simulatorState.ts';

/**
 * Phone enrolment (seed steps 9–11), with the real services' rules: texts go to mobiles only;
 * a call rings for up to 60 seconds (`no_answer` after), and once answered waits 60 seconds for
 * '#' (`failed` after). Two confirmed rounds on the same number enrol it. Training endpoints
 * answer calls and press keys (`answerCall`, `pressKey`).
 */

/** A round's state now, computed from the clock (expiry and call timeouts need no timer). */
export function phoneEnrolmentState(enrolment: SimPhoneEnrolment, now: number): PhoneEnrolmentState {
  if (enrolment.confirmedAt !== null) return 'confirmed';
  if (enrolment.method === 'sms') {
    const status = codeStatus(enrolment.current ?? { code: '', issuedAt: 0, wrongTries: 0 }, now);
    return status === 'usable' ? 'code_sent' : status;
  }
  if (enrolment.answeredAt === null) {
    return now - enrolment.startedAt > COUNCIL_RULES.callRingSeconds * 1000 ? 'no_answer' : 'ringing';
  }
  return now - enrolment.answeredAt > COUNCIL_RULES.callKeypressSeconds * 1000 ? 'failed' : 'answered';
}

function view(state: SimulatorState, enrolment: SimPhoneEnrolment): PhoneEnrolment {
  const now = state.clock.now();
  const account = state.accounts.get(enrolment.accountId);
  return {
    enrolmentId: enrolment.id,
    method: enrolment.method,
    phoneKind: enrolment.phoneKind,
    round: enrolment.round,
    state: phoneEnrolmentState(enrolment, now),
    codeExpiresAt: enrolment.current === null ? null : isoAt(codeExpiresAt(enrolment.current)),
    attemptsRemaining: enrolment.current === null ? null : attemptsRemaining(enrolment.current),
    phoneEnrolled: account?.phoneNumber === enrolment.number,
  };
}

function enrolmentInSession(state: SimulatorState, session: SimRegistrationSession, id: string): SimPhoneEnrolment {
  const enrolment = state.phoneEnrolments.get(id);
  if (enrolment === undefined || enrolment.sessionId !== session.id) throw new SimulatorProblem('not_found', 'No such phone enrolment');
  return enrolment;
}

// A round is confirmed: the second confirmed round on the same number enrols it.
function confirmRound(state: SimulatorState, enrolment: SimPhoneEnrolment): void {
  enrolment.confirmedAt = state.clock.now();
  const account = state.accounts.get(enrolment.accountId);
  if (account === undefined) return;
  if (account.pendingPhone?.number !== enrolment.number) account.pendingPhone = { number: enrolment.number, confirmedRounds: 0 };
  account.pendingPhone.confirmedRounds = Math.max(account.pendingPhone.confirmedRounds, enrolment.round);
  if (account.pendingPhone.confirmedRounds >= 2) {
    account.phoneNumber = enrolment.number;
    account.pendingPhone = null;
  }
}

/** Handlers for phone enrolment. */
export const phoneHandlers: SimHandlers<'startPhoneEnrolment' | 'verifyPhoneCode' | 'getPhoneEnrolment'> = {
  startPhoneEnrolment: ({ state, body, registrationSession }) => {
    const session = required(registrationSession, 'a registration session');
    const account = session.accountId === null ? undefined : state.accounts.get(session.accountId);
    if (account === undefined) throw new SimulatorProblem('account_required', 'Create an account or sign in first');
    if (account.phoneNumber !== null) throw new SimulatorProblem('phone_already_enrolled', 'This account already has an enrolled phone');
    // The invite's service says which countries it texts and calls; the simulator is training,
    // so Ofcom's drama ranges are numbers it accepts.
    const invite = state.invites.get(session.inviteId);
    const countries = invite === undefined ? undefined : state.service(invite.serviceId).phoneCountries;
    const parsed = parsePhoneNumber(body.phoneNumber, { training: true, ...(countries !== undefined ? { countries } : {}) });
    if (!parsed.ok || parsed.methods.length === 0) {
      throw new SimulatorProblem('phone_invalid', parsed.ok ? `A ${parsed.kind} number cannot be enrolled` : `The number is ${parsed.problem}`);
    }
    const phoneKind = parsed.kind === 'mobile' ? 'mobile' : 'landline';
    if (body.method === 'sms' && !parsed.methods.includes('sms')) {
      throw new SimulatorProblem('sms_not_supported_for_landline', 'A landline cannot receive texts: choose Call Me');
    }
    const round = account.pendingPhone?.number === parsed.e164 && account.pendingPhone.confirmedRounds >= 1 ? 2 : 1;
    state.recordCodeSend(parsed.e164);
    const enrolment: SimPhoneEnrolment = {
      id: state.newId('pe'),
      sessionId: session.id,
      accountId: account.accountId,
      number: parsed.e164,
      phoneKind,
      method: body.method,
      round,
      current: body.method === 'sms' ? state.newCode() : null,
      callId: body.method === 'call' ? state.newId('call') : null,
      startedAt: state.clock.now(),
      answeredAt: null,
      keysPressed: '',
      confirmedAt: null,
    };
    state.phoneEnrolments.set(enrolment.id, enrolment);
    const service = state.sessionService(session);
    state.send(
      enrolment.current !== null
        ? {
            channel: 'sms',
            recipient: parsed.e164,
            title: 'Verification code',
            code: enrolment.current.code,
            body: `Your ${service.accountName} verification code is ${enrolment.current.code}.`,
            callId: null,
          }
        : {
            channel: 'call',
            recipient: parsed.e164,
            title: 'Automated call',
            code: null,
            body: `This is ${state.catalog.council.name}. To confirm this phone number, press the hash key.`,
            callId: enrolment.callId,
          },
    );
    return view(state, enrolment);
  },

  verifyPhoneCode: ({ state, params, body, registrationSession }) => {
    const enrolment = enrolmentInSession(state, required(registrationSession, 'a registration session'), params.enrolmentId);
    if (enrolment.current === null) throw new SimulatorProblem('step_out_of_order', 'This enrolment is a call: answer it and press #');
    if (enrolment.confirmedAt !== null) throw new SimulatorProblem('step_out_of_order', 'This round is already confirmed');
    checkOneTimeCode(enrolment.current, body.code, state.clock.now());
    confirmRound(state, enrolment);
    return view(state, enrolment);
  },

  getPhoneEnrolment: ({ state, params, registrationSession }) =>
    view(state, enrolmentInSession(state, required(registrationSession, 'a registration session'), params.enrolmentId)),
};

function callById(state: SimulatorState, callId: string): SimPhoneEnrolment {
  for (const enrolment of state.phoneEnrolments.values()) if (enrolment.callId === callId) return enrolment;
  throw new SimulatorProblem('not_found', 'No such call');
}

/** A simulated call as the training endpoints show it. */
export interface CallView {
  callId: string;
  enrolmentId: string;
  state: 'ringing' | 'answered' | 'confirmed' | 'no_answer' | 'failed';
  keysPressed: string;
}

function callView(state: SimulatorState, enrolment: SimPhoneEnrolment): CallView {
  const current = phoneEnrolmentState(enrolment, state.clock.now());
  if (current !== 'ringing' && current !== 'answered' && current !== 'confirmed' && current !== 'no_answer' && current !== 'failed') {
    throw new Error(`A call cannot be ${current}`);
  }
  return { callId: enrolment.callId ?? '', enrolmentId: enrolment.id, state: current, keysPressed: enrolment.keysPressed };
}

/** A simulated call's state now. */
export function callState(state: SimulatorState, callId: string): CallView['state'] {
  return callView(state, callById(state, callId)).state;
}

/** The resident picks up a ringing call. */
export function answerCall(state: SimulatorState, callId: string): CallView {
  const enrolment = callById(state, callId);
  if (phoneEnrolmentState(enrolment, state.clock.now()) !== 'ringing') throw new SimulatorProblem('step_out_of_order', 'The call is not ringing');
  enrolment.answeredAt = state.clock.now();
  return callView(state, enrolment);
}

/** The resident presses a key; a ringing call is answered first. '#' confirms the round. */
export function pressKey(state: SimulatorState, callId: string, key: string): CallView {
  const enrolment = callById(state, callId);
  const now = state.clock.now();
  const current = phoneEnrolmentState(enrolment, now);
  if (current === 'ringing') enrolment.answeredAt = now;
  else if (current !== 'answered') throw new SimulatorProblem('step_out_of_order', `The call is ${current}`);
  enrolment.keysPressed = (enrolment.keysPressed + key).slice(-100);
  if (key === '#') confirmRound(state, enrolment);
  return callView(state, enrolment);
}
