import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { councilEndpoints, matchCouncilEndpoint } from '../../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointDefinition, CouncilEndpointName } from '../../../shared/councilApi/councilEndpoints.ts';
import { COUNCIL_HEADERS, COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../../../shared/councilApi/councilProblem.ts';
import type { CouncilProblem } from '../../../shared/councilApi/councilProblem.ts';
import type { FaultConfigInput, TrainingSeed } from '../../../shared/councilApi/trainingApi.ts';
import type { ServiceCatalog } from '../../../shared/serviceDefinition.ts';
import { readBody, sendJson, startLoopbackServer } from '../../http/loopbackServer.ts';
import { logEvent } from '../../log.ts';
import { loadServiceCatalog } from '../../services/serviceCatalogFile.ts';
import { createCouncilOpenApiDocument } from '../openApiDocument.ts';
import { accountHandlers } from './accountHandlers.ts';
import { checkSimulatorRequest } from './checkSimulatorRequest.ts';
import { deviceAuthorizationHandlers } from './deviceAuthorizationHandlers.ts';
import { deviceVerificationPage } from './deviceVerificationPage.ts';
import { FaultInjector } from './faultInjector.ts';
import { IdempotencyStore, requestFingerprint } from './idempotencyStore.ts';
import type { StoredAnswer } from './idempotencyStore.ts';
import { inviteHandlers } from './inviteHandlers.ts';
import { phoneHandlers } from './phoneHandlers.ts';
import { RateLimiter } from './rateLimiter.ts';
import { setupHandlers } from './setupHandlers.ts';
import { SimulatorClock } from './simulatorClock.ts';
import type { HandlerContext, SimHandlers, SimulatorControl } from './simulatorHandler.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import { seedSimulator } from './simulatorSeed.ts';
import { SimulatorState } from './simulatorState.ts';
import { staffHandlers } from './staffHandlers.ts';
import { checkTrainingAccess } from './trainingAccess.ts';
import { trainingHandlers } from './trainingHandlers.ts';

/** How to start a council API simulator. */
export interface CouncilSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks any free port. */
  port?: number;
  /** The services (names, e-mail titles, consent); the shipped Norfolk file when absent. */
  catalog?: ServiceCatalog;
  /** The base time source of the simulator's clock (`Date.now` by default). */
  now?: () => number;
  /** Seconds from account setup to activation (default 120). */
  activationDelaySeconds?: number;
  /** Fault injection from the start. */
  faults?: FaultConfigInput;
  /** A global limit on `/v1` requests per second; beyond it 429 with `Retry-After`. None when absent. */
  rateLimitPerSecond?: number;
  /** Required on `/training/*` requests (`X-Training-Token`) when set: a simulator running on its own. */
  trainingToken?: string;
}

/** A running simulator. */
export interface CouncilSimulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  clock: SimulatorClock;
  /** The data in memory, for in-process tests. */
  state: SimulatorState;
  seed: TrainingSeed;
  faults: FaultInjector;
  close(): Promise<void>;
}

/** Default seconds between an account setup and its activation. */
export const DEFAULT_ACTIVATION_DELAY_SECONDS = 120;

const handlers: SimHandlers<CouncilEndpointName> = {
  ...staffHandlers,
  ...inviteHandlers,
  ...accountHandlers,
  ...phoneHandlers,
  ...setupHandlers,
  ...trainingHandlers,
  ...deviceAuthorizationHandlers,
};

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The council API simulator: a real HTTP server on 127.0.0.1 implementing the contract in
 * `shared/councilApi` with the real services' rules, training endpoints, fault injection, a
 * global rate limit and idempotency. It routes by the shared endpoint table, validates every
 * request with its schemas (any malformed or hostile input is a 4xx problem, and the server
 * keeps serving) and checks every answer against the contract before it leaves.
 */
export async function startCouncilSimulator(options: CouncilSimulatorOptions = {}): Promise<CouncilSimulator> {
  const clock = new SimulatorClock(options.now);
  const state = new SimulatorState({
    clock,
    catalog: options.catalog ?? (await loadServiceCatalog()),
    activationDelaySeconds: options.activationDelaySeconds ?? DEFAULT_ACTIVATION_DELAY_SECONDS,
  });
  const seed = seedSimulator(state);
  const faults = new FaultInjector(options.faults);
  const limiter = options.rateLimitPerSecond !== undefined ? new RateLimiter(options.rateLimitPerSecond) : undefined;
  const idempotency = new IdempotencyStore();
  let origin = '';
  const control: SimulatorControl = { faults: () => faults.config, setFaults: (config) => faults.set(config), seed, baseUrl: () => origin };
  const held = new Set<ServerResponse>();
  let openApiJson: string | undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const body = await readBody(request, COUNCIL_RULES.maxBodyBytes);
    state.processDueActivations();
    if (url.pathname === '/openapi.json' && (method === 'GET' || method === 'HEAD')) {
      openApiJson ??= JSON.stringify(createCouncilOpenApiDocument({ includeTraining: true }));
      send(response, { status: 200, body: openApiJson, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      return;
    }
    if (url.pathname === '/device' && (method === 'GET' || method === 'HEAD')) {
      const page = deviceVerificationPage(url.searchParams.get('user_code'));
      send(response, { status: 200, body: page, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      return;
    }
    const match = matchCouncilEndpoint(method, url.pathname);
    if (match === undefined) return sendProblem(response, buildProblem('not_found', `No operation at ${url.pathname.slice(0, 100)}`));
    if (match === 'method_not_allowed') return sendProblem(response, buildProblem('method_not_allowed', `${method} is not allowed here`));
    const definition: CouncilEndpointDefinition = councilEndpoints[match.name];
    if (body === 'too_large') return sendProblem(response, buildProblem('body_too_large', `Send at most ${COUNCIL_RULES.maxBodyBytes} bytes`));

    const refused = definition.training ? checkTrainingAccess(request, options.trainingToken) : undefined;
    if (refused !== undefined) return sendProblem(response, refused);
    const draw = definition.training ? undefined : faults.draw(url.pathname);
    if (!definition.training) {
      const wait = limiter?.take() ?? 0;
      if (wait > 0) return sendProblem(response, buildProblem('rate_limited', 'Too many requests', { retryAfterSeconds: wait }));
      const retryAfterSeconds = faults.config.retryAfterSeconds;
      if (draw?.before === 'error500') return sendProblem(response, buildProblem('internal_error', 'Injected fault'));
      if (draw?.before === 'unavailable503') return sendProblem(response, buildProblem('service_unavailable', 'Injected fault', { retryAfterSeconds }));
      if (draw?.before === 'rateLimited429') return sendProblem(response, buildProblem('rate_limited', 'Injected fault', { retryAfterSeconds }));
    }

    const checked = checkSimulatorRequest(request, url, definition, match.params, body, { state, control, now: clock.now() });
    if ('problem' in checked) return sendProblem(response, checked.problem);
    const scope = checked.context.device?.deviceId ?? 'anonymous';
    const key = checked.context.idempotencyKey;
    let answer: Answer;
    if (key !== undefined) {
      const claim = idempotency.begin(scope, key, requestFingerprint(method, url.pathname, checked.json), clock.now());
      if (claim.kind === 'mismatch') {
        return sendProblem(response, buildProblem('idempotency_key_reused', 'This Idempotency-Key was used for a different request'));
      }
      if (claim.kind === 'in_flight') {
        return sendProblem(response, buildProblem('idempotency_request_in_progress', 'The first request with this key is still being processed'));
      }
      if (claim.kind === 'replay') {
        // A replay is an answer like any other: injected faults (a lost answer) apply to it too.
        answer = { ...claim.answer, headers: { [COUNCIL_HEADERS.idempotentReplayed]: 'true' } };
      } else {
        answer = run(match.name, definition, checked.context);
        if (draw !== undefined && draw.slowMs > 0) await sleep(draw.slowMs);
        idempotency.finish(scope, key, storable(answer));
      }
    } else {
      answer = run(match.name, definition, checked.context);
      if (draw !== undefined && draw.slowMs > 0) await sleep(draw.slowMs);
    }
    if (draw?.after === 'drop') {
      request.socket.destroy();
      return;
    }
    if (draw?.after === 'timeout') {
      held.add(response);
      const timer = setTimeout(() => response.destroy(), faults.config.timeoutHoldMs);
      response.on('close', () => {
        clearTimeout(timer);
        held.delete(response);
      });
      return;
    }
    send(response, answer);
  }

  function run(name: CouncilEndpointName, definition: CouncilEndpointDefinition, context: HandlerContext<CouncilEndpointName>): Answer {
    let value: unknown;
    try {
      value = (handlers[name] as (c: typeof context) => unknown)(context);
    } catch (error) {
      if (error instanceof SimulatorProblem) return problemAnswer(error.problem);
      if (error instanceof Error && error.name === 'ZodError') return problemAnswer(buildProblem('invalid_request', 'The request does not match the contract'));
      logEvent('council_simulator.handler_failed', { operation: name, error: error instanceof Error ? error.name : 'unknown' });
      return problemAnswer(buildProblem('internal_error'));
    }
    const parsed = definition.success.schema.safeParse(value);
    if (!parsed.success) {
      logEvent('council_simulator.bad_output', { operation: name });
      return problemAnswer(buildProblem('internal_error'));
    }
    return { status: definition.success.status, body: parsed.data };
  }

  const server = await startLoopbackServer({
    port: options.port ?? 0,
    handle,
    onError(error, _request, response) {
      logEvent('council_simulator.request_failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) sendProblem(response, buildProblem('internal_error'));
      else response.destroy();
    },
  });
  const { port } = server;
  origin = server.origin;
  logEvent('council_simulator.listening', { port });
  return {
    url: server.origin,
    port,
    clock,
    state,
    seed,
    faults,
    close: () => {
      for (const response of held) response.destroy();
      return server.close();
    },
  };
}

// Answers of 429 and 5xx are not kept: nothing took effect, so a retry must be processed afresh.
function storable(answer: Answer): StoredAnswer | undefined {
  return answer.status === 429 || answer.status >= 500 ? undefined : { status: answer.status, body: answer.body };
}

function problemAnswer(problem: CouncilProblem): Answer {
  return { status: problem.status, body: problem };
}

function send(response: ServerResponse, answer: Answer): void {
  const isProblem = answer.status >= 400;
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const headers: Record<string, string> = {
    ...(isProblem ? { 'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8` } : {}),
    ...answer.headers,
  };
  const retryAfter = isProblem ? (answer.body as CouncilProblem).retryAfterSeconds : undefined;
  if (retryAfter !== undefined && (answer.status === 429 || answer.status === 503)) headers[COUNCIL_HEADERS.retryAfter] = String(retryAfter);
  if (answer.status === 405) headers.Allow = 'GET, POST';
  sendJson(response, answer.status, text, headers);
}

function sendProblem(response: ServerResponse, problem: CouncilProblem): void {
  send(response, problemAnswer(problem));
}
