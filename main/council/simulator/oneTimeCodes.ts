import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { SimulatorProblem } from './simulatorProblem.ts';
import type { SimCode } from './simulatorState.ts';

/** Where a sent code stands: still usable, dead after 5 wrong tries, or past its 10 minutes. */
export function codeStatus(code: SimCode, now: number): 'usable' | 'dead' | 'expired' {
  if (code.wrongTries >= COUNCIL_RULES.codeMaxAttempts) return 'dead';
  if (now - code.issuedAt > COUNCIL_RULES.codeValiditySeconds * 1000) return 'expired';
  return 'usable';
}

/** When a code stops working. */
export function codeExpiresAt(code: SimCode): number {
  return code.issuedAt + COUNCIL_RULES.codeValiditySeconds * 1000;
}

/** Tries left on a code. */
export function attemptsRemaining(code: SimCode): number {
  return Math.max(0, COUNCIL_RULES.codeMaxAttempts - code.wrongTries);
}

/**
 * Checks a typed code against the one sent, as the real services do: a dead code answers
 * `too_many_attempts` whatever is typed; an old one `code_expired`; a wrong one counts a try and
 * answers `code_incorrect` with the tries left, or `too_many_attempts` on the fifth.
 */
export function checkOneTimeCode(code: SimCode, typed: string, now: number): void {
  const status = codeStatus(code, now);
  if (status === 'dead') throw new SimulatorProblem('too_many_attempts', 'This code no longer works: ask for a new one');
  if (status === 'expired') throw new SimulatorProblem('code_expired', 'This code is more than 10 minutes old: ask for a new one');
  if (typed === code.code) return;
  code.wrongTries += 1;
  if (code.wrongTries >= COUNCIL_RULES.codeMaxAttempts) {
    throw new SimulatorProblem('too_many_attempts', 'Too many wrong codes: ask for a new one');
  }
  throw new SimulatorProblem('code_incorrect', 'The code is not the one sent', { attemptsRemaining: attemptsRemaining(code) });
}
