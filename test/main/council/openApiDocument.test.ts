import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouncilOpenApiDocument } from '../../../main/council/openApiDocument.ts';
import { startCouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import type { CouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import { councilEndpoints, problemCodesFor } from '../../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointDefinition } from '../../../shared/councilApi/councilEndpoints.ts';

let simulator: CouncilSimulator;
beforeAll(async () => {
  simulator = await startCouncilSimulator();
});
afterAll(() => simulator.close());

type Operation = { operationId: string; responses: Record<string, { description: string }>; parameters?: { name: string; in: string; required?: boolean }[]; security?: unknown[] };

describe('OpenAPI document', () => {
  it('is served at GET /openapi.json and validates as OpenAPI 3.1', async () => {
    const response = await fetch(`${simulator.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result).toMatchObject({ valid: true });
  });

  it('describes every operation, its Idempotency-Key, its security and every problem status', async () => {
    const document = (await (await fetch(`${simulator.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    for (const [name, definition] of Object.entries(councilEndpoints) as [string, CouncilEndpointDefinition][]) {
      const operation = document.paths[definition.path]?.[definition.method.toLowerCase()];
      expect(operation?.operationId, `${definition.method} ${definition.path}`).toBe(name);
      expect(Object.keys(operation!.responses)).toContain(String(definition.success.status));
      const idempotencyHeader = operation!.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect(idempotencyHeader?.required === true).toBe(definition.idempotent);
      expect(operation!.security?.length ?? 0).toBe(definition.auth.device ? 1 : definition.training ? 2 : 0);
      if (definition.training) expect(operation!.security).toEqual([{ trainingToken: [] }, {}]);
      const described = Object.values(operation!.responses).map((r) => r.description).join(' ');
      for (const code of problemCodesFor(definition)) expect(described, `${name} ${code}`).toContain(`\`${code}\``);
    }
  });

  it('leaves the training endpoints out of the document a council implements', async () => {
    const published = createCouncilOpenApiDocument();
    expect(Object.keys(published.paths ?? {}).some((p) => p.startsWith('/training'))).toBe(false);
    // Device sign-in (RFC 8628) is part of what a council implements; its training approval is not.
    expect(Object.keys(published.paths ?? {})).toEqual(
      expect.arrayContaining(['/v1/caseworker-device-authorizations', '/v1/caseworker-device-authorizations/token']) as unknown,
    );
    expect(published.paths?.['/training/device-authorizations/approve']).toBeUndefined();
    expect(Object.keys(published.paths ?? {})).toHaveLength(Object.values(councilEndpoints).filter((e) => !e.training).length);
    expect(await validate(structuredClone(published) as never)).toMatchObject({ valid: true });
  });
});
