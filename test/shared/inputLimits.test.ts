import { describe, expect, it } from 'vitest';
import { personNameSchema, emailSchema } from '../../shared/councilApi/councilPrimitives.ts';
import { INPUT_LIMITS, isOverLimit } from '../../shared/inputLimits.ts';

describe('input limits', () => {
  it('agree with the contract: the longest accepted text passes both, one more fails both', () => {
    const name = 'a'.repeat(INPUT_LIMITS.name);
    expect(isOverLimit('name', name)).toBe(false);
    expect(personNameSchema.safeParse(name).success).toBe(true);
    expect(isOverLimit('name', `${name}a`)).toBe(true);
    expect(personNameSchema.safeParse(`${name}a`).success).toBe(false);
    const email = `${'a'.repeat(INPUT_LIMITS.email - '@example.org'.length)}@example.org`;
    expect(isOverLimit('email', email)).toBe(false);
    expect(isOverLimit('email', `a${email}`)).toBe(true);
    expect(emailSchema.safeParse(`a${email}`).success).toBe(false);
  });

  it('counts after trimming the ends, as the kiosk sends it, unless told not to', () => {
    const name = ` ${'a'.repeat(INPUT_LIMITS.name)} `;
    expect(isOverLimit('name', name)).toBe(false);
    expect(isOverLimit('name', name, false)).toBe(true);
  });
});
