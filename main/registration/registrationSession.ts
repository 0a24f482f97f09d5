import { randomBytes } from 'node:crypto';
import type { InviteConfirmation } from '../../shared/councilApi/inviteApi.ts';
import type { AccountStatus, EmailCodeStatus, InvitationSummary, PhoneCheckStatus, SetupReceipt } from '../../shared/kioskApi/registrationMethods.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { accountSetupRequest } from './accountSetupRequest.ts';
import { emailCodeStep } from './emailCodeStep.ts';
import { inviteConfirmed } from './inviteConfirmed.ts';
import { liveCouncilCall } from './liveCouncilCall.ts';
import { phoneCheckStep } from './phoneCheckStep.ts';
import { progressOf } from './registrationProgress.ts';
import type { RegistrationChange, RegistrationProgress } from './registrationProgress.ts';
import { emailCodeStatus, phoneCheckStatus } from './registrationStatus.ts';
import { requireInvitedAddress } from './requireInvitedAddress.ts';
import { SessionIdleTimer } from './sessionIdleTimer.ts';
import type { SessionState } from './sessionState.ts';
import type { SetupQueue } from './setupQueue.ts';
import { withEarlierSetup } from './withEarlierSetup.ts';

/** What a registration needs from the rest of main. */
export interface RegistrationDeps {
  catalog: ServiceCatalog;
  /** The council API client, or a function giving it (training mode enrols at start). */
  council: () => CouncilClient;
  setupQueue: SetupQueue;
  now?: () => number;
  /** How long 'Submit' waits for the council's acknowledgement before telling the resident it will be sent. */
  deliveryWaitMs?: number;
  /** A session with no call for this long is ended by main itself (default `SESSION_IDLE_LIMIT_MS`). */
  idleLimitMs?: number;
}

/**
 * How long main keeps a session without a call: the screen's two idle minutes and its 30-second
 * warning, plus a minute's margin, so the screen always ends the session first when it can.
 */
export const SESSION_IDLE_LIMIT_MS = 120_000 + 30_000 + 60_000;


/**
 * One resident's registration at a time, as the kiosk sees it: main keeps the council's session
 * credentials (registration session, setup grant) out of the renderer, runs each live step
 * against the council API, and hands the account setup to the outbox. Each method checks the
 * step order, so a confused or hostile renderer cannot skip a step; the council checks again.
 */
export class RegistrationSession {
  readonly #deps: RegistrationDeps;
  readonly #now: () => number;
  readonly #idle: SessionIdleTimer;
  readonly #listeners = new Set<(change: RegistrationChange) => void>();
  #state: SessionState | undefined;
  #counter = 0;

  constructor(deps: RegistrationDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#idle = new SessionIdleTimer(deps.idleLimitMs ?? SESSION_IDLE_LIMIT_MS, this.#now, () => this.end());
  }

  /** A resident chose a service: anything left of an earlier session is dropped. Returns the new session's handle. */
  start(serviceId: string, assisted = false): string {
    const service = this.#deps.catalog.services.find((s) => s.id === serviceId);
    if (service === undefined) throw new KioskCallError('invalid_input', `No service "${serviceId}" on this kiosk`);
    this.end();
    this.#counter += 1;
    const handle = randomBytes(24).toString('base64url');
    this.#state = { handle, service, localId: `${this.#now().toString(36)}-${this.#counter}`, assisted };
    this.#idle.touch();
    this.#changed(handle, null);
    return handle;
  }

  /** A caseworker starts a registration for the resident beside them; the resident's page joins it by the handle. */
  startAssisted(serviceId: string): string {
    return this.start(serviceId, true);
  }
  /**
   * The session ended: forget every credential and detail of it. With a handle, only that
   * session ends (a late 'end' from an old page cannot end a newer resident's session).
   */
  end(handle?: string): void {
    this.#finish(handle, 'ended');
  }

  /** Sessions in progress (0 or 1), and their idle timers: for the soak benchmark and tests. */
  openSessions(): { sessions: number; timers: number } {
    return { sessions: this.#state === undefined ? 0 : 1, timers: this.#idle.pending() };
  }

  /** Listens to every change of the registration (steps, end); returns an unsubscribe. */
  onChange(listener: (change: RegistrationChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A read-only copy of where the session with `handle` (or, without, the live one) is; undefined when none. */
  progress(handle?: string): RegistrationProgress | undefined {
    return this.#state !== undefined && (handle === undefined || this.#state.handle === handle) ? progressOf(this.#state) : undefined;
  }

  /** A caseworker's pause: the session does not idle out while paused (the pause ends itself). */
  pauseIdle(handle: string, paused: boolean): void {
    if (this.#state?.handle !== handle) return;
    this.#idle.pause(paused);
  }

  /**
   * A caseworker confirmed the code the resident read out (seed step 2, in person): the session
   * takes the council's registration session and invitation, so the resident skips the wait for
   * the 'Accept … Invitation' e-mail. The invite must be for the session's service.
   */
  attachCaseworkerConfirmation(handle: string, confirmation: InviteConfirmation): void {
    const state = this.#require('attachCaseworkerConfirmation', handle);
    if (confirmation.invitation.serviceId !== state.service.id) throw new KioskCallError('invite_not_found', 'The invite is for another service');
    inviteConfirmed(state, confirmation);
    this.#changed(handle, null);
  }

  /** The invitation as the resident's screens show it, once confirmed (`step_out_of_order` before). */
  invitationSummary(handle: string): InvitationSummary {
    const state = this.#require('invitationSummary', handle);
    const invitation = this.#need(state.invitation, 'invitationSummary', 'no invite confirmed');
    return { serviceId: invitation.serviceId, records: invitation.records.map(({ recordId, maskedName }) => ({ recordId, maskedName })) };
  }

  #finish(handle: string | undefined, how: 'ended' | 'submitted'): void {
    const state = this.#state;
    if (state === undefined || (handle !== undefined && state.handle !== handle)) return;
    this.#state = undefined;
    this.#idle.stop();
    this.#changed(state.handle, how);
  }

  #changed(handle: string, ended: RegistrationChange['ended']): void {
    for (const listener of this.#listeners) listener({ handle, ended });
  }

  // Runs one step and tells the listeners, whether it worked or not (a wrong code costs a try).
  async #step<T>(handle: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } finally {
      if (this.#state?.handle === handle) this.#changed(handle, null);
    }
  }

  /** Seed steps 1–2: confirms the invite with its code and the e-mail address it was sent to. */
  confirmInvite(handle: string, inviteCode: string, email: string): Promise<InvitationSummary> {
    return this.#step(handle, async () => {
      const state = this.#require('confirmInvite', handle);
      const confirmation = await liveCouncilCall('confirmInvite', () => this.#council().confirmInvite({ inviteCode, email: email.trim() })).catch(
        (error: unknown) => {
          throw withEarlierSetup(error, { inviteCode, email }, this.#deps.setupQueue);
        },
      );
      if (confirmation.invitation.serviceId !== state.service.id) {
        throw new KioskCallError('invite_not_found', 'The invite is for another service');
      }
      inviteConfirmed(state, confirmation, { inviteCode, email });
      return this.invitationSummary(handle);
    });
  }

  /** Seed step 4: an existing account; then straight to account setup (or phone, if it has none). */
  signIn(handle: string, email: string, password: string): Promise<AccountStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('signIn', handle);
      requireInvitedAddress(state, email, 'signIn');
      state.account = await liveCouncilCall('signIn', () => this.#council().signIn({ email: email.trim(), password }, { registrationSession: session }));
      state.path = 'sign_in';
      return { phoneEnrolled: state.account.phoneEnrolled };
    });
  }

  /** Seed step 5: 'Send verification code'. */
  sendEmailCode(handle: string, email: string): Promise<EmailCodeStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('sendEmailCode', handle);
      requireInvitedAddress(state, email, 'sendEmailCode');
      await emailCodeStep.send(state, this.#council(), session, email.trim(), this.#now());
      return this.#emailCodeStatus(state);
    });
  }

  /** 'Send a new code'. */
  resendEmailCode(handle: string): Promise<EmailCodeStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('resendEmailCode', handle);
      await emailCodeStep.resend(state, this.#council(), session, this.#now());
      return this.#emailCodeStatus(state);
    });
  }

  /** Seed step 7: 'Verify code'. */
  verifyEmailCode(handle: string, code: string): Promise<EmailCodeStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('verifyEmailCode', handle);
      await emailCodeStep.verify(state, this.#council(), session, code);
      return this.#emailCodeStatus(state);
    });
  }

  /** Seed step 8: 'Create'. The password goes to the council and nowhere else. */
  createAccount(handle: string, givenName: string, surname: string, password: string): Promise<AccountStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('createAccount', handle);
      const verification = this.#need(state.verification, 'createAccount', 'the e-mail address is not verified');
      if (verification.state !== 'verified') throw new KioskCallError('email_not_verified', 'createAccount: the e-mail address is not verified');
      state.account = await liveCouncilCall('createAccount', () =>
        this.#council().createAccount({ verificationId: verification.verificationId, givenName, surname, password }, { registrationSession: session }),
      );
      return { phoneEnrolled: state.account.phoneEnrolled };
    });
  }

  /** Seed step 10 (and the confirming round of step 11): 'Send Code' or 'Call Me'. */
  startPhoneCheck(handle: string, phoneNumber: string, method: 'sms' | 'call'): Promise<PhoneCheckStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('startPhoneCheck', handle);
      await phoneCheckStep.start(state, this.#council(), session, phoneNumber, method, this.#now());
      return this.#phoneCheckStatus(state);
    });
  }

  /** The code from the text message. */
  verifyPhoneCode(handle: string, code: string): Promise<PhoneCheckStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('verifyPhoneCode', handle);
      await phoneCheckStep.verify(state, this.#council(), session, code);
      return this.#phoneCheckStatus(state);
    });
  }

  /** The current phone round, polled while a call rings. */
  getPhoneCheck(handle: string): Promise<PhoneCheckStatus> {
    return this.#step(handle, async () => {
      const { state, session } = this.#invited('getPhoneCheck', handle);
      await phoneCheckStep.refresh(state, this.#council(), session);
      return this.#phoneCheckStatus(state);
    });
  }

  /**
   * Seed steps 12–13: 'Submit' (checked by `accountSetupRequest`). The setup goes into the
   * outbox (durable before this returns), so the resident gets a receipt even when the council
   * cannot be reached; it is then delivered by the sync engine. The session's credentials are
   * dropped: the setup grant now lives only in the encrypted outbox row, until the council
   * acknowledges it.
   */
  async submitAccountSetup(handle: string, recordIds: string[], consentStatementIds: string[]): Promise<SetupReceipt> {
    const state = this.#require('submitAccountSetup', handle);
    const { request, invitation } = accountSetupRequest(state, recordIds, consentStatementIds, this.#now());
    // One invitation, one setup: a resident starting again after a crash joins the setup this
    // kiosk already holds for the invite, and is told the truth about it.
    const queued = this.#deps.setupQueue.enqueue(invitation.inviteId, request, state.typed);
    this.#finish(handle, 'submitted');
    const alreadySentAt = queued.alreadySentAt === null ? null : new Date(queued.alreadySentAt).toISOString();
    if (queued.councilReference !== null) return { receipt: queued.receipt, delivered: true, councilReference: queued.councilReference, alreadySentAt };
    const delivered = await this.#deps.setupQueue.waitForDelivery(queued.sequence, this.#deps.deliveryWaitMs ?? 3_000);
    return { receipt: queued.receipt, delivered: delivered !== undefined, councilReference: delivered?.reference ?? null, alreadySentAt };
  }

  #council(): CouncilClient {
    return this.#deps.council();
  }

  // The live session, if `handle` is its handle and it has not been idle too long; the call
  // counts as activity. Otherwise `session_ended`, whatever the reason, so a caller with an old
  // handle learns nothing about the session that replaced it.
  #require(step: string, handle: string): SessionState {
    const state = this.#state;
    if (state !== undefined && state.handle === handle && this.#idle.idle()) this.end();
    if (this.#state === undefined || this.#state.handle !== handle) {
      throw new KioskCallError('session_ended', `${step}: this registration has ended; start again from the welcome screen`);
    }
    this.#idle.touch();
    return this.#state;
  }

  #invited(step: string, handle: string): { state: SessionState; session: string } {
    const state = this.#require(step, handle);
    const session = this.#need(state.registrationSession, step, 'no invite confirmed');
    return { state, session };
  }

  #need<T>(value: T | undefined, step: string, why: string): T {
    if (value === undefined) throw new KioskCallError('step_out_of_order', `${step}: ${why}`);
    return value;
  }

  #emailCodeStatus(state: SessionState): EmailCodeStatus {
    return emailCodeStatus(this.#now(), this.#need(state.verification, 'emailCode', 'no code was sent yet'));
  }

  #phoneCheckStatus(state: SessionState): PhoneCheckStatus {
    return phoneCheckStatus(this.#now(), this.#need(state.phone, 'phoneCheck', 'no phone check was started').enrolment);
  }
}
