import { randomUUID } from 'node:crypto';
import type { CaseworkerInviteList } from '../../shared/councilApi/caseworkerApi.ts';
import type { PhoneMethod } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { IdentityCheck, ResidentField, StaffSessionView } from '../../shared/kioskApi/staffView.ts';
import type { InvitationSummary } from '../../shared/kioskApi/registrationMethods.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import type { KioskEventHub } from '../kioskApi/kioskEventHub.ts';
import { logEvent } from '../log.ts';
import { liveCouncilCall } from '../registration/liveCouncilCall.ts';
import type { RegistrationChange } from '../registration/registrationProgress.ts';
import type { RegistrationSession } from '../registration/registrationSession.ts';
import { residentAssistOf, staffViewOf } from './assistedViews.ts';
import type { AssistedRecord, DeskSnapshot } from './assistedViews.ts';
import type { StaffCaseworker, StaffSessionPort } from './staffSessionPort.ts';

/** The audit entry of a caseworker's confirmation of an invite code: who, how, which invite. */
export type AssistedConfirmationAudit = { check: IdentityCheck; staffId: string; inviteId: string };

/** What the assisted desk works with. */
export interface AssistedDeskDeps {
  catalog: ServiceCatalog;
  registration: RegistrationSession;
  staff: Pick<StaffSessionPort, 'caseworker' | 'view' | 'onChange'>;
  council: () => CouncilClient;
  events: Pick<KioskEventHub, 'publish'>;
  mode: 'training' | 'live';
  /** Records a caseworker's confirmation in the audit log, never the resident's data. */
  audit: (entry: AssistedConfirmationAudit) => void;
  now?: () => number;
  pauseLimitMs?: number; // The longest pause (default 15 minutes); it also ends with the council's registration session.
}

/** The longest a caseworker may pause a registration when nothing shorter applies. */
export const DEFAULT_PAUSE_LIMIT_MS = 15 * 60_000;

/**
 * The assisted desk: main's one source of truth for assisted mode. It holds the displays (a staff
 * window attached, or one shared screen), who has the screen on one display, and the assisted
 * registration: started by the caseworker from an invite on their list, joined by the resident's
 * page, confirmed by the code the resident reads out. After every change (a registration step,
 * the staff session, pause, typing, the screen) it publishes the caseworker's `staff:view` and the
 * resident's `assisted:resident`, each built by allow-list (`assistedViews.ts`).
 */
export class AssistedDesk {
  readonly #deps: AssistedDeskDeps;
  readonly #now: () => number;
  #staffWindow = false;
  #screen: 'staff' | 'resident' = 'resident';
  #assisted: AssistedRecord | null = null;
  #staffState: StaffSessionView['state'];
  #pauseTimer: ReturnType<typeof setTimeout> | undefined;
  #published = { staff: '', resident: '' };
  readonly #unsubscribe: Array<() => void>;

  constructor(deps: AssistedDeskDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#staffState = deps.staff.view().state;
    this.#unsubscribe = [
      deps.registration.onChange((change) => this.#registrationChanged(change)),
      deps.staff.onChange(() => this.#staffChanged()),
    ];
    this.publish();
  }

  /** Two displays while a staff window (Electron's second display, the web host's staff page) is attached. */
  displays(): 'one' | 'two' {
    return this.#staffWindow ? 'two' : 'one';
  }

  /** On one display: who has the screen. */
  screen(): 'staff' | 'resident' {
    return this.displays() === 'two' ? 'resident' : this.#screen;
  }

  /** A staff window was attached or went away: either way the shared screen goes back to the resident. */
  setStaffWindow(present: boolean): void {
    this.#staffWindow = present;
    this.#screen = 'resident';
    this.publish();
  }

  /** One display: the caseworker takes the screen (signing in from the welcome screen, or 'Hand back to staff'). */
  takeScreen(): void {
    if (this.displays() === 'one') this.#screen = 'staff';
    this.publish();
  }

  /** One display: 'Pass the screen to the resident'. */
  handOver(): void {
    if (this.displays() === 'two') throw new KioskCallError('step_out_of_order', 'The resident has a screen of their own: nothing to hand over');
    this.#screen = 'resident';
    this.publish();
  }

  /** The caseworker's open invites today, masked by the council, fetched with the caseworker's token. */
  async invites(): Promise<CaseworkerInviteList> {
    const { token } = this.#caseworker();
    return liveCouncilCall('listCaseworkerInvites', () => this.#deps.council().listCaseworkerInvites({ caseworkerToken: token }));
  }

  /** The caseworker picks an invite from their list: a registration starts for its service, for the resident's page to join. */
  async start(inviteId: string): Promise<void> {
    const invite = (await this.invites()).invites.find((i) => i.inviteId === inviteId);
    if (invite === undefined) throw new KioskCallError('invite_not_found', 'That invite is not on your list today: refresh the list');
    const service = this.#deps.catalog.services.find((s) => s.id === invite.serviceId);
    if (service === undefined) throw new KioskCallError('invite_not_found', 'That invite is for a service this kiosk does not offer');
    this.end();
    const handle = this.#deps.registration.startAssisted(service.id);
    const { serviceId, residentMaskedName, maskedEmail } = invite;
    this.#assisted = {
      assistId: randomUUID(),
      handle,
      service,
      invite: { inviteId, serviceId, residentMaskedName, maskedEmail },
      confirmed: null,
      progress: this.#deps.registration.progress(handle),
      typing: null,
      pausedUntil: null,
      submitted: false,
    };
    this.publish();
  }

  /** The resident's page joins the registration the caseworker started. */
  join(): { session: string; serviceId: string; helperName: string } {
    const a = this.#live('joinAssisted');
    return { session: a.handle, serviceId: a.service.id, helperName: this.#deps.staff.caseworker()?.displayName ?? '' };
  }

  /**
   * The code the resident read out, confirmed with the council by the caseworker; it must be the
   * code of the invite picked. The resident's registration takes the invitation at once.
   */
  async confirmInvite(inviteCode: string, check: IdentityCheck): Promise<void> {
    const a = this.#live('confirmAssistedInvite');
    const caseworker = this.#caseworker();
    const confirmation = await liveCouncilCall('confirmInviteByCaseworker', () =>
      this.#deps.council().confirmInviteByCaseworker(inviteCode, { caseworkerToken: caseworker.token }),
    );
    if (confirmation.invitation.inviteId !== a.invite.inviteId) {
      throw new KioskCallError('invite_not_found', 'That code is for another invite than the one picked: check the code, or pick its invite');
    }
    // Audited first: a confirmation the audit log cannot hold (a full disk) does not go ahead.
    this.#deps.audit({ check, staffId: caseworker.staffId, inviteId: a.invite.inviteId });
    logEvent('assisted.invite_confirmed', { check });
    this.#deps.registration.attachCaseworkerConfirmation(a.handle, confirmation);
    a.confirmed = { check, at: this.#now() };
    this.publish();
  }

  /** The invitation for the resident's screens, once the caseworker confirmed it. */
  invitation(handle: string): InvitationSummary {
    const a = this.#live('getAssistedInvitation', handle);
    if (a.confirmed === null) throw new KioskCallError('step_out_of_order', 'getAssistedInvitation: the caseworker has not confirmed the code yet');
    return this.#deps.registration.invitationSummary(handle);
  }

  /** 'Send a new code': a new e-mail code, or the phone check again with the same number and method. */
  async sendNewCode(): Promise<void> {
    const a = this.#live('sendAssistedNewCode');
    const p = this.#deps.registration.progress(a.handle);
    if (p?.phone != null && !p.phoneEnrolled) await this.#deps.registration.startPhoneCheck(a.handle, p.phone.number, p.phone.method);
    else if (p?.emailCode != null && p.emailCode.state !== 'verified') await this.#deps.registration.resendEmailCode(a.handle);
    else throw new KioskCallError('step_out_of_order', 'sendAssistedNewCode: no code is waiting to be typed');
  }

  /** Switches the phone check between a text and a call, to the same number. */
  async switchPhoneMethod(method: PhoneMethod): Promise<void> {
    const a = this.#live('switchAssistedPhoneMethod');
    const p = this.#deps.registration.progress(a.handle);
    if (p?.phone == null || p.phoneEnrolled) throw new KioskCallError('step_out_of_order', 'switchAssistedPhoneMethod: no phone check is going on');
    await this.#deps.registration.startPhoneCheck(a.handle, p.phone.number, method);
  }

  /**
   * Pauses the registration (the resident fetches their phone): the resident's session does not
   * idle out, and the pause ends the session by itself at its limit or when the council's
   * registration session ends, whichever comes first. Memory only.
   */
  pause(): void {
    const a = this.#live('pauseAssisted');
    if (a.pausedUntil !== null) return;
    const council = a.progress?.registrationSessionExpiresAt;
    const limit = this.#now() + (this.#deps.pauseLimitMs ?? DEFAULT_PAUSE_LIMIT_MS);
    a.pausedUntil = Math.min(limit, council == null ? limit : Date.parse(council));
    this.#deps.registration.pauseIdle(a.handle, true);
    this.#pauseTimer = setTimeout(() => this.end(), Math.max(0, a.pausedUntil - this.#now()));
    this.#pauseTimer.unref();
    this.publish();
  }

  /** Resumes where it was. */
  resume(): void {
    const a = this.#live('resumeAssisted');
    if (a.pausedUntil === null) return;
    this.#clearPause(a);
    this.#deps.registration.pauseIdle(a.handle, false);
    this.publish();
  }

  /** Ends the assisted registration: the resident's session ends, and their page wipes itself as 'Finish' does. */
  end(): void {
    const a = this.#assisted;
    if (a === null) return;
    this.#clearPause(a);
    this.#assisted = null;
    this.#deps.registration.end(a.handle);
    this.publish();
  }

  /** The resident is typing in this field (or stopped): the field only, never the value. */
  noteTyping(handle: string, field: ResidentField | null): void {
    const a = this.#live('noteResidentTyping', handle);
    if (a.typing === field) return;
    a.typing = field;
    this.publish();
  }

  /** The assisted registration going on, read-only (main only: the training phone's target). */
  current(): Readonly<AssistedRecord> | null {
    return this.#assisted;
  }

  /** Publishes both views when they changed since last time. */
  publish(): void {
    const caseworker = this.#deps.staff.caseworker();
    const snapshot: DeskSnapshot = {
      mode: this.#deps.mode,
      displays: this.displays(),
      screen: this.screen(),
      staff: this.#deps.staff.view(),
      helperName: caseworker?.displayName ?? null,
      assisted: this.#assisted,
    };
    const staff = staffViewOf(snapshot);
    const resident = residentAssistOf(snapshot);
    const [staffText, residentText] = [JSON.stringify(staff), JSON.stringify(resident)];
    if (staffText !== this.#published.staff) this.#deps.events.publish('staffView', staff);
    if (residentText !== this.#published.resident) this.#deps.events.publish('residentAssist', resident);
    this.#published = { staff: staffText, resident: residentText };
  }

  /** Stops listening and ends any assisted registration. */
  close(): void {
    this.end();
    for (const stop of this.#unsubscribe) stop();
  }

  #registrationChanged(change: RegistrationChange): void {
    const a = this.#assisted;
    if (a?.handle !== change.handle) return;
    if (change.ended === 'ended') {
      // The resident's session ended without 'Submit' (their page went, or idled out): so does the assisted registration.
      this.#clearPause(a);
      this.#assisted = null;
    } else if (change.ended === 'submitted') {
      a.submitted = true;
      a.typing = null;
    } else {
      a.progress = this.#deps.registration.progress(a.handle);
    }
    this.publish();
  }

  #staffChanged(): void {
    const state = this.#deps.staff.view().state;
    const signedOut = state === 'signed_out' && this.#staffState !== 'signed_out';
    this.#staffState = state;
    if (signedOut) {
      // 'Sign out' (or the last wrong PIN): any assisted registration ends with it, and the screen goes back to the resident.
      this.#screen = 'resident';
      this.end();
    }
    this.publish();
  }

  #caseworker(): StaffCaseworker {
    const caseworker = this.#deps.staff.caseworker();
    if (caseworker === undefined) throw new KioskCallError('staff_signed_out', 'Nobody is signed in as staff on this kiosk');
    return caseworker;
  }

  // The assisted registration still going on (and, with a handle, the one the resident's page joined).
  #live(step: string, handle?: string): AssistedRecord {
    const a = this.#assisted;
    if (a === null || a.submitted || (handle !== undefined && a.handle !== handle)) {
      throw new KioskCallError('no_assisted_session', `${step}: no assisted registration is going on`);
    }
    return a;
  }

  #clearPause(a: AssistedRecord): void {
    if (this.#pauseTimer !== undefined) clearTimeout(this.#pauseTimer);
    this.#pauseTimer = undefined;
    a.pausedUntil = null;
  }
}
