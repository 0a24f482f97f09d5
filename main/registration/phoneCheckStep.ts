import type { PhoneMethod } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { liveCouncilCall } from './liveCouncilCall.ts';
import type { SessionState } from './sessionState.ts';

/** The council calls of seed steps 9–11 (the phone check, by text or call, twice), on the session's state. */
export const phoneCheckStep = {
  /** 'Send Code' or 'Call Me' to this number (a round starts, or starts again). */
  async start(state: SessionState, council: CouncilClient, session: string, phoneNumber: string, method: PhoneMethod, now: number): Promise<void> {
    if (state.account === undefined) throw new KioskCallError('step_out_of_order', 'startPhoneCheck: no account yet');
    const enrolment = await liveCouncilCall('startPhoneEnrolment', () => council.startPhoneEnrolment({ phoneNumber, method }, { registrationSession: session }));
    state.phone = { number: phoneNumber, enrolment, sentAt: now };
  },

  /** The code from the text message; a wrong one costs a try. */
  async verify(state: SessionState, council: CouncilClient, session: string, code: string): Promise<void> {
    const phone = need(state, 'verifyPhoneCode');
    try {
      phone.enrolment = await liveCouncilCall('verifyPhoneCode', () => council.verifyPhoneCode(phone.enrolment.enrolmentId, code, { registrationSession: session }));
    } catch (error) {
      const left = error instanceof KioskCallError ? error.details.attemptsRemaining : undefined;
      if (left !== undefined) phone.enrolment = { ...phone.enrolment, attemptsRemaining: left };
      throw error;
    } finally {
      notePhoneEnrolled(state);
    }
  },

  /** The current round, polled while a call rings. */
  async refresh(state: SessionState, council: CouncilClient, session: string): Promise<void> {
    const phone = need(state, 'getPhoneCheck');
    phone.enrolment = await liveCouncilCall('getPhoneEnrolment', () => council.getPhoneEnrolment(phone.enrolment.enrolmentId, { registrationSession: session }));
    notePhoneEnrolled(state);
  },
};

function need(state: SessionState, step: string): NonNullable<SessionState['phone']> {
  if (state.phone === undefined) throw new KioskCallError('step_out_of_order', `${step}: no phone check was started`);
  return state.phone;
}

function notePhoneEnrolled(state: SessionState): void {
  if (state.phone?.enrolment.phoneEnrolled && state.account) state.account = { ...state.account, phoneEnrolled: true };
}
