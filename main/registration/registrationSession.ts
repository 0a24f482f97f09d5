import { randomBytes } from 'node:crypto';
import type { AccountSetupRequest } from '../../shared/councilApi/accountSetupApi.ts';
import type { AccountStatus, EmailCodeStatus, InvitationSummary, PhoneCheckStatus, SetupReceipt } from '../../shared/kioskApi/registrationMethods.ts';
import { consentMatches } from '../../shared/consentMatches.ts';
import type { ServiceCatalog } from '../../shared/serviceDefinition.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { liveCouncilCall } from './liveCouncilCall.ts';
import { emailCodeStatus, phoneCheckStatus } from './registrationStatus.ts';
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
  readonly #idleLimitMs: number;
  #state: SessionState | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #counter = 0;

  constructor(deps: RegistrationDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#idleLimitMs = deps.idleLimitMs ?? SESSION_IDLE_LIMIT_MS;
  }

  /** A resident chose a service: anything left of an earlier session is dropped. Returns the new session's handle. */
  start(serviceId: string): string {
    const service = this.#deps.catalog.services.find((s) => s.id === serviceId);
    if (service === undefined) throw new KioskCallError('invalid_input', `No service "${serviceId}" on this kiosk`);
    this.end();
    this.#counter += 1;
    const handle = randomBytes(24).toString('base64url');
    this.#state = { handle, lastCallAt: this.#now(), service, localId: `${this.#now().toString(36)}-${this.#counter}` };
    this.#armIdleTimer();
    return handle;
  }

  /**
   * The session ended: forget every credential and detail of it. With a handle, only that
   * session ends (a late 'end' from an old page cannot end a newer resident's session).
   */
  end(handle?: string): void {
    if (handle !== undefined && this.#state?.handle !== handle) return;
    this.#state = undefined;
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** Sessions in progress (0 or 1), and their idle timers: for the soak benchmark and tests. */
  openSessions(): { sessions: number; timers: number } {
    return { sessions: this.#state === undefined ? 0 : 1, timers: this.#idleTimer === undefined ? 0 : 1 };
  }

  // Ends the session once it has had no call for the idle limit. The timer runs on real time; the
  // check uses the injected clock, as does the same check at every call.
  #armIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#state !== undefined && this.#idle(this.#state)) this.end();
      else if (this.#state !== undefined) this.#armIdleTimer();
    }, this.#idleLimitMs);
    this.#idleTimer.unref();
  }

  #idle(state: SessionState): boolean {
    return this.#now() - state.lastCallAt >= this.#idleLimitMs;
  }

  /** Seed steps 1–2: confirms the invite with its code and the e-mail address it was sent to. */
  async confirmInvite(handle: string, inviteCode: string, email: string): Promise<InvitationSummary> {
    const state = this.#require('confirmInvite', handle);
    const confirmation = await liveCouncilCall('confirmInvite', () => this.#council().confirmInvite({ inviteCode, email: email.trim() })).catch(
      (error: unknown) => {
        throw withEarlierSetup(error, { inviteCode, email }, this.#deps.setupQueue);
      },
    );
    if (confirmation.invitation.serviceId !== state.service.id) {
      throw new KioskCallError('invite_not_found', 'The invite is for another service');
    }
    Object.assign(state, {
      registrationSession: confirmation.registrationSessionId,
      invitation: confirmation.invitation,
      typed: { inviteCode, email },
      email: email.trim(),
      verification: undefined,
      account: undefined,
      phone: undefined,
    });
    return {
      serviceId: confirmation.invitation.serviceId,
      records: confirmation.invitation.records.map(({ recordId, maskedName }) => ({ recordId, maskedName })),
    };
  }

  /** Seed step 4: an existing account; then straight to account setup (or phone, if it has none). */
  async signIn(handle: string, email: string, password: string): Promise<AccountStatus> {
    const { state, session } = this.#invited('signIn', handle);
    this.#requireInvitedAddress(state, email, 'signIn');
    state.account = await liveCouncilCall('signIn', () => this.#council().signIn({ email: email.trim(), password }, { registrationSession: session }));
    return { phoneEnrolled: state.account.phoneEnrolled };
  }

  /** Seed step 5: 'Send verification code'. */
  async sendEmailCode(handle: string, email: string): Promise<EmailCodeStatus> {
    const { state, session } = this.#invited('sendEmailCode', handle);
    this.#requireInvitedAddress(state, email, 'sendEmailCode');
    state.verification = await liveCouncilCall('startEmailVerification', () =>
      this.#council().startEmailVerification(email.trim(), { registrationSession: session }),
    );
    state.email = email.trim();
    return emailCodeStatus(this.#now(), state.verification);
  }

  /** 'Send a new code'. */
  async resendEmailCode(handle: string): Promise<EmailCodeStatus> {
    const { state, session } = this.#invited('resendEmailCode', handle);
    const verification = this.#need(state.verification, 'resendEmailCode', 'no code was sent yet');
    state.verification = await liveCouncilCall('resendEmailVerification', () =>
      this.#council().resendEmailVerification(verification.verificationId, { registrationSession: session }),
    );
    return emailCodeStatus(this.#now(), state.verification);
  }

  /** Seed step 7: 'Verify code'. */
  async verifyEmailCode(handle: string, code: string): Promise<EmailCodeStatus> {
    const { state, session } = this.#invited('verifyEmailCode', handle);
    const verification = this.#need(state.verification, 'verifyEmailCode', 'no code was sent yet');
    state.verification = await liveCouncilCall('verifyEmail', () =>
      this.#council().verifyEmail(verification.verificationId, code, { registrationSession: session }),
    );
    return emailCodeStatus(this.#now(), state.verification);
  }

  /** Seed step 8: 'Create'. The password goes to the council and nowhere else. */
  async createAccount(handle: string, givenName: string, surname: string, password: string): Promise<AccountStatus> {
    const { state, session } = this.#invited('createAccount', handle);
    const verification = this.#need(state.verification, 'createAccount', 'the e-mail address is not verified');
    if (verification.state !== 'verified') throw new KioskCallError('email_not_verified', 'createAccount: the e-mail address is not verified');
    state.account = await liveCouncilCall('createAccount', () =>
      this.#council().createAccount({ verificationId: verification.verificationId, givenName, surname, password }, { registrationSession: session }),
    );
    return { phoneEnrolled: state.account.phoneEnrolled };
  }

  /** Seed step 10 (and the confirming round of step 11): 'Send Code' or 'Call Me'. */
  async startPhoneCheck(handle: string, phoneNumber: string, method: 'sms' | 'call'): Promise<PhoneCheckStatus> {
    const { state, session } = this.#invited('startPhoneCheck', handle);
    this.#need(state.account, 'startPhoneCheck', 'no account yet');
    const enrolment = await liveCouncilCall('startPhoneEnrolment', () =>
      this.#council().startPhoneEnrolment({ phoneNumber, method }, { registrationSession: session }),
    );
    state.phone = { number: phoneNumber, enrolment };
    return phoneCheckStatus(this.#now(), enrolment);
  }

  /** The code from the text message. */
  async verifyPhoneCode(handle: string, code: string): Promise<PhoneCheckStatus> {
    const { state, session } = this.#invited('verifyPhoneCode', handle);
    const phone = this.#need(state.phone, 'verifyPhoneCode', 'no phone check was started');
    phone.enrolment = await liveCouncilCall('verifyPhoneCode', () =>
      this.#council().verifyPhoneCode(phone.enrolment.enrolmentId, code, { registrationSession: session }),
    );
    this.#notePhoneEnrolled(state);
    return phoneCheckStatus(this.#now(), phone.enrolment);
  }

  /** The current phone round, polled while a call rings. */
  async getPhoneCheck(handle: string): Promise<PhoneCheckStatus> {
    const { state, session } = this.#invited('getPhoneCheck', handle);
    const phone = this.#need(state.phone, 'getPhoneCheck', 'no phone check was started');
    phone.enrolment = await liveCouncilCall('getPhoneEnrolment', () =>
      this.#council().getPhoneEnrolment(phone.enrolment.enrolmentId, { registrationSession: session }),
    );
    this.#notePhoneEnrolled(state);
    return phoneCheckStatus(this.#now(), phone.enrolment);
  }

  /**
   * Seed steps 12–13: 'Submit'. The records must be ones the invite grants and every consent
   * statement of the service must be given. The setup goes into the outbox (durable before this
   * returns), so the resident gets a receipt even when the council cannot be reached; it is then
   * delivered by the sync engine. The session's credentials are dropped: the setup grant now
   * lives only in the encrypted outbox row, until the council acknowledges it.
   */
  async submitAccountSetup(handle: string, recordIds: string[], consentStatementIds: string[]): Promise<SetupReceipt> {
    const state = this.#require('submitAccountSetup', handle);
    const invitation = this.#need(state.invitation, 'submitAccountSetup', 'no invite confirmed');
    const account = this.#need(state.account, 'submitAccountSetup', 'no account yet');
    if (!account.phoneEnrolled) throw new KioskCallError('phone_not_enrolled', 'submitAccountSetup: phone not enrolled');
    const granted = new Set(invitation.records.map((r) => r.recordId));
    const chosen = [...new Set(recordIds)];
    if (chosen.some((id) => !granted.has(id))) throw new KioskCallError('record_not_found', 'submitAccountSetup: a record is not in the invite');
    const required = state.service.consent.statements.map((s) => s.id);
    if (!consentMatches(state.service.consent, { version: state.service.consent.version, statementIds: consentStatementIds })) {
      throw new KioskCallError('consent_invalid', 'submitAccountSetup: every consent statement must be given');
    }
    const request: AccountSetupRequest = {
      setupGrant: account.setupGrant,
      serviceId: state.service.id,
      recordIds: chosen,
      consent: { version: state.service.consent.version, statementIds: required, givenAt: new Date(this.#now()).toISOString() },
    };
    // One invitation, one setup: a resident starting again after a crash joins the setup this
    // kiosk already holds for the invite, and is told the truth about it.
    const queued = this.#deps.setupQueue.enqueue(invitation.inviteId, request, state.typed);
    this.end();
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
    if (state !== undefined && state.handle === handle && this.#idle(state)) this.end();
    if (this.#state === undefined || this.#state.handle !== handle) {
      throw new KioskCallError('session_ended', `${step}: this registration has ended; start again from the welcome screen`);
    }
    this.#state.lastCallAt = this.#now();
    this.#armIdleTimer();
    return this.#state;
  }

  #invited(step: string, handle: string): { state: SessionState; session: string } {
    const state = this.#require(step, handle);
    const session = this.#need(state.registrationSession, step, 'no invite confirmed');
    return { state, session };
  }

  // The service's `accountEmail` rule, kept before anything goes to the council (which checks it
  // too): with `invitation`, the account uses the address the invite was confirmed with.
  #requireInvitedAddress(state: SessionState, email: string, step: string): void {
    const invited = state.invitation === undefined ? undefined : state.email;
    if (state.service.accountEmail !== 'invitation' || invited === undefined) return;
    if (email.trim().toLowerCase() !== invited.toLowerCase()) {
      throw new KioskCallError('email_not_invited', `${step}: not the address the invitation was sent to`);
    }
  }

  #need<T>(value: T | undefined, step: string, why: string): T {
    if (value === undefined) throw new KioskCallError('step_out_of_order', `${step}: ${why}`);
    return value;
  }

  #notePhoneEnrolled(state: SessionState): void {
    if (state.phone?.enrolment.phoneEnrolled && state.account) state.account = { ...state.account, phoneEnrolled: true };
  }
}
