import { describe, expect, it } from 'vitest';
import { CleanupStack } from '../../main/cleanupStack.ts';

describe('CleanupStack', () => {
  it('runs every step, last-added first, even when one fails, then reports the failures', async () => {
    const ran: string[] = [];
    const stack = new CleanupStack();
    stack.add('first', () => void ran.push('first'));
    stack.add('failing', () => {
      ran.push('failing');
      throw new Error('stuck');
    });
    stack.add('last', () => {
      ran.push('last');
      return Promise.resolve();
    });
    const error = await stack.dispose().catch((e: unknown) => e);
    expect(ran).toEqual(['last', 'failing', 'first']);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(['stuck']);
  });

  it('runs nothing twice, and refuses steps after disposal', async () => {
    let runs = 0;
    const stack = new CleanupStack();
    stack.add('once', () => {
      runs++;
    });
    await stack.dispose();
    await stack.dispose();
    expect(runs).toBe(1);
    expect(() => stack.add('late', () => undefined)).toThrow('already disposed');
  });
});
