import { describe, expect, it } from 'vitest';
import { consentMatches } from '../../shared/consentMatches.ts';

const current = {
  version: '2025-01',
  statements: [
    { id: 'share-records', label: 'I agree to share my records' },
    { id: 'privacy', label: 'I have read the privacy notice' },
  ],
  privacyPolicyUrl: 'https://example.org/privacy',
};

describe('consentMatches', () => {
  it('accepts the current version with every statement, in any order, repeats ignored', () => {
    expect(consentMatches(current, { version: '2025-01', statementIds: ['privacy', 'share-records'] })).toBe(true);
    expect(consentMatches(current, { version: '2025-01', statementIds: ['privacy', 'share-records', 'privacy'] })).toBe(true);
  });

  it('refuses an old version, a missing statement or an unknown one', () => {
    expect(consentMatches(current, { version: '2024-06', statementIds: ['privacy', 'share-records'] })).toBe(false);
    expect(consentMatches(current, { version: '2025-01', statementIds: ['privacy'] })).toBe(false);
    expect(consentMatches(current, { version: '2025-01', statementIds: ['privacy', 'share-records', 'marketing'] })).toBe(false);
    expect(consentMatches(current, { version: '2025-01', statementIds: ['privacy', 'marketing'] })).toBe(false);
    expect(consentMatches(current, { version: '2025-01', statementIds: [] })).toBe(false);
  });
});
