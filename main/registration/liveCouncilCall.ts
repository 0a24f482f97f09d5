import { councilProblemCodeSchema } from '../../shared/councilApi/councilProblem.ts';
import { CouncilApiError } from '../council/councilApiError.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { logEvent } from '../log.ts';

/**
 * Runs one live council call for a resident's step and turns its failure into what the screen
 * needs: a council problem code passes through with its details (tries left, seconds to wait,
 * broken password rules); no answer at all (offline, timed out) is `council_unreachable`; an
 * answer that breaks the contract is `internal`. Logged by operation and code only.
 */
export async function liveCouncilCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof CouncilApiError)) throw error;
    logEvent('registration.council_error', { operation, code: error.code, status: error.status ?? null });
    const problem = councilProblemCodeSchema.safeParse(error.code);
    if (problem.success) {
      throw new KioskCallError(problem.data, `${operation}: ${error.code}`, {
        ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: Math.ceil(error.retryAfterSeconds) } : {}),
        ...(error.attemptsRemaining !== undefined ? { attemptsRemaining: error.attemptsRemaining } : {}),
        ...(error.failedRules !== undefined ? { failedRules: [...error.failedRules] } : {}),
      });
    }
    if (error.code === 'network_error' || error.code === 'timeout') {
      throw new KioskCallError('council_unreachable', `${operation}: the council API did not answer`);
    }
    throw new KioskCallError('internal', `${operation}: unexpected answer from the council API`);
  }
}
