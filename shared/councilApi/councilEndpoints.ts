import type { z } from 'zod';
import { accountCreationRequestSchema, accountSessionSchema, accountSignInRequestSchema } from './accountApi.ts';
import { accountSetupParamsSchema, accountSetupRequestSchema, accountSetupSchema } from './accountSetupApi.ts';
import {
  caseworkerInviteConfirmationRequestSchema,
  caseworkerInviteListSchema,
  caseworkerSessionSchema,
  caseworkerSignInRequestSchema,
} from './caseworkerApi.ts';
import type { CouncilProblemCode } from './councilProblem.ts';
import { deviceEnrolmentRequestSchema, deviceEnrolmentSchema, siteConfigurationSchema } from './deviceApi.ts';
import {
  codeVerificationRequestSchema,
  emailVerificationParamsSchema,
  emailVerificationSchema,
  emailVerificationStartRequestSchema,
} from './emailVerificationApi.ts';
import { inviteConfirmationRequestSchema, inviteConfirmationSchema } from './inviteApi.ts';
import { phoneEnrolmentParamsSchema, phoneEnrolmentSchema, phoneEnrolmentStartRequestSchema } from './phoneEnrolmentApi.ts';
import {
  faultConfigSchema,
  trainingAccountSetupListSchema,
  trainingCallParamsSchema,
  trainingCallSchema,
  trainingClockAdvanceRequestSchema,
  trainingClockSchema,
  trainingEnrolmentTokenListSchema,
  trainingEnrolmentTokenRequestSchema,
  trainingKeypressRequestSchema,
  trainingMessageListSchema,
  trainingMessageQuerySchema,
  trainingSeedSchema,
  trainingSetupGrantListSchema,
  trainingSetupGrantRequestSchema,
} from './trainingApi.ts';

/**
 * The council API's endpoint table: one entry per operation, with everything a server, a client
 * and the OpenAPI document need. The simulator routes by it, the got client calls by it, and
 * `main/council/openApiDocument.ts` publishes it; so the three cannot drift apart.
 *
 * Authentication, per entry:
 * - `device`: `Authorization: Bearer <device credential>` (every `/v1` call but enrolment);
 * - `registrationSession`: `X-Registration-Session` from the invite confirmation;
 * - `caseworker`: `X-Caseworker-Token` from caseworker sign-in.
 * Every `/v1` POST requires `Idempotency-Key` (IETF httpapi draft): a replay answers the first
 * result with `Idempotent-Replayed: true`; the same key with another body or path is 422
 * `idempotency_key_reused`; while the first is still being processed, 409
 * `idempotency_request_in_progress`. Answers of 429 and 5xx are not stored, so a retry after
 * them is processed afresh. Keys are scoped to the device and kept 30 days.
 */

/** Which credentials an endpoint needs. */
export interface CouncilEndpointAuth {
  device: boolean;
  registrationSession: boolean;
  caseworker: boolean;
}

/** One operation of the council API. */
export interface CouncilEndpointDefinition {
  method: 'GET' | 'POST';
  /** OpenAPI-style path with `{param}` placeholders. */
  path: string;
  summary: string;
  auth: CouncilEndpointAuth;
  /** Whether `Idempotency-Key` is required (every `/v1` POST). */
  idempotent: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201; schema: z.ZodType };
  /** The endpoint's own problem codes; `problemCodesFor` adds the ones every endpoint can answer. */
  problems: readonly CouncilProblemCode[];
  /** `/training/*`: only the simulator has it. */
  training: boolean;
}

const DEVICE: CouncilEndpointAuth = { device: true, registrationSession: false, caseworker: false };
const RESIDENT: CouncilEndpointAuth = { device: true, registrationSession: true, caseworker: false };
const CASEWORKER: CouncilEndpointAuth = { device: true, registrationSession: false, caseworker: true };
const NONE: CouncilEndpointAuth = { device: false, registrationSession: false, caseworker: false };

/** Every operation, by its OpenAPI `operationId`. */
export const councilEndpoints = {
  // Kiosk and staff
  enrolDevice: {
    method: 'POST',
    path: '/v1/devices',
    summary: 'Enrol this kiosk with a one-time token; answers the device credential',
    auth: NONE,
    idempotent: true,
    body: deviceEnrolmentRequestSchema,
    success: { status: 201, schema: deviceEnrolmentSchema },
    problems: ['enrolment_token_invalid'],
    training: false,
  },
  getSiteConfiguration: {
    method: 'GET',
    path: '/v1/site',
    summary: "This device's site: the services offered and their current consent versions",
    auth: DEVICE,
    idempotent: false,
    success: { status: 200, schema: siteConfigurationSchema },
    problems: [],
    training: false,
  },
  signInCaseworker: {
    method: 'POST',
    path: '/v1/caseworker-sessions',
    summary: 'A caseworker signs in on the kiosk (assisted mode)',
    auth: DEVICE,
    idempotent: true,
    body: caseworkerSignInRequestSchema,
    success: { status: 201, schema: caseworkerSessionSchema },
    problems: ['caseworker_sign_in_failed'],
    training: false,
  },
  listCaseworkerInvites: {
    method: 'GET',
    path: '/v1/caseworker/invites',
    summary: "The signed-in caseworker's open invites today (masked)",
    auth: CASEWORKER,
    idempotent: false,
    success: { status: 200, schema: caseworkerInviteListSchema },
    problems: ['caseworker_session_invalid'],
    training: false,
  },
  confirmInviteByCaseworker: {
    method: 'POST',
    path: '/v1/caseworker/invite-confirmations',
    summary: 'A caseworker confirms the invite code the resident read out (seed step 2)',
    auth: CASEWORKER,
    idempotent: true,
    body: caseworkerInviteConfirmationRequestSchema,
    success: { status: 201, schema: inviteConfirmationSchema },
    problems: ['caseworker_session_invalid', 'invite_not_found', 'invite_already_used', 'invite_expired'],
    training: false,
  },

  // Resident steps
  confirmInvite: {
    method: 'POST',
    path: '/v1/invite-confirmations',
    summary: 'Confirm an invite by its code and e-mail address; opens a registration session',
    auth: DEVICE,
    idempotent: true,
    body: inviteConfirmationRequestSchema,
    success: { status: 201, schema: inviteConfirmationSchema },
    problems: ['invite_not_found', 'invite_already_used', 'invite_expired'],
    training: false,
  },
  signIn: {
    method: 'POST',
    path: '/v1/account-sessions',
    summary: 'Sign in to an existing account (seed step 4); answers a setup grant',
    auth: RESIDENT,
    idempotent: true,
    body: accountSignInRequestSchema,
    success: { status: 201, schema: accountSessionSchema },
    problems: ['registration_session_invalid', 'email_not_invited', 'sign_in_failed'],
    training: false,
  },
  startEmailVerification: {
    method: 'POST',
    path: '/v1/email-verifications',
    summary: "'Send verification code': e-mails a 6-digit code",
    auth: RESIDENT,
    idempotent: true,
    body: emailVerificationStartRequestSchema,
    success: { status: 201, schema: emailVerificationSchema },
    problems: ['registration_session_invalid', 'email_not_invited', 'email_in_use', 'resend_too_soon', 'too_many_codes'],
    training: false,
  },
  resendEmailVerification: {
    method: 'POST',
    path: '/v1/email-verifications/{verificationId}/resend',
    summary: 'Sends a new code; the previous one stops working',
    auth: RESIDENT,
    idempotent: true,
    params: emailVerificationParamsSchema,
    success: { status: 201, schema: emailVerificationSchema },
    problems: ['registration_session_invalid', 'not_found', 'step_out_of_order', 'resend_too_soon', 'too_many_codes'],
    training: false,
  },
  verifyEmail: {
    method: 'POST',
    path: '/v1/email-verifications/{verificationId}/verify',
    summary: "'Verify code'",
    auth: RESIDENT,
    idempotent: true,
    params: emailVerificationParamsSchema,
    body: codeVerificationRequestSchema,
    success: { status: 200, schema: emailVerificationSchema },
    problems: ['registration_session_invalid', 'not_found', 'step_out_of_order', 'code_incorrect', 'code_expired', 'too_many_attempts'],
    training: false,
  },
  createAccount: {
    method: 'POST',
    path: '/v1/accounts',
    summary: "'Create': a new account for the verified e-mail address; answers a setup grant",
    auth: RESIDENT,
    idempotent: true,
    body: accountCreationRequestSchema,
    success: { status: 201, schema: accountSessionSchema },
    problems: ['registration_session_invalid', 'not_found', 'email_not_verified', 'email_in_use', 'password_too_weak'],
    training: false,
  },
  startPhoneEnrolment: {
    method: 'POST',
    path: '/v1/phone-enrolments',
    summary: "'Send Code' (text, mobiles only) or 'Call Me'; a second round confirms the number",
    auth: RESIDENT,
    idempotent: true,
    body: phoneEnrolmentStartRequestSchema,
    success: { status: 201, schema: phoneEnrolmentSchema },
    problems: [
      'registration_session_invalid',
      'account_required',
      'phone_invalid',
      'sms_not_supported_for_landline',
      'phone_already_enrolled',
      'resend_too_soon',
      'too_many_codes',
    ],
    training: false,
  },
  verifyPhoneCode: {
    method: 'POST',
    path: '/v1/phone-enrolments/{enrolmentId}/verify',
    summary: 'Check the 6-digit code from the text',
    auth: RESIDENT,
    idempotent: true,
    params: phoneEnrolmentParamsSchema,
    body: codeVerificationRequestSchema,
    success: { status: 200, schema: phoneEnrolmentSchema },
    problems: ['registration_session_invalid', 'not_found', 'step_out_of_order', 'code_incorrect', 'code_expired', 'too_many_attempts'],
    training: false,
  },
  getPhoneEnrolment: {
    method: 'GET',
    path: '/v1/phone-enrolments/{enrolmentId}',
    summary: "A phone enrolment round's state: poll a call until confirmed, no_answer or failed",
    auth: RESIDENT,
    idempotent: false,
    params: phoneEnrolmentParamsSchema,
    success: { status: 200, schema: phoneEnrolmentSchema },
    problems: ['registration_session_invalid', 'not_found'],
    training: false,
  },
  submitAccountSetup: {
    method: 'POST',
    path: '/v1/account-setups',
    summary: 'The records chosen and the consent given; may be delivered days later by the outbox',
    auth: DEVICE,
    idempotent: true,
    body: accountSetupRequestSchema,
    success: { status: 201, schema: accountSetupSchema },
    problems: [
      'setup_grant_invalid',
      'setup_grant_expired',
      'invite_already_used',
      'setup_grant_used',
      'record_not_found',
      'consent_invalid',
      'phone_not_enrolled',
    ],
    training: false,
  },
  getAccountSetup: {
    method: 'GET',
    path: '/v1/account-setups/{reference}',
    summary: "An account setup's state: pending_activation, then active",
    auth: DEVICE,
    idempotent: false,
    params: accountSetupParamsSchema,
    success: { status: 200, schema: accountSetupSchema },
    problems: ['not_found'],
    training: false,
  },

  // Simulator only
  listTrainingMessages: {
    method: 'GET',
    path: '/training/messages',
    summary: 'Every e-mail, text and call the simulator sent, with codes',
    auth: NONE,
    idempotent: false,
    query: trainingMessageQuerySchema,
    success: { status: 200, schema: trainingMessageListSchema },
    problems: [],
    training: true,
  },
  answerTrainingCall: {
    method: 'POST',
    path: '/training/calls/{callId}/answer',
    summary: "Answer a ringing call on the resident's phone",
    auth: NONE,
    idempotent: false,
    params: trainingCallParamsSchema,
    success: { status: 200, schema: trainingCallSchema },
    problems: ['not_found', 'step_out_of_order'],
    training: true,
  },
  pressTrainingCallKey: {
    method: 'POST',
    path: '/training/calls/{callId}/keypress',
    summary: "Press a key during a call ('#' confirms; a ringing call is answered first)",
    auth: NONE,
    idempotent: false,
    params: trainingCallParamsSchema,
    body: trainingKeypressRequestSchema,
    success: { status: 200, schema: trainingCallSchema },
    problems: ['not_found', 'step_out_of_order'],
    training: true,
  },
  getTrainingClock: {
    method: 'GET',
    path: '/training/clock',
    summary: "The simulator's clock",
    auth: NONE,
    idempotent: false,
    success: { status: 200, schema: trainingClockSchema },
    problems: [],
    training: true,
  },
  advanceTrainingClock: {
    method: 'POST',
    path: '/training/clock/advance',
    summary: "Move the simulator's clock forward (codes expire, calls time out, setups activate)",
    auth: NONE,
    idempotent: false,
    body: trainingClockAdvanceRequestSchema,
    success: { status: 200, schema: trainingClockSchema },
    problems: [],
    training: true,
  },
  getTrainingFaults: {
    method: 'GET',
    path: '/training/faults',
    summary: 'The fault injection settings in force',
    auth: NONE,
    idempotent: false,
    success: { status: 200, schema: faultConfigSchema },
    problems: [],
    training: true,
  },
  setTrainingFaults: {
    method: 'POST',
    path: '/training/faults',
    summary: 'Replace the fault injection settings (omitted rates are 0)',
    auth: NONE,
    idempotent: false,
    body: faultConfigSchema,
    success: { status: 200, schema: faultConfigSchema },
    problems: [],
    training: true,
  },
  listTrainingAccountSetups: {
    method: 'GET',
    path: '/training/account-setups',
    summary: 'Every account setup stored, with its Idempotency-Key (proves exactly-once delivery)',
    auth: NONE,
    idempotent: false,
    success: { status: 200, schema: trainingAccountSetupListSchema },
    problems: [],
    training: true,
  },
  mintTrainingSetupGrants: {
    method: 'POST',
    path: '/training/setup-grants',
    summary: 'Mint setup grants in bulk (each with a fresh invite and enrolled account)',
    auth: NONE,
    idempotent: false,
    body: trainingSetupGrantRequestSchema,
    success: { status: 201, schema: trainingSetupGrantListSchema },
    problems: [],
    training: true,
  },
  mintTrainingEnrolmentTokens: {
    method: 'POST',
    path: '/training/enrolment-tokens',
    summary: 'Mint one-time device enrolment tokens',
    auth: NONE,
    idempotent: false,
    body: trainingEnrolmentTokenRequestSchema,
    success: { status: 201, schema: trainingEnrolmentTokenListSchema },
    problems: [],
    training: true,
  },
  getTrainingSeed: {
    method: 'GET',
    path: '/training/seed',
    summary: 'The seeded invites, existing account, caseworker and enrolment token',
    auth: NONE,
    idempotent: false,
    success: { status: 200, schema: trainingSeedSchema },
    problems: [],
    training: true,
  },
} as const satisfies Record<string, CouncilEndpointDefinition>;

/** The name (`operationId`) of a council API operation. */
export type CouncilEndpointName = keyof typeof councilEndpoints;

type Endpoint<N extends CouncilEndpointName> = (typeof councilEndpoints)[N];
type SchemaOf<E, K extends string> = E extends Record<K, infer S extends z.ZodType> ? S : undefined;

/** The JSON body an operation takes (`undefined` when it takes none). */
export type CouncilRequestBody<N extends CouncilEndpointName> =
  SchemaOf<Endpoint<N>, 'body'> extends z.ZodType ? z.input<SchemaOf<Endpoint<N>, 'body'>> : undefined;
/** The path parameters an operation takes (`undefined` when none). */
export type CouncilPathParams<N extends CouncilEndpointName> =
  SchemaOf<Endpoint<N>, 'params'> extends z.ZodType ? z.input<SchemaOf<Endpoint<N>, 'params'>> : undefined;
/** The query an operation takes (`undefined` when none). */
export type CouncilQuery<N extends CouncilEndpointName> =
  SchemaOf<Endpoint<N>, 'query'> extends z.ZodType ? z.input<SchemaOf<Endpoint<N>, 'query'>> : undefined;
/** What an operation answers on success. */
export type CouncilResponse<N extends CouncilEndpointName> = z.output<Endpoint<N>['success']['schema']>;

/**
 * Every problem code an operation can answer: its own, plus those any request may get
 * (`invalid_request`, rate limiting, outages; credentials; idempotency on POST; body limits).
 */
export function problemCodesFor(definition: CouncilEndpointDefinition): CouncilProblemCode[] {
  const codes = new Set<CouncilProblemCode>(['invalid_request', 'not_found', 'method_not_allowed']);
  if (!definition.training) {
    codes.add('rate_limited').add('service_unavailable').add('internal_error');
  }
  if (definition.auth.device) codes.add('unauthorized');
  if (definition.idempotent) {
    codes.add('idempotency_key_missing').add('idempotency_key_reused').add('idempotency_request_in_progress');
  }
  if (definition.method === 'POST') codes.add('unsupported_media_type').add('body_too_large');
  for (const code of definition.problems) codes.add(code);
  return [...codes];
}

/** Fills a path template: `fillPath('/v1/account-setups/{reference}', { reference: 'NCC-1' })`. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`Missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}

/**
 * Matches a request path against the table: the operation's name and its raw path parameters,
 * `'method_not_allowed'` when the path exists with another method, or `undefined`.
 */
export function matchCouncilEndpoint(
  method: string,
  pathname: string,
): { name: CouncilEndpointName; params: Record<string, string> } | 'method_not_allowed' | undefined {
  let pathMatched = false;
  for (const name of Object.keys(councilEndpoints) as CouncilEndpointName[]) {
    const definition: CouncilEndpointDefinition = councilEndpoints[name];
    const params = matchPath(definition.path, pathname);
    if (params === undefined) continue;
    if (definition.method === method) return { name, params };
    pathMatched = true;
  }
  return pathMatched ? 'method_not_allowed' : undefined;
}

function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  const wanted = template.split('/');
  const actual = pathname.split('/');
  if (wanted.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < wanted.length; i++) {
    const part = wanted[i] ?? '';
    const value = actual[i] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value.length === 0) return undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return undefined;
      }
      params[part.slice(1, -1)] = decoded;
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}
