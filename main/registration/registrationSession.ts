import type { AccountSession } from '../../shared/councilApi/accountApi.ts';
import type { AccountSetupRequest } from '../../shared/councilApi/accountSetupApi.ts';
import { COUNCIL_RULES } from '../../shared/councilApi/councilPrimitives.ts';
import type { EmailVerification } from '../../shared/councilApi/emailVerificationApi.ts';
import type { Invitation } from '../../shared/councilApi/inviteApi.ts';
import type { PhoneEnrolment } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type {
  AccountStatus,
  EmailCodeStatus,
  InvitationSummary,
  PhoneCheckStatus,
  SetupReceipt,
} from '../../shared/kioskApi/registrationMethods.ts';
import type { ServiceCatalog, ServiceDefinition } from '../../shared/serviceDefinition.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { liveCouncilCall } from './councilErrors.ts';
import type { SetupQueue } from './setupQueue.ts';

/** What a registration needs from the rest of main. */
export interface RegistrationDeps {
  catalog: ServiceCatalog;
  /** The council API client, or a function giving it (training mode enrols at start). */
  council: () => CouncilClient;
  setupQueue: SetupQueue;
  now?: () => number;
  /** How long 'Submit' waits for the council's acknowledgement before telling the resident it will be sent. */
  deliveryWaitMs?: number;
}

// Everything the kiosk knows about the resident in front of it. Memory only: never written to
// disk, never logged, and dropped by `end()` (the renderer ends the session on finish or idle).
interface SessionState {
  service: ServiceDefinition;
  localId: string;
  registrationSession?: string;
  invitation?: Invitation;
  email?: string;
  verification?: EmailVerification;
  account?: AccountSession;
  phone?: { number: string; enrolment: PhoneEnrolment };
}

/**
 * One resident's registration at a time, as the kiosk sees it: main keeps the council's session
 * credentials (registration session, setup grant) out of the renderer, runs each live step
 * against the council API, and hands the account setup to the outbox. Each method checks the
 * step order, so a confused or hostile renderer cannot skip a step; the council checks again.
 */
export class RegistrationSessions {
  readonly #deps: RegistrationDeps;
  readonly #now: () => number;
  #state: SessionState | undefined;
  #counter = 0;

  constructor(deps: RegistrationDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** A resident chose a service: anything left of an earlier session is dropped. */
  start(serviceId: string): void {
    const service = this.#deps.catalog.services.find((s) => s.id === serviceId);
    if (service === undefined) throw new KioskCallError('invalid_input', `No service "${serviceId}" on this kiosk`);
    this.#counter += 1;
    this.#state = { service, localId: `${this.#now().toString(36)}-${this.#counter}` };
  }

  /** The session ended: forget every credential and detail of it. */
  end(): void {
    this.#state = undefined;
  }

  /** Seed steps 1–2: confirms the invite with its code and the e-mail address it was sent to. */
  async confirmInvite(inviteCode: string, email: string): Promise<InvitationSummary> {
    const state = this.#require('confirmInvite', (s) => s);
    const confirmation = await liveCouncilCall('confirmInvite', () => this.#council().confirmInvite({ inviteCode, email: email.trim() }));
    if (confirmation.invitation.serviceId !== state.service.id) {
      throw new KioskCallError('invite_not_found', 'The invite is for another service');
    }
    Object.assign(state, {
      registrationSession: confirmation.registrationSessionId,
      invitation: confirmation.invitation,
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
  async signIn(email: string, password: string): Promise<AccountStatus> {
    const { state, session } = this.#invited('signIn');
    this.#requireInvitedAddress(state, email, 'signIn');
    state.account = await liveCouncilCall('signIn', () => this.#council().signIn({ email: email.trim(), password }, { registrationSession: session }));
    return { phoneEnrolled: state.account.phoneEnrolled };
  }

  /** Seed step 5: 'Send verification code'. */
  async sendEmailCode(email: string): Promise<EmailCodeStatus> {
    const { state, session } = this.#invited('sendEmailCode');
    this.#requireInvitedAddress(state, email, 'sendEmailCode');
    state.verification = await liveCouncilCall('startEmailVerification', () =>
      this.#council().startEmailVerification(email.trim(), { registrationSession: session }),
    );
    state.email = email.trim();
    return this.#emailStatus(state.verification);
  }

  /** 'Send a new code'. */
  async resendEmailCode(): Promise<EmailCodeStatus> {
    const { state, session } = this.#invited('resendEmailCode');
    const verification = this.#need(state.verification, 'resendEmailCode', 'no code was sent yet');
    state.verification = await liveCouncilCall('resendEmailVerification', () =>
      this.#council().resendEmailVerification(verification.verificationId, { registrationSession: session }),
    );
    return this.#emailStatus(state.verification);
  }

  /** Seed step 7: 'Verify code'. */
  async verifyEmailCode(code: string): Promise<EmailCodeStatus> {
    const { state, session } = this.#invited('verifyEmailCode');
    const verification = this.#need(state.verification, 'verifyEmailCode', 'no code was sent yet');
    state.verification = await liveCouncilCall('verifyEmail', () =>
      this.#council().verifyEmail(verification.verificationId, code, { registrationSession: session }),
    );
    return this.#emailStatus(state.verification);
  }

  /** Seed step 8: 'Create'. The password goes to the council and nowhere else. */
  async createAccount(givenName: string, surname: string, password: string): Promise<AccountStatus> {
    const { state, session } = this.#invited('createAccount');
    const verification = this.#need(state.verification, 'createAccount', 'the e-mail address is not verified');
    if (verification.state !== 'verified') throw new KioskCallError('email_not_verified', 'createAccount: the e-mail address is not verified');
    state.account = await liveCouncilCall('createAccount', () =>
      this.#council().createAccount({ verificationId: verification.verificationId, givenName, surname, password }, { registrationSession: session }),
    );
    return { phoneEnrolled: state.account.phoneEnrolled };
  }

  /** Seed step 10 (and the confirming round of step 11): 'Send Code' or 'Call Me'. */
  async startPhoneCheck(phoneNumber: string, method: 'sms' | 'call'): Promise<PhoneCheckStatus> {
    const { state, session } = this.#invited('startPhoneCheck');
    this.#need(state.account, 'startPhoneCheck', 'no account yet');
    const enrolment = await liveCouncilCall('startPhoneEnrolment', () =>
      this.#council().startPhoneEnrolment({ phoneNumber, method }, { registrationSession: session }),
    );
    state.phone = { number: phoneNumber, enrolment };
    return this.#phoneStatus(enrolment);
  }

  /** The code from the text message. */
  async verifyPhoneCode(code: string): Promise<PhoneCheckStatus> {
    const { state, session } = this.#invited('verifyPhoneCode');
    const phone = this.#need(state.phone, 'verifyPhoneCode', 'no phone check was started');
    phone.enrolment = await liveCouncilCall('verifyPhoneCode', () =>
      this.#council().verifyPhoneCode(phone.enrolment.enrolmentId, code, { registrationSession: session }),
    );
    this.#notePhoneEnrolled(state);
    return this.#phoneStatus(phone.enrolment);
  }

  /** The current phone round, polled while a call rings. */
  async getPhoneCheck(): Promise<PhoneCheckStatus> {
    const { state, session } = this.#invited('getPhoneCheck');
    const phone = this.#need(state.phone, 'getPhoneCheck', 'no phone check was started');
    phone.enrolment = await liveCouncilCall('getPhoneEnrolment', () =>
      this.#council().getPhoneEnrolment(phone.enrolment.enrolmentId, { registrationSession: session }),
    );
    this.#notePhoneEnrolled(state);
    return this.#phoneStatus(phone.enrolment);
  }

  /**
   * Seed steps 12–13: 'Submit'. The records must be ones the invite grants and every consent
   * statement of the service must be given. The setup goes into the outbox (durable before this
   * returns), so the resident gets a receipt even when the council cannot be reached; it is then
   * delivered by the sync engine. The session's credentials are dropped: the setup grant now
   * lives only in the encrypted outbox row, until the council acknowledges it.
   */
  async submitAccountSetup(recordIds: string[], consentStatementIds: string[]): Promise<SetupReceipt> {
    const state = this.#require('submitAccountSetup', (s) => s);
    const invitation = this.#need(state.invitation, 'submitAccountSetup', 'no invite confirmed');
    const account = this.#need(state.account, 'submitAccountSetup', 'no account yet');
    if (!account.phoneEnrolled) throw new KioskCallError('phone_not_enrolled', 'submitAccountSetup: phone not enrolled');
    const granted = new Set(invitation.records.map((r) => r.recordId));
    const chosen = [...new Set(recordIds)];
    if (chosen.some((id) => !granted.has(id))) throw new KioskCallError('record_not_found', 'submitAccountSetup: a record is not in the invite');
    const required = state.service.consent.statements.map((s) => s.id);
    const given = new Set(consentStatementIds);
    if (required.some((id) => !given.has(id)) || given.size !== required.length) {
      throw new KioskCallError('consent_invalid', 'submitAccountSetup: every consent statement must be given');
    }
    const request: AccountSetupRequest = {
      setupGrant: account.setupGrant,
      serviceId: state.service.id,
      recordIds: chosen,
      consent: { version: state.service.consent.version, statementIds: required, givenAt: new Date(this.#now()).toISOString() },
    };
    const queued = this.#deps.setupQueue.enqueue(state.localId, request);
    this.end();
    const delivered = await this.#deps.setupQueue.waitForDelivery(queued.sequence, this.#deps.deliveryWaitMs ?? 3_000);
    return { receipt: queued.receipt, delivered: delivered !== undefined, councilReference: delivered?.reference ?? null };
  }

  #council(): CouncilClient {
    return this.#deps.council();
  }

  #require<T>(step: string, pick: (state: SessionState) => T): T {
    if (this.#state === undefined) throw new KioskCallError('step_out_of_order', `${step}: no registration in progress`);
    return pick(this.#state);
  }

  #invited(step: string): { state: SessionState; session: string } {
    const state = this.#require(step, (s) => s);
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

  // Relative seconds for the screen's countdown, capped by the council's own rules: the training
  // simulator's clock can be moved forward, and a countdown must never promise more than the rules.
  #secondsUntil(instant: string, cap: number): number {
    return Math.min(cap, Math.max(0, Math.ceil((Date.parse(instant) - this.#now()) / 1000)));
  }

  #emailStatus(v: EmailVerification): EmailCodeStatus {
    return {
      state: v.state,
      codeExpiresInSeconds: this.#secondsUntil(v.codeExpiresAt, COUNCIL_RULES.codeValiditySeconds),
      resendAvailableInSeconds: this.#secondsUntil(v.resendAvailableAt, COUNCIL_RULES.resendCooldownSeconds),
      attemptsRemaining: v.attemptsRemaining,
    };
  }

  #phoneStatus(e: PhoneEnrolment): PhoneCheckStatus {
    return {
      method: e.method,
      phoneKind: e.phoneKind,
      round: e.round,
      state: e.state,
      codeExpiresInSeconds: e.codeExpiresAt === null ? null : this.#secondsUntil(e.codeExpiresAt, COUNCIL_RULES.codeValiditySeconds),
      attemptsRemaining: e.attemptsRemaining,
      phoneEnrolled: e.phoneEnrolled,
    };
  }
}
