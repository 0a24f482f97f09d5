import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, passwordProblems, passwordCheckSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/passwordPolicy.ts';

describe('password policy', () => {
  it.each([
    ['Norfolk-2026', true, []],
    ['norfolk2026!', true, []],
    ['NORFOLK 2026', true, []],
    ['Short1!', false, ['length']],
    ['alllowercaseletters', false, ['three_kinds']],
    ['lower and 12345', true, []],
    ['onlylower123', false, ['three_kinds']],
    ['Abc1!', false, ['length']],
    ['Tab\there123', false, ['no_control_characters']],
    ['', false, ['length', 'three_kinds']],
  ])('%j → valid %s, failing %j', (password, valid, failed) => {
    const check = checkPassword(password);
    expect(check.valid).toBe(valid);
    expect(check.failedRules).toEqual(failed);
    expect(passwordCheckSchema.parse(check)).toEqual(check);
  });

  it('counts length in code points: 8 emoji and letters are 8 characters, not 16', () => {
    expect(checkPassword('Aa1😀😀😀😀😀').length).toBe(8);
    expect(checkPassword('Aa1😀😀😀😀😀').valid).toBe(true);
  });

  it('allows exactly 8 and 64 characters and refuses 7 and 65', () => {
    const of = (n: number) => 'Aa1!'.repeat(20).slice(0, n);
    expect(checkPassword(of(PASSWORD_MIN_LENGTH)).valid).toBe(true);
    expect(checkPassword(of(PASSWORD_MAX_LENGTH)).valid).toBe(true);
    expect(checkPassword(of(PASSWORD_MIN_LENGTH - 1)).failedRules).toEqual(['length']);
    expect(checkPassword(of(PASSWORD_MAX_LENGTH + 1)).failedRules).toEqual(['length']);
  });

  it('reports each kind of character for the live checklist', () => {
    expect(checkPassword('aA1 ').kinds).toEqual([
      { kind: 'lowercase', present: true },
      { kind: 'uppercase', present: true },
      { kind: 'digit', present: true },
      { kind: 'symbol', present: true },
    ]);
    expect(checkPassword('Éclair').kinds.filter((k) => k.present).map((k) => k.kind)).toEqual(['lowercase', 'uppercase']);
  });

  it('is valid exactly when every rule is met, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (password) => {
        const check = checkPassword(password);
        expect(check.valid).toBe(check.rules.every((r) => r.met));
        expect(check.kindsPresent).toBe(check.kinds.filter((k) => k.present).length);
        if (check.valid) expect(check.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      }),
    );
  });

  it('names what is wrong, most basic first, and nothing for a valid password', () => {
    expect(passwordProblems(checkPassword('Kiosk-Test-2026'))).toEqual([]);
    expect(passwordProblems(checkPassword('Ab1-'))).toEqual(['too_short']);
    expect(passwordProblems(checkPassword('kiosk'))).toEqual(['too_short', 'three_kinds']);
    expect(passwordProblems(checkPassword(`Aa1-${'x'.repeat(61)}`))).toEqual(['too_long']);
    expect(passwordProblems(checkPassword('kiosktesting'))).toEqual(['three_kinds']);
    expect(passwordProblems(checkPassword('Kiosk-Test\t2026'))).toEqual(['no_control_characters']);
  });

  it('has a problem exactly when the password is not valid, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (password) => {
        const check = checkPassword(password);
        expect(passwordProblems(check).length === 0).toBe(check.valid);
      }),
    );
  });
});
