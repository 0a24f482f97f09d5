import { describe, expect, it } from 'vitest';
import { spokenMaskedName } from '../../../renderer/components/spokenMaskedName.ts';

describe('a masked name for screen readers', () => {
  it('says the initials of each word, never the asterisks', () => {
    const phrase = (initials: string) => `${initials}: hidden`;
    expect(spokenMaskedName('A***** S****', phrase)).toBe('A, S: hidden');
    expect(spokenMaskedName('  M*******   B**** ', phrase)).toBe('M, B: hidden');
    expect(spokenMaskedName('J*', phrase)).toBe('J: hidden');
  });
});
