import { buildProblem } from '../../../shared/councilApi/councilProblem.ts';
import type { CouncilProblem, CouncilProblemCode } from '../../../shared/councilApi/councilProblem.ts';

/** Extension members a problem may carry. */
export type ProblemExtras = Pick<CouncilProblem, 'retryAfterSeconds' | 'attemptsRemaining' | 'failedRules' | 'invalidParams'>;

/**
 * A rule the simulator's handlers refuse a request with. The server turns it into an
 * `application/problem+json` answer with the code's fixed status (`shared/councilApi`).
 */
export class SimulatorProblem extends Error {
  override name = 'SimulatorProblem';
  readonly problem: CouncilProblem;

  constructor(code: CouncilProblemCode, detail?: string, extras: ProblemExtras = {}) {
    super(detail ?? code);
    this.problem = buildProblem(code, detail, extras);
  }
}
