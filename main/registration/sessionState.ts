import type { AccountSession } from '../../shared/councilApi/accountApi.ts';
import type { EmailVerification } from '../../shared/councilApi/emailVerificationApi.ts';
import type { Invitation } from '../../shared/councilApi/inviteApi.ts';
import type { PhoneEnrolment } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { ServiceDefinition } from '../../shared/serviceDefinition.ts';
import type { InviteTyped } from './setupQueue.ts';

// Everything the kiosk knows about the resident in front of it. Memory only: never written to
// disk, never logged, and dropped by `end()` (the renderer ends the session on finish or idle).
export interface SessionState {
  /** The handle the renderer's calls must carry. */
  handle: string;
  service: ServiceDefinition;
  localId: string;
  /** A caseworker started it from the console (assisted mode), rather than the resident from the welcome screen. */
  assisted: boolean;
  /** Who confirmed the invite: the resident typing code and address, or a caseworker the code read out. */
  confirmedBy?: 'resident' | 'caseworker';
  registrationSession?: string;
  /** When the council's registration session ends (no step works after it). */
  registrationSessionExpiresAt?: string;
  invitation?: Invitation;
  /** The invite code and address as typed: finds this invitation's setup if the resident comes back. */
  typed?: InviteTyped;
  email?: string;
  /** The e-mail code and when the latest one was sent (the injected clock). */
  verification?: EmailVerification;
  verificationSentAt?: number;
  /** How the account came: signed in to an existing one, or created here. */
  path?: 'sign_in' | 'sign_up';
  account?: AccountSession;
  phone?: { number: string; enrolment: PhoneEnrolment; sentAt: number };
}
