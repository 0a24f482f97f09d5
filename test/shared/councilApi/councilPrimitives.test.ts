import { describe, expect, it } from 'vitest';
import {
  formatIdempotencyKey,
  maskEmail,
  maskName,
  parseIdempotencyKeyHeader,
} from '../../../shared/councilApi/councilPrimitives.ts';

describe('council API primitives', () => {
  it('masks names and e-mail addresses', () => {
    expect(maskName('Jane Smith')).toBe('J*** S****');
    expect(maskName('  Al  ')).toBe('A*');
    expect(maskName('Ó')).toBe('Ó*');
    expect(maskEmail('resident@example.org')).toBe('r*******@example.org');
    expect(maskEmail('nonsense')).toBe('********');
  });

  it('reads Idempotency-Key as an sf-string or bare, and refuses malformed keys', () => {
    const key = '6f1c2d9e-0b4a-4c1e-9d2f-3a7b8c9d0e1f';
    expect(parseIdempotencyKeyHeader(formatIdempotencyKey(key))).toBe(key);
    expect(parseIdempotencyKeyHeader(key)).toBe(key);
    expect(parseIdempotencyKeyHeader(undefined)).toBeUndefined();
    expect(parseIdempotencyKeyHeader('"short"')).toBeUndefined();
    expect(parseIdempotencyKeyHeader('"has space in it"')).toBeUndefined();
    expect(parseIdempotencyKeyHeader('"' + 'x'.repeat(129) + '"')).toBeUndefined();
  });
});
