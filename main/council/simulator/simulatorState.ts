import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import type { TrainingMessage } from '../../../shared/councilApi/trainingApi.ts';
import type { PhoneMethod } from '../../../shared/councilApi/phoneEnrolmentApi.ts';
import type { ServiceCatalog, ServiceDefinition } from '../../../shared/serviceDefinition.ts';
import { CaseworkerLockout } from './caseworkerLockout.ts';
import type { SimDeviceAuthorization } from './deviceAuthorizationHandlers.ts';
import type { SimulatorClock } from './simulatorClock.ts';
import { isoAt } from './simulatorClock.ts';
import { SimulatorProblem } from './simulatorProblem.ts';

/** An invite as the council holds it (the simulator knows the real names; the API masks them). */
export interface SimInvite {
  inviteId: string;
  serviceId: string;
  /** Normalised (upper case, no separators). */
  code: string;
  /** Lower case. */
  email: string;
  residentName: string;
  records: { recordId: string; name: string }[];
  caseworkerStaffId: string | null;
  sentAt: number;
  expiresAt: number;
  state: 'sent' | 'confirmed' | 'used';
}

/** A council account. The password is kept as a salted hash only. */
export interface SimAccount {
  accountId: string;
  email: string;
  givenName: string;
  surname: string;
  passwordSalt: Buffer;
  passwordHash: Buffer;
  /** The enrolled phone (both rounds confirmed), or null. */
  phoneNumber: string | null;
  /** The number part-way through enrolment, and how many rounds of it are confirmed. */
  pendingPhone: { number: string; confirmedRounds: number } | null;
}

/** An enrolled kiosk. */
export interface SimDevice {
  deviceId: string;
  credential: string;
  deviceName: string;
  enrolledAt: number;
}

/** A caseworker as seeded. */
export interface SimCaseworker {
  staffId: string;
  password: string;
  displayName: string;
}

/** A signed-in caseworker on one device. */
export interface SimCaseworkerSession {
  token: string;
  staffId: string;
  deviceId: string;
  expiresAt: number;
}

/** A registration session: opened by an invite confirmation, bound to one device. */
export interface SimRegistrationSession {
  id: string;
  deviceId: string;
  inviteId: string;
  expiresAt: number;
  accountId: string | null;
}

/** A code sent by e-mail or text. */
export interface SimCode {
  code: string;
  issuedAt: number;
  wrongTries: number;
}

/** An e-mail verification. */
export interface SimEmailVerification {
  id: string;
  sessionId: string;
  email: string;
  current: SimCode;
  verifiedAt: number | null;
}

/** One phone enrolment round. */
export interface SimPhoneEnrolment {
  id: string;
  sessionId: string;
  accountId: string;
  number: string;
  phoneKind: 'mobile' | 'landline';
  method: PhoneMethod;
  round: 1 | 2;
  /** Texts only. */
  current: SimCode | null;
  /** Calls only. */
  callId: string | null;
  startedAt: number;
  answeredAt: number | null;
  keysPressed: string;
  confirmedAt: number | null;
}

/** A setup grant: single use, bound to an account and an invite. */
export interface SimSetupGrant {
  grant: string;
  accountId: string;
  inviteId: string;
  serviceId: string;
  expiresAt: number;
  usedByReference: string | null;
}

/** An account setup as stored. */
export interface SimAccountSetup {
  reference: string;
  idempotencyKey: string;
  deviceId: string;
  serviceId: string;
  inviteId: string;
  accountId: string;
  recordIds: string[];
  consentVersion: string;
  submittedAt: number;
  activatesAt: number;
  activationSent: boolean;
}

/**
 * Everything the simulator holds, in memory, plus what every handler shares: ids,
 * secrets, codes, the "outbox" of messages it sends, and the code throttle (30-second cooldown,
 * 5 an hour per address). One instance per simulator; nothing is persisted.
 */
export class SimulatorState {
  readonly clock: SimulatorClock;
  readonly catalog: ServiceCatalog;
  readonly activationDelaySeconds: number;
  readonly invites = new Map<string, SimInvite>();
  readonly accounts = new Map<string, SimAccount>();
  readonly devices = new Map<string, SimDevice>();
  readonly enrolmentTokens = new Set<string>();
  readonly caseworkers = new Map<string, SimCaseworker>();
  readonly caseworkerSessions = new Map<string, SimCaseworkerSession>();
  readonly caseworkerLockout = new CaseworkerLockout();
  /** Device authorizations (RFC 8628) by device code. */
  readonly deviceAuthorizations = new Map<string, SimDeviceAuthorization>();
  readonly registrationSessions = new Map<string, SimRegistrationSession>();
  readonly emailVerifications = new Map<string, SimEmailVerification>();
  readonly phoneEnrolments = new Map<string, SimPhoneEnrolment>();
  readonly setupGrants = new Map<string, SimSetupGrant>();
  readonly accountSetups = new Map<string, SimAccountSetup>();
  readonly messages: TrainingMessage[] = [];
  readonly #sendTimes = new Map<string, number[]>();
  readonly #pendingActivations: SimAccountSetup[] = [];

  constructor(options: { clock: SimulatorClock; catalog: ServiceCatalog; activationDelaySeconds: number }) {
    this.clock = options.clock;
    this.catalog = options.catalog;
    this.activationDelaySeconds = options.activationDelaySeconds;
  }

  /** A fresh identifier with a readable prefix (`ev_…`, `pe_…`). */
  newId(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('base64url')}`;
  }

  /** A fresh secret (credential, token, grant). */
  newSecret(prefix: string): string {
    return `${prefix}.${randomBytes(24).toString('base64url')}`;
  }

  /** A fresh 6-digit code. */
  newCode(): SimCode {
    return { code: String(randomInt(0, 10 ** COUNCIL_RULES.codeLength)).padStart(COUNCIL_RULES.codeLength, '0'), issuedAt: this.clock.now(), wrongTries: 0 };
  }

  /** The service definition for an id; a seeded or minted invite always names a known one. */
  service(serviceId: string): ServiceDefinition {
    const service = this.catalog.services.find((s) => s.id === serviceId);
    if (service === undefined) throw new Error(`Unknown service ${serviceId}`);
    return service;
  }

  /**
   * The service a registration session's messages speak for: its invite's (the first in the
   * catalogue should the invite be gone), so every text names the service's own account.
   */
  sessionService(session: { inviteId: string }): ServiceDefinition {
    const invite = this.invites.get(session.inviteId);
    return this.service(invite?.serviceId ?? this.catalog.services[0]?.id ?? '');
  }

  /** Finds an account by e-mail address (case-insensitive). */
  accountByEmail(email: string): SimAccount | undefined {
    const wanted = email.toLowerCase();
    for (const account of this.accounts.values()) if (account.email === wanted) return account;
    return undefined;
  }

  /** Creates an account, hashing the password. */
  addAccount(fields: Omit<SimAccount, 'passwordSalt' | 'passwordHash' | 'accountId'> & { password: string }): SimAccount {
    const { password, ...rest } = fields;
    const passwordSalt = randomBytes(16);
    const account: SimAccount = { ...rest, email: rest.email.toLowerCase(), accountId: this.newId('acc'), passwordSalt, passwordHash: hashPassword(passwordSalt, password) };
    this.accounts.set(account.accountId, account);
    return account;
  }

  /** Whether a password is the account's. */
  passwordMatches(account: SimAccount, password: string): boolean {
    return timingSafeEqual(hashPassword(account.passwordSalt, password), account.passwordHash);
  }

  /** Issues a setup grant for an account and an invite, valid 14 days. */
  issueSetupGrant(accountId: string, invite: SimInvite): SimSetupGrant {
    const grant: SimSetupGrant = {
      grant: this.newSecret('sg'),
      accountId,
      inviteId: invite.inviteId,
      serviceId: invite.serviceId,
      expiresAt: this.clock.now() + COUNCIL_RULES.setupGrantValiditySeconds * 1000,
      usedByReference: null,
    };
    this.setupGrants.set(grant.grant, grant);
    return grant;
  }

  /**
   * Checks the code throttle for an address (e-mail or number) and records a send: at most one
   * every 30 seconds and 5 in any hour. Throws `resend_too_soon` or `too_many_codes`.
   */
  recordCodeSend(address: string): void {
    const now = this.clock.now();
    const windowMs = COUNCIL_RULES.codeRateWindowSeconds * 1000;
    const times = (this.#sendTimes.get(address) ?? []).filter((t) => t > now - windowMs);
    const last = times.at(-1);
    if (last !== undefined && now - last < COUNCIL_RULES.resendCooldownSeconds * 1000) {
      const wait = Math.ceil((last + COUNCIL_RULES.resendCooldownSeconds * 1000 - now) / 1000);
      throw new SimulatorProblem('resend_too_soon', `Wait ${wait} seconds before asking for another code`, { retryAfterSeconds: Math.max(1, wait) });
    }
    const oldest = times[0];
    if (times.length >= COUNCIL_RULES.codesPerHour && oldest !== undefined) {
      const wait = Math.ceil((oldest + windowMs - now) / 1000);
      throw new SimulatorProblem('too_many_codes', `${COUNCIL_RULES.codesPerHour} codes were sent in the last hour`, { retryAfterSeconds: Math.max(1, wait) });
    }
    times.push(now);
    this.#sendTimes.set(address, times);
  }

  /** Records something "sent" to a resident, for `GET /training/messages`. */
  send(message: Omit<TrainingMessage, 'messageId' | 'sentAt'> & { sentAt?: number }): void {
    this.messages.push({ ...message, messageId: this.newId('msg'), sentAt: isoAt(message.sentAt ?? this.clock.now()) });
  }

  /** Stores an account setup and schedules its activation. */
  addAccountSetup(setup: SimAccountSetup): void {
    this.accountSetups.set(setup.reference, setup);
    this.#pendingActivations.push(setup);
  }

  /**
   * Sends the 'New … activation' e-mail for every setup whose activation time has passed, dated
   * at that time. Called before each request, so moving the clock is enough to activate.
   */
  processDueActivations(): void {
    const now = this.clock.now();
    for (let i = this.#pendingActivations.length - 1; i >= 0; i--) {
      const setup = this.#pendingActivations[i];
      if (setup === undefined || setup.activatesAt > now) continue;
      this.#pendingActivations.splice(i, 1);
      setup.activationSent = true;
      const account = this.accounts.get(setup.accountId);
      if (account === undefined) continue;
      const service = this.service(setup.serviceId);
      this.send({
        channel: 'email',
        recipient: account.email,
        title: service.emailTitles.activation,
        code: null,
        body: `Your ${service.name} account is now active (reference ${setup.reference}). You can log in with the e-mail address and password you set up.`,
        callId: null,
        sentAt: setup.activatesAt,
      });
    }
  }
}

// A simulator, not a password store: a salted SHA-256 keeps typed passwords out of memory, no more.
function hashPassword(salt: Buffer, password: string): Buffer {
  return createHash('sha256').update(salt).update(password, 'utf8').digest();
}
