import { randomUUID } from 'node:crypto';
import got from 'got';
import type { Got, Response } from 'got';
import type { AccountCreationRequest, AccountSession, AccountSignInRequest } from '../../shared/councilApi/accountApi.ts';
import type { AccountSetup, AccountSetupRequest } from '../../shared/councilApi/accountSetupApi.ts';
import type {
  CaseworkerDeviceAuthorization,
  CaseworkerInviteList,
  CaseworkerSession,
  CaseworkerSignInRequest,
} from '../../shared/councilApi/caseworkerApi.ts';
import { councilEndpoints, fillPath } from '../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointDefinition, CouncilEndpointName, CouncilPathParams, CouncilQuery, CouncilRequestBody, CouncilResponse } from '../../shared/councilApi/councilEndpoints.ts';
import { COUNCIL_HEADERS, formatIdempotencyKey } from '../../shared/councilApi/councilPrimitives.ts';
import { councilProblemSchema } from '../../shared/councilApi/councilProblem.ts';
import type { CouncilProblem } from '../../shared/councilApi/councilProblem.ts';
import type { DeviceEnrolment, DeviceEnrolmentRequest, SiteConfiguration } from '../../shared/councilApi/deviceApi.ts';
import type { EmailVerification } from '../../shared/councilApi/emailVerificationApi.ts';
import type { InviteConfirmation } from '../../shared/councilApi/inviteApi.ts';
import type { PhoneEnrolment, PhoneEnrolmentStartRequest } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import { CouncilApiError, parseRetryAfter } from './councilApiError.ts';

/** How to reach the council API. */
export interface CouncilClientOptions {
  /** `https://council.example/registration` or the simulator's `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** The device credential from enrolment; absent only before the kiosk has enrolled. */
  deviceCredential?: string;
  /** Time limit for each request, connection included (default 10 000 ms). */
  timeoutMs?: number;
  /** How often got retries a GET (default 1); POSTs are never retried here: the outbox owns that. */
  getRetryLimit?: number;
  /** A simulator running on its own: its training token, sent on `/training/*` calls. */
  trainingToken?: string;
}

/** Per-call options: the registration session, caseworker token and idempotency key where they apply. */
export interface CouncilCallOptions {
  /** For creating POSTs. A fresh UUID when absent: pass your own to retry safely. */
  idempotencyKey?: string;
  registrationSession?: string;
  caseworkerToken?: string;
}

/** The input of a generic call: whatever the operation takes. */
export interface CouncilCallInput<N extends CouncilEndpointName> extends CouncilCallOptions {
  body?: CouncilRequestBody<N>;
  params?: CouncilPathParams<N>;
  query?: CouncilQuery<N>;
}

/** Registration-session calls need the session. */
type Session = CouncilCallOptions & { registrationSession: string };

/**
 * The kiosk's client for the council API, on `got`: a timeout on every request, every answer
 * parsed with the contract's zod schema, problem answers and transport failures turned into a
 * typed `CouncilApiError` (with `retryable`), and no retries of POST inside got (the outbox
 * retries with backoff, reusing its `Idempotency-Key`). GETs are retried once by got.
 */
export class CouncilClient {
  readonly #http: Got;
  readonly #credential: string | undefined;
  readonly #trainingToken: string | undefined;

  constructor(options: CouncilClientOptions) {
    this.#credential = options.deviceCredential;
    this.#trainingToken = options.trainingToken;
    this.#http = got.extend({
      prefixUrl: options.baseUrl.replace(/\/+$/, ''),
      timeout: { request: options.timeoutMs ?? 10_000 },
      retry: { limit: options.getRetryLimit ?? 1, methods: ['GET'], maxRetryAfter: 5_000, backoffLimit: 2_000 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      headers: { accept: 'application/json, application/problem+json' },
    });
  }

  /** Calls any operation of the endpoint table (the simulator's training ones included). */
  async call<N extends CouncilEndpointName>(name: N, input: CouncilCallInput<N> = {}): Promise<CouncilResponse<N>> {
    const definition: CouncilEndpointDefinition = councilEndpoints[name];
    const path = fillPath(definition.path, input.params).replace(/^\//, '');
    const headers: Record<string, string> = {};
    if (definition.auth.device && this.#credential !== undefined) headers[COUNCIL_HEADERS.authorization] = `Bearer ${this.#credential}`;
    if (definition.training && this.#trainingToken !== undefined) headers[COUNCIL_HEADERS.trainingToken] = this.#trainingToken;
    if (definition.idempotent) headers[COUNCIL_HEADERS.idempotencyKey] = formatIdempotencyKey(input.idempotencyKey ?? randomUUID());
    if (input.registrationSession !== undefined) headers[COUNCIL_HEADERS.registrationSession] = input.registrationSession;
    if (input.caseworkerToken !== undefined) headers[COUNCIL_HEADERS.caseworkerToken] = input.caseworkerToken;
    if (definition.body !== undefined) {
      const checked = definition.body.safeParse(input.body);
      if (!checked.success) throw new CouncilApiError({ operation: name, code: 'invalid_request', status: undefined, retryable: false, cause: checked.error });
    }
    let response: Response<string>;
    try {
      response = await this.#http(path, {
        method: definition.method,
        headers,
        ...(definition.body !== undefined ? { json: input.body } : {}),
        ...(input.query !== undefined ? { searchParams: input.query as Record<string, string> } : {}),
      });
    } catch (error) {
      const code = (error as { code?: string }).code === 'ETIMEDOUT' ? 'timeout' : 'network_error';
      throw new CouncilApiError({ operation: name, code, status: undefined, cause: error });
    }
    return readAnswer(name, definition, response) as CouncilResponse<N>;
  }

  /** `POST /v1/devices` (the one call without a device credential). */
  enrolDevice(body: DeviceEnrolmentRequest, options: CouncilCallOptions = {}): Promise<DeviceEnrolment> {
    return this.call('enrolDevice', { ...options, body });
  }

  /** `GET /v1/site`. */
  getSiteConfiguration(): Promise<SiteConfiguration> {
    return this.call('getSiteConfiguration');
  }

  /** `POST /v1/caseworker-sessions`. */
  signInCaseworker(body: CaseworkerSignInRequest, options: CouncilCallOptions = {}): Promise<CaseworkerSession> {
    return this.call('signInCaseworker', { ...options, body });
  }

  /** `POST /v1/caseworker-device-authorizations` (RFC 8628 device authorization request). */
  startCaseworkerDeviceAuthorization(options: CouncilCallOptions = {}): Promise<CaseworkerDeviceAuthorization> {
    return this.call('startCaseworkerDeviceAuthorization', { ...options, body: {} });
  }

  /** `POST /v1/caseworker-device-authorizations/token`: `authorization_pending` and the like until approved. */
  pollCaseworkerDeviceAuthorization(deviceCode: string, options: CouncilCallOptions = {}): Promise<CaseworkerSession> {
    return this.call('pollCaseworkerDeviceAuthorization', { ...options, body: { deviceCode } });
  }

  /** `GET /v1/caseworker/invites`. */
  listCaseworkerInvites(options: CouncilCallOptions & { caseworkerToken: string }): Promise<CaseworkerInviteList> {
    return this.call('listCaseworkerInvites', options);
  }

  /** `POST /v1/caseworker/invite-confirmations`. */
  confirmInviteByCaseworker(inviteCode: string, options: CouncilCallOptions & { caseworkerToken: string }): Promise<InviteConfirmation> {
    return this.call('confirmInviteByCaseworker', { ...options, body: { inviteCode } });
  }

  /** `POST /v1/invite-confirmations`. */
  confirmInvite(body: { inviteCode: string; email: string }, options: CouncilCallOptions = {}): Promise<InviteConfirmation> {
    return this.call('confirmInvite', { ...options, body });
  }

  /** `POST /v1/account-sessions`. */
  signIn(body: AccountSignInRequest, options: Session): Promise<AccountSession> {
    return this.call('signIn', { ...options, body });
  }

  /** `POST /v1/email-verifications`. */
  startEmailVerification(email: string, options: Session): Promise<EmailVerification> {
    return this.call('startEmailVerification', { ...options, body: { email } });
  }

  /** `POST /v1/email-verifications/{verificationId}/resend`. */
  resendEmailVerification(verificationId: string, options: Session): Promise<EmailVerification> {
    return this.call('resendEmailVerification', { ...options, params: { verificationId } });
  }

  /** `POST /v1/email-verifications/{verificationId}/verify`. */
  verifyEmail(verificationId: string, code: string, options: Session): Promise<EmailVerification> {
    return this.call('verifyEmail', { ...options, params: { verificationId }, body: { code } });
  }

  /** `POST /v1/accounts`. */
  createAccount(body: AccountCreationRequest, options: Session): Promise<AccountSession> {
    return this.call('createAccount', { ...options, body });
  }

  /** `POST /v1/phone-enrolments`. */
  startPhoneEnrolment(body: PhoneEnrolmentStartRequest, options: Session): Promise<PhoneEnrolment> {
    return this.call('startPhoneEnrolment', { ...options, body });
  }

  /** `POST /v1/phone-enrolments/{enrolmentId}/verify`. */
  verifyPhoneCode(enrolmentId: string, code: string, options: Session): Promise<PhoneEnrolment> {
    return this.call('verifyPhoneCode', { ...options, params: { enrolmentId }, body: { code } });
  }

  /** `GET /v1/phone-enrolments/{enrolmentId}`. */
  getPhoneEnrolment(enrolmentId: string, options: Session): Promise<PhoneEnrolment> {
    return this.call('getPhoneEnrolment', { ...options, params: { enrolmentId } });
  }

  /**
   * `POST /v1/account-setups`. The outbox passes one `idempotencyKey` per entry and reuses it on
   * every retry, so the council creates the setup exactly once.
   */
  submitAccountSetup(body: AccountSetupRequest, options: { idempotencyKey: string }): Promise<AccountSetup> {
    return this.call('submitAccountSetup', { ...options, body });
  }

  /** `GET /v1/account-setups/{reference}`. */
  getAccountSetup(reference: string): Promise<AccountSetup> {
    return this.call('getAccountSetup', { params: { reference } });
  }
}

function readAnswer(operation: string, definition: CouncilEndpointDefinition, response: Response<string>): unknown {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const status = response.statusCode;
  if (status >= 200 && status < 300) {
    const parsed = definition.success.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new CouncilApiError({ operation, code: 'unexpected_response', status, retryable: false, cause: parsed.error });
  }
  const headerRetryAfter = parseRetryAfter(response.headers['retry-after']);
  const problem = councilProblemSchema.safeParse(json);
  if (!problem.success) {
    throw new CouncilApiError({ operation, code: 'unexpected_response', status, retryAfterSeconds: headerRetryAfter });
  }
  const body: CouncilProblem = problem.data;
  throw new CouncilApiError({ operation, code: body.code, status, retryAfterSeconds: body.retryAfterSeconds ?? headerRetryAfter, problem: body });
}
