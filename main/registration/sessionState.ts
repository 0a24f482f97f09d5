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
  /** When the last call of the session came (the injected clock). */
  lastCallAt: number;
  service: ServiceDefinition;
  localId: string;
  registrationSession?: string;
  invitation?: Invitation;
  /** The invite code and address as typed: finds this invitation's setup if the resident comes back. */
  typed?: InviteTyped;
  email?: string;
  verification?: EmailVerification;
  account?: AccountSession;
  phone?: { number: string; enrolment: PhoneEnrolment };
}
