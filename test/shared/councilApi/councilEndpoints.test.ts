import { describe, expect, it } from 'vitest';
import { councilEndpoints, fillPath, matchCouncilEndpoint, problemCodesFor } from '../../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointDefinition, CouncilEndpointName } from '../../../shared/councilApi/councilEndpoints.ts';
import { councilProblemCodeSchema } from '../../../shared/councilApi/councilProblem.ts';

const entries = Object.entries(councilEndpoints) as [CouncilEndpointName, CouncilEndpointDefinition][];

describe('council endpoint table', () => {
  it('has one entry per method and path', () => {
    const keys = entries.map(([, e]) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('requires an Idempotency-Key on every /v1 POST, and only there', () => {
    for (const [, e] of entries) {
      expect(e.idempotent, `${e.method} ${e.path}`).toBe(e.method === 'POST' && e.path.startsWith('/v1/'));
    }
  });

  it('keeps training endpoints under /training and everything else under /v1', () => {
    for (const [, e] of entries) expect(e.path.startsWith(e.training ? '/training/' : '/v1/')).toBe(true);
  });

  it('declares path parameters exactly as the path names them', () => {
    for (const [, e] of entries) {
      const inPath = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(e.params?.shape ?? {}).sort(), e.path).toEqual(inPath);
    }
  });

  it('covers every problem code somewhere', () => {
    const used = new Set(entries.flatMap(([, e]) => problemCodesFor(e)));
    expect(councilProblemCodeSchema.options.filter((code) => !used.has(code))).toEqual([]);
  });

  it('matches paths to operations, with decoded parameters', () => {
    expect(matchCouncilEndpoint('POST', '/v1/email-verifications/ev_1/verify')).toEqual({
      name: 'verifyEmail',
      params: { verificationId: 'ev_1' },
    });
    expect(matchCouncilEndpoint('GET', '/v1/account-setups/NCC-AB12')).toEqual({ name: 'getAccountSetup', params: { reference: 'NCC-AB12' } });
    expect(matchCouncilEndpoint('DELETE', '/v1/site')).toBe('method_not_allowed');
    expect(matchCouncilEndpoint('GET', '/v1/nothing')).toBeUndefined();
    expect(matchCouncilEndpoint('GET', '/v1/account-setups/')).toBeUndefined();
    expect(matchCouncilEndpoint('GET', '/v1/account-setups/%E0%A4%A')).toBeUndefined();
  });

  it('fills path templates, encoding parameters', () => {
    expect(fillPath('/v1/account-setups/{reference}', { reference: 'a/b' })).toBe('/v1/account-setups/a%2Fb');
    expect(() => fillPath('/v1/account-setups/{reference}', {})).toThrow(RangeError);
  });
});
