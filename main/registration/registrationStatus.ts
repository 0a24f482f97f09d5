import { COUNCIL_RULES } from '../../shared/councilApi/councilPrimitives.ts';
import type { EmailVerification } from '../../shared/councilApi/emailVerificationApi.ts';
import type { PhoneEnrolment } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { EmailCodeStatus, PhoneCheckStatus } from '../../shared/kioskApi/registrationMethods.ts';

// Relative seconds for the screen's countdown, capped by the council's own rules: the training
// simulator's clock can be moved forward, and a countdown must never promise more than the rules.
function secondsUntil(now: number, instant: string, cap: number): number {
  return Math.min(cap, Math.max(0, Math.ceil((Date.parse(instant) - now) / 1000)));
}

/** The e-mail code's state as the 'Verification code' screen shows it, at `now`. */
export function emailCodeStatus(now: number, v: EmailVerification): EmailCodeStatus {
  return {
    state: v.state,
    codeExpiresInSeconds: secondsUntil(now, v.codeExpiresAt, COUNCIL_RULES.codeValiditySeconds),
    resendAvailableInSeconds: secondsUntil(now, v.resendAvailableAt, COUNCIL_RULES.resendCooldownSeconds),
    attemptsRemaining: v.attemptsRemaining,
  };
}

/** A phone check round's state as the text-code and call screens show it, at `now`. */
export function phoneCheckStatus(now: number, e: PhoneEnrolment): PhoneCheckStatus {
  return {
    method: e.method,
    phoneKind: e.phoneKind,
    round: e.round,
    state: e.state,
    codeExpiresInSeconds: e.codeExpiresAt === null ? null : secondsUntil(now, e.codeExpiresAt, COUNCIL_RULES.codeValiditySeconds),
    attemptsRemaining: e.attemptsRemaining,
    phoneEnrolled: e.phoneEnrolled,
  };
}
