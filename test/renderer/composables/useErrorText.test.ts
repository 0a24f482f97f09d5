// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { councilProblemCodeSchema } from '../../../shared/councilApi/councilProblem.ts';
import { kioskErrorCodeSchema, kioskOwnErrorCodeSchema } from '../../../shared/kioskApi/kioskResult.ts';
import type { KioskError } from '../../../shared/kioskApi/kioskResult.ts';
import { useErrorText } from '../../../renderer/composables/useErrorText.ts';
import type { ErrorText } from '../../../renderer/composables/useErrorText.ts';
import { createKioskI18n } from '../../../renderer/i18n.ts';
import en from '../../../renderer/locales/en.json';

// The real i18n set-up and the real English file: the words a resident reads for each error.
function errorText(): ErrorText {
  let text: ErrorText | undefined;
  mount(
    defineComponent({
      setup() {
        text = useErrorText();
        return () => null;
      },
    }),
    { global: { plugins: [createKioskI18n()] } },
  );
  if (text === undefined) throw new Error('useErrorText did not run');
  return text;
}

const error = (code: KioskError['code'], details: Partial<KioskError> = {}): KioskError => ({ code, message: 'developer text', ...details });

describe('plain words for every kiosk API error', () => {
  it('has English words for every kiosk and council code, and never shows the machine code or the developer message', () => {
    const words = en.errors as Record<string, string>;
    const text = errorText();
    const codes = [...kioskOwnErrorCodeSchema.options, ...councilProblemCodeSchema.options];
    // The contract's codes are exactly these two lists (a third member of the union fails here).
    expect(kioskErrorCodeSchema.options.flatMap((member) => member.options).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(words[code], code).toEqual(expect.any(String));
      const shown = text(error(code), 'Verify code');
      expect(shown.length, code).toBeGreaterThan(20);
      expect(shown, code).not.toContain(code);
      expect(shown, code).not.toContain('developer text');
      expect(shown, code).not.toMatch(/[{}]/);
    }
  });

  it('names the button to press again when the council cannot be reached', () => {
    expect(errorText()(error('council_unreachable'), 'Send verification code')).toContain("select 'Send verification code' to try again");
  });

  it('says how many tries are left, in the singular and the plural', () => {
    const text = errorText();
    expect(text(error('code_incorrect', { attemptsRemaining: 1 }))).toContain('you have 1 more try.');
    expect(text(error('code_incorrect', { attemptsRemaining: 4 }))).toContain('you have 4 more tries.');
    expect(text(error('code_incorrect'))).toBe('The code is not right. Check it and try again.');
  });

  it('says how long to wait in seconds or whole minutes', () => {
    const text = errorText();
    expect(text(error('resend_too_soon', { retryAfterSeconds: 1 }))).toBe('Wait 1 second before asking for another code.');
    expect(text(error('resend_too_soon', { retryAfterSeconds: 25 }))).toBe('Wait 25 seconds before asking for another code.');
    expect(text(error('too_many_codes', { retryAfterSeconds: 61 }))).toContain('Wait 2 minutes');
    expect(text(error('rate_limited'))).toContain('Wait a moment');
  });

  it("says 'call' for a call asked for within the council's wait, and 'code' for a code", () => {
    const text = errorText();
    expect(text(error('resend_too_soon', { retryAfterSeconds: 20 }), 'Call Me')).toBe('Wait 20 seconds before asking for another call.');
    expect(text(error('resend_too_soon', { retryAfterSeconds: 20 }), 'Send Code')).toBe('Wait 20 seconds before asking for another code.');
  });

  it('never writes "e-mail": GOV.UK style and the guides write "email"', () => {
    expect(JSON.stringify(en)).not.toMatch(/e-mail/i);
  });

  it('lists the password rules the council says were broken, ignoring ids it does not know', () => {
    const text = errorText();
    expect(text(error('password_too_weak', { failedRules: ['length', 'three_kinds'] }))).toBe(
      'Your new password does not meet the rules. It must: be 8 to 64 characters long; have at least 3 of these: small letters, capital letters, numbers, symbols.',
    );
    expect(text(error('password_too_weak', { failedRules: ['made_up_rule'] }))).toBe('Your new password does not meet the rules. Choose a different password.');
  });
});
