// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { useStaffErrorText } from '../../../renderer/staff/useStaffCall.ts';
import { mountComposable } from '../composables/mountComposable.ts';

describe("a caseworker's refusals in words", () => {
  it('a wrong staff password says how many tries are left before the staff id locks', async () => {
    const { value: text } = await mountComposable(useStaffErrorText);
    expect(text({ code: 'caseworker_sign_in_failed', message: '', attemptsRemaining: 3 })).toBe(
      'The staff id or password is not right. You have 3 tries left before this staff id is locked.',
    );
    expect(text({ code: 'caseworker_sign_in_failed', message: '', attemptsRemaining: 1 })).toContain('You have 1 try left');
    expect(text({ code: 'caseworker_sign_in_failed', message: '' })).toBe('The staff id or password is not right.');
  });

  it('a locked staff id says how many minutes to wait, and the other way in', async () => {
    const { value: text } = await mountComposable(useStaffErrorText);
    expect(text({ code: 'caseworker_locked', message: '', retryAfterSeconds: 900 })).toBe(
      'This staff id is locked after too many wrong passwords. Try again in 15 minutes, or sign in with your work device.',
    );
    expect(text({ code: 'caseworker_locked', message: '', retryAfterSeconds: 30 })).toContain('Try again in 1 minute,');
  });

  it('a wrong PIN says how many tries are left before signing out; other codes keep the kiosk\'s words', async () => {
    const { value: text } = await mountComposable(useStaffErrorText);
    expect(text({ code: 'pin_incorrect', message: '', attemptsRemaining: 4 })).toBe('The PIN is not right. You have 4 tries left, then you will be signed out.');
    expect(text({ code: 'staff_locked', message: '' })).toBe('The console is locked. Enter your PIN to unlock it.');
    expect(text({ code: 'council_unreachable', message: '' })).toBeUndefined();
  });
});
