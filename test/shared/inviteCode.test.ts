import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  buildInviteCode,
  checkInviteCodeFormat,
  formatInviteCode,
  normaliseInviteCode,
} from '../../shared/inviteCode.ts';

const randomValues = fc.array(fc.nat(1000), { minLength: INVITE_CODE_LENGTH - 1, maxLength: INVITE_CODE_LENGTH - 1 });

describe('invite codes', () => {
  it('has 32 distinct characters without look-alikes', () => {
    expect(new Set(INVITE_CODE_ALPHABET).size).toBe(32);
    for (const c of '01OI') expect(INVITE_CODE_ALPHABET).not.toContain(c);
  });

  it('accepts every code it builds, however the resident types it', () => {
    fc.assert(
      fc.property(randomValues, (values) => {
        const code = buildInviteCode(values);
        expect(checkInviteCodeFormat(code)).toEqual({ kind: 'ok', code });
        expect(checkInviteCodeFormat(` ${formatInviteCode(code).toLowerCase()} `)).toEqual({ kind: 'ok', code });
      }),
    );
  });

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(randomValues, fc.nat(INVITE_CODE_LENGTH - 1), fc.integer({ min: 1, max: 31 }), (values, position, shift) => {
        const code = buildInviteCode(values);
        const wrong = INVITE_CODE_ALPHABET.charAt((INVITE_CODE_ALPHABET.indexOf(code.charAt(position)) + shift) % 32);
        const typo = code.slice(0, position) + wrong + code.slice(position + 1);
        expect(checkInviteCodeFormat(typo).kind).toBe('check_failed');
      }),
    );
  });

  it('catches two different neighbours swapped', () => {
    fc.assert(
      fc.property(randomValues, fc.nat(INVITE_CODE_LENGTH - 2), (values, position) => {
        const code = buildInviteCode(values);
        const a = code.charAt(position);
        const b = code.charAt(position + 1);
        fc.pre(a !== b);
        // Luhn mod N misses exactly one swap pair; the rest are caught.
        fc.pre(!(new Set([a, b]).has('2') && new Set([a, b]).has('Z')));
        const swapped = code.slice(0, position) + b + a + code.slice(position + 2);
        expect(checkInviteCodeFormat(swapped).kind).toBe('check_failed');
      }),
    );
  });

  it.each([
    ['', { kind: 'empty' }],
    ['  - ', { kind: 'empty' }],
    ['K7QM3XPD', { kind: 'wrong_length', length: 8, expected: 12 }],
    ['K7QM3XPD9WT8X', { kind: 'wrong_length', length: 13, expected: 12 }],
    ['K0QM-3XPD-9WT8', { kind: 'invalid_characters', characters: ['0'] }],
    ['K7QM-3XPD-9WT8!!', { kind: 'invalid_characters', characters: ['!'] }],
    ['<script>', { kind: 'invalid_characters', characters: ['<', 'C', 'I', '>'].filter((c) => !INVITE_CODE_ALPHABET.includes(c)) }],
  ])('explains %j', (input, expected) => {
    expect(checkInviteCodeFormat(input)).toEqual(expected);
  });

  it('normalises case, spaces and every kind of hyphen', () => {
    expect(normaliseInviteCode(' k7qm–3xpd—9wt8\t')).toBe('K7QM3XPD9WT8');
    expect(formatInviteCode('K7QM3XPD9WT8')).toBe('K7QM-3XPD-9WT8');
  });

  it('refuses to build a code from too few random values', () => {
    expect(() => buildInviteCode([1, 2, 3])).toThrow(RangeError);
  });
});
