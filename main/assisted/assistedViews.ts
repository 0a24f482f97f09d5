import type { CaseworkerInvite } from '../../shared/councilApi/caseworkerApi.ts';
import type { AssistedProgress, IdentityCheck, ResidentAssist, ResidentField, StaffSessionView, StaffView } from '../../shared/kioskApi/staffView.ts';
import type { ServiceDefinition } from '../../shared/serviceDefinition.ts';
import type { RegistrationProgress } from '../registration/registrationProgress.ts';
import { guideProgress } from './guideProgress.ts';

/** The assisted registration as the desk holds it (memory only; nothing of it is written to disk). */
export interface AssistedRecord {
  assistId: string;
  /** The resident's session handle: given to the resident's page by `joinAssisted`, never to the console. */
  handle: string;
  service: ServiceDefinition;
  invite: Pick<CaseworkerInvite, 'inviteId' | 'serviceId' | 'residentMaskedName' | 'maskedEmail'>;
  confirmed: { check: IdentityCheck; at: number } | null;
  /** The registration's latest progress (kept after 'Submit', when the session itself is gone). */
  progress: RegistrationProgress | undefined;
  typing: ResidentField | null;
  pausedUntil: number | null;
  submitted: boolean;
}

/** What the desk knows when it builds the two views. */
export interface DeskSnapshot {
  mode: 'training' | 'live';
  displays: 'one' | 'two';
  screen: 'staff' | 'resident';
  staff: StaffSessionView;
  helperName: string | null;
  assisted: AssistedRecord | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * `staff:view`, by allow-list: every field is picked by name from the desk's state, so nothing
 * reaches the console unless it is listed here. Masked invite (as the council's list masks it),
 * the guide's steps, the e-mail code's times and tries, the phone check's method, round, state,
 * tries and the number's last three digits; never a password, a code value, an address or a
 * number in full. The registration is left out unless the console is ready (unlocked).
 */
export function staffViewOf(desk: DeskSnapshot): StaffView {
  const ready = desk.staff.state === 'ready';
  return {
    mode: desk.mode,
    displays: desk.displays,
    screen: desk.displays === 'two' ? 'resident' : desk.screen,
    staff: desk.staff,
    assisted: ready && desk.assisted !== null ? assistedProgressOf(desk.assisted) : null,
  };
}

/** `assisted:resident`: who helps, the registration to join, its phase, and whether it is paused. */
export function residentAssistOf(desk: DeskSnapshot): ResidentAssist {
  const a = desk.assisted;
  return {
    helperName: a === null ? null : desk.helperName,
    screen: desk.displays === 'two' ? 'resident' : desk.screen,
    displays: desk.displays,
    assisted:
      a === null ? null : { assistId: a.assistId, serviceId: a.service.id, phase: a.confirmed === null ? 'reading_code' : 'confirmed', paused: a.pausedUntil !== null },
  };
}

function assistedProgressOf(a: AssistedRecord): AssistedProgress {
  const p = a.progress;
  const { inviteId, serviceId, residentMaskedName, maskedEmail } = a.invite;
  return {
    assistId: a.assistId,
    invite: { inviteId, serviceId, residentMaskedName, maskedEmail },
    confirmed: a.confirmed === null ? null : { check: a.confirmed.check, at: iso(a.confirmed.at) },
    steps: guideProgress(a.service, p, a.submitted),
    path: p?.path ?? null,
    emailCode:
      p?.emailCode == null
        ? null
        : { state: p.emailCode.state, sentAt: iso(p.emailCode.sentAt), codeExpiresAt: p.emailCode.codeExpiresAt, attemptsRemaining: p.emailCode.attemptsRemaining },
    phoneCheck:
      p?.phone == null
        ? null
        : {
            method: p.phone.method,
            phoneKind: p.phone.phoneKind,
            numberEnding: p.phone.number.replace(/\D/g, '').slice(-3).padStart(3, '0'),
            round: p.phone.round,
            state: p.phone.state,
            sentAt: iso(p.phone.sentAt),
            codeExpiresAt: p.phone.codeExpiresAt,
            attemptsRemaining: p.phone.attemptsRemaining,
            phoneEnrolled: p.phone.phoneEnrolled,
          },
    typing: a.typing,
    pausedUntil: a.pausedUntil === null ? null : iso(a.pausedUntil),
    submitted: a.submitted,
  };
}
