import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { councilEndpoints, problemCodesFor } from '../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointDefinition } from '../../shared/councilApi/councilEndpoints.ts';
import { COUNCIL_HEADERS } from '../../shared/councilApi/councilPrimitives.ts';
import { COUNCIL_PROBLEM_STATUS, councilProblemSchema, PROBLEM_CONTENT_TYPE } from '../../shared/councilApi/councilProblem.ts';
import type { CouncilProblemCode } from '../../shared/councilApi/councilProblem.ts';

/** What goes into the document. */
export interface OpenApiDocumentOptions {
  /** Include the simulator's `/training/*` endpoints (tagged as simulator-only). */
  includeTraining?: boolean;
}

const DESCRIPTION = `The registration API a council implements for Council Access Kiosk. It covers every step of
the council's own guides: invites, existing-account sign-in, e-mail verification, account creation,
phone enrolment and account setup, plus kiosk enrolment and caseworker sign-in.

Authentication: every /v1 call except device enrolment carries the kiosk's device credential
(\`Authorization: Bearer …\`). Resident steps also carry \`X-Registration-Session\` (from an invite
confirmation; one hour). Staff steps carry \`X-Caseworker-Token\`.

Idempotency (IETF httpapi idempotency-key draft): every /v1 POST requires \`Idempotency-Key\`.
A replay returns the first answer with \`Idempotent-Replayed: true\`; the same key with another
body or path is 422 \`idempotency_key_reused\`; while the first request is still being processed,
409 \`idempotency_request_in_progress\`. 429 and 5xx answers are not stored. Keys are kept 30 days.

Errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`. 409 only ever means
"in flight, retry"; 429 and 503 carry \`Retry-After\`; 410 means finished for good.`;

const TAGS = {
  staff: 'Kiosk and staff',
  resident: 'Resident steps',
  setup: 'Account setup',
  training: 'Training (simulator only)',
} as const;

function tagOf(name: string, definition: CouncilEndpointDefinition): string {
  if (definition.training) return TAGS.training;
  if (name.includes('AccountSetup')) return TAGS.setup;
  if (definition.auth.registrationSession || name === 'confirmInvite') return TAGS.resident;
  return TAGS.staff;
}

function securityOf(definition: CouncilEndpointDefinition): Record<string, string[]>[] {
  // The training token, or nothing for a simulator embedded in a kiosk.
  if (definition.training) return [{ trainingToken: [] }, {}];
  if (!definition.auth.device) return [];
  const requirement: Record<string, string[]> = { deviceCredential: [] };
  if (definition.auth.registrationSession) requirement.registrationSession = [];
  if (definition.auth.caseworker) requirement.caseworkerToken = [];
  return [requirement];
}

function responsesOf(definition: CouncilEndpointDefinition): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(definition.success.status)]: {
      description: definition.success.status === 201 ? 'Created' : 'OK',
      content: { 'application/json': { schema: definition.success.schema } },
      ...(definition.idempotent
        ? {
            headers: z.object({
              [COUNCIL_HEADERS.idempotentReplayed]: z
                .literal('true')
                .optional()
                .meta({ description: 'Present when this answer is replayed from an earlier request with the same key' }),
            }),
          }
        : {}),
    },
  };
  const byStatus = new Map<number, CouncilProblemCode[]>();
  for (const code of problemCodesFor(definition)) {
    const status = COUNCIL_PROBLEM_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Problem: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: councilProblemSchema } },
      ...(status === 429 || status === 503
        ? { headers: z.object({ [COUNCIL_HEADERS.retryAfter]: z.string().meta({ description: 'Seconds to wait' }) }) }
        : {}),
    };
  }
  return responses;
}

/**
 * The council API as an OpenAPI 3.1 document, generated from the zod contract in
 * `shared/councilApi`, for a council's integration team. The simulator serves it at
 * `GET /openapi.json` (with the training endpoints); it is validated in the tests with
 * `@readme/openapi-parser`.
 */
export function createCouncilOpenApiDocument(options: OpenApiDocumentOptions = {}): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const [name, definition] of Object.entries(councilEndpoints) as [string, CouncilEndpointDefinition][]) {
    if (definition.training && options.includeTraining !== true) continue;
    const operation: ZodOpenApiOperationObject = {
      operationId: name,
      summary: definition.summary,
      tags: [tagOf(name, definition)],
      security: securityOf(definition),
      requestParams: {
        ...(definition.params !== undefined ? { path: definition.params } : {}),
        ...(definition.query !== undefined ? { query: definition.query } : {}),
        ...(definition.idempotent
          ? {
              header: z.object({
                [COUNCIL_HEADERS.idempotencyKey]: z
                  .string()
                  .meta({ description: 'A unique key per request, reused on every retry: an sf-string such as "6f1c2d9e-…" (8–128 of A–Z a–z 0–9 . _ : -)' }),
              }),
            }
          : {}),
      },
      ...(definition.body !== undefined
        ? { requestBody: { required: true, content: { 'application/json': { schema: definition.body } } } }
        : {}),
      responses: responsesOf(definition),
    };
    const item = (paths[definition.path] ??= {});
    item[definition.method === 'GET' ? 'get' : 'post'] = operation;
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Council registration API', version: '1.0.0', description: DESCRIPTION },
    tags: Object.values(TAGS)
      .filter((tag) => tag !== TAGS.training || options.includeTraining === true)
      .map((tag) => ({ name: tag })),
    paths,
    components: {
      schemas: { Problem: councilProblemSchema },
      securitySchemes: {
        deviceCredential: { type: 'http', scheme: 'bearer', description: 'The device credential from POST /v1/devices' },
        registrationSession: { type: 'apiKey', in: 'header', name: COUNCIL_HEADERS.registrationSession, description: 'From an invite confirmation' },
        caseworkerToken: { type: 'apiKey', in: 'header', name: COUNCIL_HEADERS.caseworkerToken, description: 'From POST /v1/caseworker-sessions' },
        ...(options.includeTraining === true
          ? {
              trainingToken: {
                type: 'apiKey' as const,
                in: 'header' as const,
                name: COUNCIL_HEADERS.trainingToken,
                description: 'Printed by `npm run simulator` at start; training endpoints also answer only requests addressed to 127.0.0.1, localhost or [::1]',
              },
            }
          : {}),
      },
    },
  });
}
