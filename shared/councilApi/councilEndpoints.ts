import type { z } from 'zod';
import { accountCreationRequestSchema, accountSessionSchema, accountSignInRequestSchema } from './accountApi.ts';
import { accountSetupParamsSchema, accountSetupRequestSchema, accountSetupSchema } from './accountSetupApi.ts';
import {
  caseworkerDeviceAuthorizationRequestSchema,
  caseworkerDeviceAuthorizationSchema,
  caseworkerDeviceTokenRequestSchema,
  caseworkerInviteConfirmationRequestSchema,
  caseworkerInviteListSchema,
  caseworkerSessionSchema,
  caseworkerSignInRequestSchema,
} from './caseworkerApi.ts';
import type { CouncilProblemCode } from './councilProblem.ts';
import { CASEWORKER_AUTH, DEVICE_AUTH, defineCouncilEndpoints, NO_AUTH, RESIDENT_AUTH } from './councilEndpointDefinition.ts';
import type { CouncilEndpointDefinition } from './councilEndpointDefinition.ts';
import { deviceEnrolmentRequestSchema, deviceEnrolmentSchema, siteConfigurationSchema } from './deviceApi.ts';
import {
  codeVerificationRequestSchema,
  emailVerificationParamsSchema,
  emailVerificationSchema,
  emailVerificationStartRequestSchema,
} from './emailVerificationApi.ts';
import { inviteConfirmationRequestSchema, inviteConfirmationSchema } from './inviteApi.ts';
import { phoneEnrolmentParamsSchema, phoneEnrolmentSchema, phoneEnrolmentStartRequestSchema } from './phoneEnrolmentApi.ts';
import { trainingEndpoints } from './trainingEndpoints.ts';

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

export type { CouncilEndpointAuth, CouncilEndpointDefinition } from './councilEndpointDefinition.ts';

/** The operations a council implements under `/v1`, by their OpenAPI `operationId`. */
const liveEndpoints = defineCouncilEndpoints({
  // Kiosk and staff
  enrolDevice: {
    method: 'POST',
    path: '/v1/devices',
    summary: 'Enrol this kiosk with a one-time token; answers the device credential',
    auth: NO_AUTH,
    body: deviceEnrolmentRequestSchema,
    success: { status: 201, schema: deviceEnrolmentSchema },
    problems: ['enrolment_token_invalid'],
  },
  getSiteConfiguration: {
    method: 'GET',
    path: '/v1/site',
    summary: "This device's site: the services offered and their current consent versions",
    auth: DEVICE_AUTH,
    success: { status: 200, schema: siteConfigurationSchema },
    problems: [],
  },
  signInCaseworker: {
    method: 'POST',
    path: '/v1/caseworker-sessions',
    summary: 'A caseworker signs in on the kiosk (assisted mode)',
    auth: DEVICE_AUTH,
    body: caseworkerSignInRequestSchema,
    success: { status: 201, schema: caseworkerSessionSchema },
    problems: ['caseworker_sign_in_failed', 'caseworker_locked'],
  },
  startCaseworkerDeviceAuthorization: {
    method: 'POST',
    path: '/v1/caseworker-device-authorizations',
    summary: "Start a caseworker sign-in approved on the caseworker's own device (RFC 8628)",
    auth: DEVICE_AUTH,
    body: caseworkerDeviceAuthorizationRequestSchema,
    success: { status: 201, schema: caseworkerDeviceAuthorizationSchema },
    problems: [],
  },
  pollCaseworkerDeviceAuthorization: {
    method: 'POST',
    path: '/v1/caseworker-device-authorizations/token',
    summary: 'Poll a device authorization; answers the caseworker session once approved',
    auth: DEVICE_AUTH,
    body: caseworkerDeviceTokenRequestSchema,
    success: { status: 201, schema: caseworkerSessionSchema },
    problems: ['authorization_pending', 'slow_down', 'access_denied', 'expired_token'],
  },
  listCaseworkerInvites: {
    method: 'GET',
    path: '/v1/caseworker/invites',
    summary: "The signed-in caseworker's open invites today (masked)",
    auth: CASEWORKER_AUTH,
    success: { status: 200, schema: caseworkerInviteListSchema },
    problems: ['caseworker_session_invalid'],
  },
  confirmInviteByCaseworker: {
    method: 'POST',
    path: '/v1/caseworker/invite-confirmations',
    summary: 'A caseworker confirms the invite code the resident read out (seed step 2)',
    auth: CASEWORKER_AUTH,
    body: caseworkerInviteConfirmationRequestSchema,
    success: { status: 201, schema: inviteConfirmationSchema },
    problems: ['caseworker_session_invalid', 'invite_not_found', 'invite_already_used', 'invite_expired'],
  },

  // Resident steps
  confirmInvite: {
    method: 'POST',
    path: '/v1/invite-confirmations',
    summary: 'Confirm an invite by its code and e-mail address; opens a registration session',
    auth: DEVICE_AUTH,
    body: inviteConfirmationRequestSchema,
    success: { status: 201, schema: inviteConfirmationSchema },
    problems: ['invite_not_found', 'invite_already_used', 'invite_expired'],
  },
  signIn: {
    method: 'POST',
    path: '/v1/account-sessions',
    summary: 'Sign in to an existing account (seed step 4); answers a setup grant',
    auth: RESIDENT_AUTH,
    body: accountSignInRequestSchema,
    success: { status: 201, schema: accountSessionSchema },
    problems: ['registration_session_invalid', 'email_not_invited', 'sign_in_failed'],
  },
  startEmailVerification: {
    method: 'POST',
    path: '/v1/email-verifications',
    summary: "'Send verification code': e-mails a 6-digit code",
    auth: RESIDENT_AUTH,
    body: emailVerificationStartRequestSchema,
    success: { status: 201, schema: emailVerificationSchema },
    problems: ['registration_session_invalid', 'email_not_invited', 'email_in_use', 'resend_too_soon', 'too_many_codes'],
  },
  resendEmailVerification: {
    method: 'POST',
    path: '/v1/email-verifications/{verificationId}/resend',
    summary: 'Sends a new code; the previous one stops working',
    auth: RESIDENT_AUTH,
    params: emailVerificationParamsSchema,
    success: { status: 201, schema: emailVerificationSchema },
    problems: ['registration_session_invalid', 'not_found', 'step_out_of_order', 'resend_too_soon', 'too_many_codes'],
  },
  verifyEmail: {
    method: 'POST',
    path: '/v1/email-verifications/{verificationId}/verify',
    summary: "'Verify code'",
    auth: RESIDENT_AUTH,
    params: emailVerificationParamsSchema,
    body: codeVerificationRequestSchema,
    success: { status: 200, schema: emailVerificationSchema },
    problems: ['registration_session_invalid', 'not_found', 'step_out_of_order', 'code_incorrect', 'code_expired', 'too_many_attempts'],
  },
  createAccount: {
    method: 'POST',
    path: '/v1/accounts',
    summary: "'Create': a new account for the verified e-mail address; answers a setup grant",
    auth: RESIDENT_AUTH,
    body: accountCreationRequestSchema,
    success: { status: 201, schema: accountSessionSchema },
    problems: ['registration_session_invalid', 'not_found', 'email_not_verified', 'email_in_use', 'password_too_weak'],
  },
  startPhoneEnrolment: {
    method: 'POST',
    path: '/v1/phone-enrolments',
    summary: "'Send Code' (text, mobiles only) or 'Call Me'; a second round confirms the number",
    auth: RESIDENT_AUTH,
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
  },
  verifyPhoneCode: {
    method: 'POST',
    path: '/v1/phone-enrolments/{enrolmentId}/verify',
    summary: 'Check the 6-digit code from the text',
    auth: RESIDENT_AUTH,
    params: phoneEnrolmentParamsSchema,
    body: codeVerificationRequestSchema,
    success: { status: 200, schema: phoneEnrolmentSchema },
    problems: ['registration_session_invalid', 'not_found', 'step_out_of_order', 'code_incorrect', 'code_expired', 'too_many_attempts'],
  },
  getPhoneEnrolment: {
    method: 'GET',
    path: '/v1/phone-enrolments/{enrolmentId}',
    summary: "A phone enrolment round's state: poll a call until confirmed, no_answer or failed",
    auth: RESIDENT_AUTH,
    params: phoneEnrolmentParamsSchema,
    success: { status: 200, schema: phoneEnrolmentSchema },
    problems: ['registration_session_invalid', 'not_found'],
  },
  submitAccountSetup: {
    method: 'POST',
    path: '/v1/account-setups',
    summary: 'The records chosen and the consent given; may be delivered days later by the outbox',
    auth: DEVICE_AUTH,
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
  },
  getAccountSetup: {
    method: 'GET',
    path: '/v1/account-setups/{reference}',
    summary: "An account setup's state: pending_activation, then active",
    auth: DEVICE_AUTH,
    params: accountSetupParamsSchema,
    success: { status: 200, schema: accountSetupSchema },
    problems: ['not_found'],
  },
});

/** Every operation, by its OpenAPI `operationId`: the council's, then the simulator's own. */
export const councilEndpoints = { ...liveEndpoints, ...trainingEndpoints };

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
