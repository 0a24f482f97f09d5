import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { SimulatorProblem } from './simulatorProblem.ts';

/** Wrong passwords in a row for one staff id, and until when it is locked. */
interface PasswordFailures {
  count: number;
  lockedUntil: number | null;
}

/**
 * The council's staff lockout: after `COUNCIL_RULES.caseworkerMaxPasswordTries` wrong passwords
 * in a row a staff id is locked for `caseworkerLockoutSeconds`, even for the right password. A
 * right password resets the count. Unknown staff ids are counted the same way, so the answers
 * never tell which staff ids exist. Times come from the simulator's clock.
 */
export class CaseworkerLockout {
  readonly #failures = new Map<string, PasswordFailures>();

  /** Throws `caseworker_locked` (with the seconds left) while the staff id is locked. */
  check(staffId: string, now: number): void {
    const failures = this.#failures.get(staffId);
    if (failures?.lockedUntil == null) return;
    if (now >= failures.lockedUntil) {
      this.#failures.delete(staffId);
      return;
    }
    throw lockedProblem(Math.ceil((failures.lockedUntil - now) / 1000));
  }

  /**
   * Counts a wrong password, and gives the problem to answer: `caseworker_sign_in_failed` with the
   * tries left, or `caseworker_locked` when this was the last try.
   */
  wrongPassword(staffId: string, now: number): SimulatorProblem {
    const failures = this.#failures.get(staffId) ?? { count: 0, lockedUntil: null };
    failures.count += 1;
    this.#failures.set(staffId, failures);
    const attemptsRemaining = COUNCIL_RULES.caseworkerMaxPasswordTries - failures.count;
    if (attemptsRemaining > 0) return new SimulatorProblem('caseworker_sign_in_failed', 'Staff id or password is wrong', { attemptsRemaining });
    failures.lockedUntil = now + COUNCIL_RULES.caseworkerLockoutSeconds * 1000;
    return lockedProblem(COUNCIL_RULES.caseworkerLockoutSeconds);
  }

  /** A right password: the count starts again. */
  succeed(staffId: string): void {
    this.#failures.delete(staffId);
  }
}

function lockedProblem(retryAfterSeconds: number): SimulatorProblem {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new SimulatorProblem('caseworker_locked', `Too many wrong passwords: this staff id is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`, {
    retryAfterSeconds,
  });
}
