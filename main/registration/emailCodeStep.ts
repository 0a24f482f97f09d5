import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { liveCouncilCall } from './liveCouncilCall.ts';
import type { SessionState } from './sessionState.ts';

/** The council calls of seed steps 5–7 (the e-mail verification code), on the session's state. */
export const emailCodeStep = {
  /** 'Send verification code' to this address: the resident is signing up. */
  async send(state: SessionState, council: CouncilClient, session: string, email: string, now: number): Promise<void> {
    state.verification = await liveCouncilCall('startEmailVerification', () => council.startEmailVerification(email, { registrationSession: session }));
    Object.assign(state, { email, path: 'sign_up', verificationSentAt: now });
  },

  /** 'Send a new code': the old one stops working. */
  async resend(state: SessionState, council: CouncilClient, session: string, now: number): Promise<void> {
    const verification = need(state, 'resendEmailCode');
    state.verification = await liveCouncilCall('resendEmailVerification', () =>
      council.resendEmailVerification(verification.verificationId, { registrationSession: session }),
    );
    state.verificationSentAt = now;
  },

  /** 'Verify code'. A wrong code costs a try: the state follows the council's count of tries left. */
  async verify(state: SessionState, council: CouncilClient, session: string, code: string): Promise<void> {
    const verification = need(state, 'verifyEmailCode');
    try {
      state.verification = await liveCouncilCall('verifyEmail', () => council.verifyEmail(verification.verificationId, code, { registrationSession: session }));
    } catch (error) {
      const left = error instanceof KioskCallError ? error.details.attemptsRemaining : undefined;
      if (left !== undefined) state.verification = { ...verification, attemptsRemaining: left };
      throw error;
    }
  },
};

function need(state: SessionState, step: string): NonNullable<SessionState['verification']> {
  if (state.verification === undefined) throw new KioskCallError('step_out_of_order', `${step}: no code was sent yet`);
  return state.verification;
}
