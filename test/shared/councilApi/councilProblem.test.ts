import { describe, expect, it } from 'vitest';
import {
  buildProblem,
  COUNCIL_PROBLEM_STATUS,
  councilErrorCodeSchema,
  councilProblemCodeSchema,
  councilProblemSchema,
  isRetryableStatus,
  problemTypeFor,
} from '../../../shared/councilApi/councilProblem.ts';

describe('council problems', () => {
  it('has a status for every code, and builds a valid RFC 9457 body for each', () => {
    expect(Object.keys(COUNCIL_PROBLEM_STATUS).sort()).toEqual([...councilProblemCodeSchema.options].sort());
    for (const code of councilProblemCodeSchema.options) {
      const problem = buildProblem(code, 'detail');
      expect(councilProblemSchema.parse(problem)).toEqual(problem);
      expect(problem).toMatchObject({ code, status: COUNCIL_PROBLEM_STATUS[code], type: problemTypeFor(code), detail: 'detail' });
      expect(problem.title.length).toBeGreaterThan(0);
    }
  });

  it('carries the issue\'s codes', () => {
    for (const code of [
      'code_incorrect',
      'code_expired',
      'too_many_attempts',
      'resend_too_soon',
      'invite_not_found',
      'invite_already_used',
      'email_in_use',
      'password_too_weak',
      'phone_invalid',
      'sms_not_supported_for_landline',
      'rate_limited',
    ]) {
      expect(councilProblemCodeSchema.options).toContain(code);
    }
  });

  it('uses 409 only for an idempotent request in flight, so 409 can always be retried', () => {
    const conflicts = Object.entries(COUNCIL_PROBLEM_STATUS).filter(([, status]) => status === 409);
    expect(conflicts.map(([code]) => code)).toEqual(['idempotency_request_in_progress']);
  });

  it('makes exactly the transient codes retryable by status', () => {
    const retryable = councilProblemCodeSchema.options.filter((code) => isRetryableStatus(COUNCIL_PROBLEM_STATUS[code]));
    expect(retryable.sort()).toEqual(
      ['idempotency_request_in_progress', 'internal_error', 'rate_limited', 'resend_too_soon', 'service_unavailable', 'too_many_codes'].sort(),
    );
    expect(isRetryableStatus(undefined)).toBe(true);
    for (const status of [408, 425, 500, 502, 503, 504]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 410, 413, 415, 422]) expect(isRetryableStatus(status)).toBe(false);
  });

  it('parses a problem leniently (a council may add members) but refuses an unknown code', () => {
    expect(councilProblemSchema.parse({ ...buildProblem('rate_limited'), retryAfterSeconds: 3, extra: 1 })).not.toHaveProperty('extra');
    expect(councilProblemSchema.safeParse({ ...buildProblem('rate_limited'), code: 'whatever' }).success).toBe(false);
  });

  it('adds the client-side codes to the codes the renderer must word', () => {
    expect(councilErrorCodeSchema.options).toEqual([...councilProblemCodeSchema.options, 'network_error', 'timeout', 'unexpected_response']);
  });
});
