import { isRetryableStatus } from '../../shared/councilApi/councilProblem.ts';
import type { CouncilErrorCode, CouncilProblem } from '../../shared/councilApi/councilProblem.ts';

/**
 * A council API call that failed, typed so callers branch on `code` and `retryable`, never on
 * English. `retryable` follows one rule (`isRetryableStatus`): network errors, timeouts, 5xx,
 * 408, 409, 425 and 429 may succeed if sent again with the same `Idempotency-Key`; every other
 * 4xx is permanent. The message carries the operation and code only, never personal data, so it
 * is safe to log.
 */
export class CouncilApiError extends Error {
  override name = 'CouncilApiError';
  /** A council problem code, or `network_error`, `timeout`, `unexpected_response`. */
  readonly code: CouncilErrorCode;
  /** The HTTP status; undefined when no answer came (network error, timeout). */
  readonly status: number | undefined;
  /** Seconds to wait before retrying, from the problem or the `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  /** The operation that failed (`submitAccountSetup`). */
  readonly operation: string;
  /** The council's problem body, when it sent a valid one. */
  readonly problem: CouncilProblem | undefined;

  constructor(fields: {
    operation: string;
    code: CouncilErrorCode;
    status: number | undefined;
    retryAfterSeconds?: number | undefined;
    retryable?: boolean;
    problem?: CouncilProblem;
    cause?: unknown;
  }) {
    super(`${fields.operation} failed: ${fields.code}${fields.status !== undefined ? ` (HTTP ${fields.status})` : ''}`, { cause: fields.cause });
    this.operation = fields.operation;
    this.code = fields.code;
    this.status = fields.status;
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.retryable = fields.retryable ?? isRetryableStatus(fields.status);
    this.problem = fields.problem;
  }

  /** For `code_incorrect`: tries left on the code. */
  get attemptsRemaining(): number | undefined {
    return this.problem?.attemptsRemaining;
  }

  /** For `password_too_weak`: the policy rules the password broke. */
  get failedRules(): readonly string[] | undefined {
    return this.problem?.failedRules;
  }
}

/** Reads a `Retry-After` header: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
