import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { CouncilEndpointDefinition, CouncilEndpointName } from '../../../shared/councilApi/councilEndpoints.ts';
import { COUNCIL_HEADERS, parseIdempotencyKeyHeader } from '../../../shared/councilApi/councilPrimitives.ts';
import { buildProblem } from '../../../shared/councilApi/councilProblem.ts';
import type { CouncilProblem } from '../../../shared/councilApi/councilProblem.ts';
import type { HandlerContext, SimulatorControl } from './simulatorHandler.ts';
import type { SimulatorState } from './simulatorState.ts';

/** What a request is checked against: the simulator's data and controls, and the clock's time of the request. */
export interface SimulatorRequestScope {
  state: SimulatorState;
  control: SimulatorControl;
  now: number;
}

// What an endpoint without a body, query or path parameters accepts: nothing, or `{}`.
const emptyObject = z.strictObject({});

/**
 * Checks one simulator request against its endpoint's definition: the device credential, the
 * registration and caseworker sessions, the Idempotency-Key, the media type and every part
 * against the contract's schemas. Gives the handler's context, or the problem to answer with.
 */
export function checkSimulatorRequest(
  request: IncomingMessage,
  url: URL,
  definition: CouncilEndpointDefinition,
  rawParams: Record<string, string>,
  body: Buffer,
  { state, control, now }: SimulatorRequestScope,
): { problem: CouncilProblem } | { context: HandlerContext<CouncilEndpointName>; json: unknown } {
  const context: HandlerContext<CouncilEndpointName> = {
    state,
    control,
    body: undefined,
    params: undefined,
    query: undefined,
    device: undefined,
    registrationSession: undefined,
    caseworkerSession: undefined,
    idempotencyKey: undefined,
  };
  if (definition.auth.device) {
    const authorization = request.headers.authorization ?? '';
    const device = authorization.startsWith('Bearer ') ? state.devices.get(authorization.slice(7).trim()) : undefined;
    if (device === undefined) return { problem: buildProblem('unauthorized', 'Send the device credential as Authorization: Bearer …') };
    context.device = device;
  }
  if (definition.auth.registrationSession) {
    const session = state.registrationSessions.get(headerOf(request, COUNCIL_HEADERS.registrationSession) ?? '');
    if (session === undefined || session.deviceId !== context.device?.deviceId || session.expiresAt < now) {
      return { problem: buildProblem('registration_session_invalid', 'Confirm the invite again to start a new registration session') };
    }
    context.registrationSession = session;
  }
  if (definition.auth.caseworker) {
    const session = state.caseworkerSessions.get(headerOf(request, COUNCIL_HEADERS.caseworkerToken) ?? '');
    if (session === undefined || session.deviceId !== context.device?.deviceId || session.expiresAt < now) {
      return { problem: buildProblem('caseworker_session_invalid', 'The caseworker must sign in again') };
    }
    context.caseworkerSession = session;
  }
  if (definition.idempotent) {
    const key = parseIdempotencyKeyHeader(headerOf(request, COUNCIL_HEADERS.idempotencyKey));
    if (key === undefined) {
      return { problem: buildProblem('idempotency_key_missing', 'Send an Idempotency-Key header: 8–128 of A–Z a–z 0–9 . _ : -') };
    }
    context.idempotencyKey = key;
  }
  let json: unknown = {};
  if (definition.method === 'POST' && body.length > 0) {
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      return { problem: buildProblem('unsupported_media_type', 'Send the body as application/json') };
    }
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return { problem: buildProblem('invalid_request', 'The body is not valid JSON') };
    }
  }
  const issues: { name: string; reason: string }[] = [];
  const parse = (part: string, schema: z.ZodType | undefined, value: unknown): unknown => {
    const result = (schema ?? emptyObject).safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) issues.push({ name: [part, ...issue.path.map(String)].join('.').slice(0, 200), reason: issue.message.slice(0, 300) });
    return undefined;
  };
  context.params = parse('path', definition.params, rawParams) as never;
  context.query = parse('query', definition.query, Object.fromEntries(url.searchParams)) as never;
  if (definition.method === 'POST') context.body = parse('body', definition.body, json) as never;
  if (issues.length > 0) {
    return { problem: buildProblem('invalid_request', 'The request does not match the contract', { invalidParams: issues.slice(0, 20) }) };
  }
  return { context, json };
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
