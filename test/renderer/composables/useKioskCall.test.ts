// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { KioskError } from '../../../shared/kioskApi/kioskResult.ts';
import { useKioskCall } from '../../../renderer/composables/useKioskCall.ts';
import { mountComposable } from './mountComposable.ts';

const refused = (code: KioskError['code']): KioskError => ({ code, message: 'developer text' });

describe('one way to run a kiosk call from a screen', () => {
  it('is busy while the call runs, and a second press meanwhile sends nothing', async () => {
    const { value: call } = await mountComposable(() => useKioskCall());
    let calls = 0;
    let finish: () => void = () => undefined;
    const slow = () => {
      calls++;
      return new Promise<undefined>((resolve) => (finish = () => resolve(undefined)));
    };
    const first = call.run(slow, { action: 'Continue' });
    expect(call.busy.value).toBe(true);
    expect(await call.run(slow, { action: 'Continue' })).toBe(false);
    finish();
    expect(await first).toBe(true);
    expect(calls).toBe(1);
    expect(call.busy.value).toBe(false);
  });

  it("shows the screen's own checks at their fields and sends nothing", async () => {
    const { value: call, router } = await mountComposable(() => useKioskCall());
    let calls = 0;
    const worked = await call.run(() => {
      calls++;
      return Promise.resolve(undefined);
    }, { action: 'Continue', check: () => ({ email: 'Enter an email address', name: '' }), next: 'done' });
    expect(worked).toBe(false);
    expect(calls).toBe(0);
    expect(call.errors.summary.value).toEqual([{ fieldId: 'email', message: 'Enter an email address' }]);
    expect(router.currentRoute.value.name).toBe('welcome');
  });

  it('puts a refused call into words at the field its code is about, or at the top, and stays', async () => {
    const { value: call, router } = await mountComposable(() => useKioskCall());
    const told: string[] = [];
    const options = { action: 'Send verification code', fields: { email_in_use: 'email' }, refused: (e: KioskError) => told.push(e.code), next: 'done' } as const;

    expect(await call.run(() => Promise.resolve(refused('email_in_use')), options)).toBe(false);
    expect(call.errors.field('email')).not.toBe('');
    expect(call.errors.general.value).toBe('');

    await call.run(() => Promise.resolve(refused('council_unreachable')), options);
    expect(call.errors.field('email')).toBe('');
    expect(call.errors.general.value).toContain("select 'Send verification code' to try again");
    expect(call.errors.general.value).not.toContain('developer text');
    expect(told).toEqual(['email_in_use', 'council_unreachable']);
    expect(router.currentRoute.value.name).toBe('welcome');
  });

  it('clears the errors once the call works, runs what follows, and goes to the next screen', async () => {
    const { value: call, router } = await mountComposable(() => useKioskCall());
    call.errors.show({ email: 'old' }, 'old general');
    const steps: string[] = [];
    const worked = await call.run(() => Promise.resolve(undefined), {
      action: 'Continue',
      done: () => void steps.push(`done with errors: ${call.errors.summary.value.length}`),
      next: () => 'done',
    });
    expect(worked).toBe(true);
    expect(steps).toEqual(['done with errors: 0']);
    expect(router.currentRoute.value.name).toBe('done');
  });

  it('is not left busy when the call throws', async () => {
    const { value: call } = await mountComposable(() => useKioskCall());
    await expect(call.run(() => Promise.reject(new Error('transport closed')), { action: 'Continue' })).rejects.toThrow('transport closed');
    expect(call.busy.value).toBe(false);
  });
});
