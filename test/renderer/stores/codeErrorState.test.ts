import { describe, expect, it } from 'vitest';
import { applyCodeError } from '../../../renderer/stores/codeErrorState.ts';

function code() {
  return { status: { state: 'code_sent', attemptsRemaining: 5 as number | null }, expiresAt: 1_000_000 as number | undefined };
}

describe('a refused code on screen', () => {
  it('keeps the tries the council says are left', () => {
    const current = code();
    applyCodeError(current, { code: 'code_incorrect', message: '', attemptsRemaining: 3 });
    expect(current).toEqual({ status: { state: 'code_sent', attemptsRemaining: 3 }, expiresAt: 1_000_000 });
  });

  it('is dead after too many tries, and expired now when too old', () => {
    const dead = code();
    applyCodeError(dead, { code: 'too_many_attempts', message: '' });
    expect(dead.status).toEqual({ state: 'dead', attemptsRemaining: 0 });
    const old = code();
    applyCodeError(old, { code: 'code_expired', message: '' }, 500_000);
    expect(old).toEqual({ status: { state: 'expired', attemptsRemaining: 5 }, expiresAt: 500_000 });
  });

  it('is unchanged by any other error', () => {
    const current = code();
    applyCodeError(current, { code: 'council_unreachable', message: '' });
    expect(current).toEqual(code());
  });
});
