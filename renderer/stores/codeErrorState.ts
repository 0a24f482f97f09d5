import type { KioskError } from '../../shared/kioskApi/kioskResult.ts';

/** A code on screen (e-mail or text): the state main last reported, and when it stops working. */
export interface CodeOnScreen {
  status: { state: string; attemptsRemaining: number | null };
  expiresAt: number | undefined;
}

/**
 * What a refused code means for the code on screen, so the live status (tries left, expired,
 * dead) is right without asking main again: a wrong code leaves the tries the council reported;
 * five wrong tries kill the code; an old code has expired now.
 */
export function applyCodeError(current: CodeOnScreen, error: KioskError, now: number = Date.now()): void {
  if (error.code === 'code_incorrect' && error.attemptsRemaining !== undefined) {
    current.status = { ...current.status, attemptsRemaining: error.attemptsRemaining };
  } else if (error.code === 'too_many_attempts') {
    current.status = { ...current.status, state: 'dead', attemptsRemaining: 0 };
  } else if (error.code === 'code_expired') {
    current.status = { ...current.status, state: 'expired' };
    current.expiresAt = Math.min(current.expiresAt ?? now, now);
  }
}
