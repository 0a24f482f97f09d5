import type { EmailVerificationState } from '../../shared/councilApi/emailVerificationApi.ts';
import type { PhoneEnrolment, PhoneEnrolmentState, PhoneMethod } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { ServiceDefinition } from '../../shared/serviceDefinition.ts';
import type { SessionState } from './sessionState.ts';

/** A registration changed: a step ran (`ended: null`), or it ended (by 'Submit', or otherwise). */
export interface RegistrationChange {
  handle: string;
  ended: null | 'ended' | 'submitted';
}

/**
 * Where a registration is, read-only, for the assisted desk to build the console's view from.
 * Holds no credential (registration session, setup grant) and no code value. The address and
 * number are here because main needs them (the training phone's target, a new code to the same
 * number); the desk's allow-list decides what leaves main.
 */
export interface RegistrationProgress {
  handle: string;
  service: ServiceDefinition;
  assisted: boolean;
  confirmedBy: 'resident' | 'caseworker' | null;
  inviteId: string | null;
  registrationSessionExpiresAt: string | null;
  email: string | null;
  path: 'sign_in' | 'sign_up' | null;
  emailCode: { state: EmailVerificationState; sentAt: number; codeExpiresAt: string; attemptsRemaining: number } | null;
  accountReady: boolean;
  phoneEnrolled: boolean;
  phone: {
    number: string;
    method: PhoneMethod;
    phoneKind: PhoneEnrolment['phoneKind'];
    round: 1 | 2;
    state: PhoneEnrolmentState;
    sentAt: number;
    codeExpiresAt: string | null;
    attemptsRemaining: number | null;
    phoneEnrolled: boolean;
  } | null;
}

/** A copy of the session's progress (changing it changes nothing in the session). */
export function progressOf(state: SessionState): RegistrationProgress {
  const v = state.verification;
  const p = state.phone;
  return {
    handle: state.handle,
    service: state.service,
    assisted: state.assisted,
    confirmedBy: state.confirmedBy ?? null,
    inviteId: state.invitation?.inviteId ?? null,
    registrationSessionExpiresAt: state.registrationSessionExpiresAt ?? null,
    email: state.email ?? null,
    path: state.path ?? null,
    emailCode:
      v === undefined
        ? null
        : { state: v.state, sentAt: state.verificationSentAt ?? 0, codeExpiresAt: v.codeExpiresAt, attemptsRemaining: v.attemptsRemaining },
    accountReady: state.account !== undefined,
    phoneEnrolled: state.account?.phoneEnrolled ?? false,
    phone:
      p === undefined
        ? null
        : {
            number: p.number,
            method: p.enrolment.method,
            phoneKind: p.enrolment.phoneKind,
            round: p.enrolment.round,
            state: p.enrolment.state,
            sentAt: p.sentAt,
            codeExpiresAt: p.enrolment.codeExpiresAt,
            attemptsRemaining: p.enrolment.attemptsRemaining,
            phoneEnrolled: p.enrolment.phoneEnrolled,
          },
  };
}
