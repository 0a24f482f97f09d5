import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineCouncilEndpoints, NO_AUTH } from '../../../shared/councilApi/councilEndpointDefinition.ts';
import { trainingEndpoints } from '../../../shared/councilApi/trainingEndpoints.ts';

const ok = { status: 200, schema: z.object({}) } as const;

describe('defineCouncilEndpoints', () => {
  it('derives Idempotency-Key and training from method and path', () => {
    const table = defineCouncilEndpoints({
      livePost: { method: 'POST', path: '/v1/things', summary: 's', auth: NO_AUTH, success: ok, problems: [] },
      liveGet: { method: 'GET', path: '/v1/things', summary: 's', auth: NO_AUTH, success: ok, problems: [] },
      trainingPost: { method: 'POST', path: '/training/things', summary: 's', auth: NO_AUTH, success: ok, problems: [] },
    });
    expect([table.livePost.idempotent, table.livePost.training]).toEqual([true, false]);
    expect([table.liveGet.idempotent, table.liveGet.training]).toEqual([false, false]);
    expect([table.trainingPost.idempotent, table.trainingPost.training]).toEqual([false, true]);
  });

  it('keeps the simulator-only operations in their own table', () => {
    for (const e of Object.values(trainingEndpoints)) expect(e.training, e.path).toBe(true);
  });
});
