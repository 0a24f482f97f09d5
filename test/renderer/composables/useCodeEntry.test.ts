// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { KioskError } from '../../../shared/kioskApi/kioskResult.ts';
import { useCodeEntry } from '../../../renderer/composables/useCodeEntry.ts';
import { useKioskCall } from '../../../renderer/composables/useKioskCall.ts';
import en from '../../../renderer/locales/en.json';
import { mountComposable } from './mountComposable.ts';

async function entry() {
  const { value, router } = await mountComposable(() => {
    const call = useKioskCall();
    return { call, code: useCodeEntry(call, 'email-code') };
  });
  return { ...value, router };
}

describe('a one-time code screen', () => {
  it('names an empty or mistyped code at the field and sends nothing', async () => {
    const { call, code } = await entry();
    const sent: string[] = [];
    const verify = (typed: string) => Promise.resolve(void sent.push(typed));
    await code.submit(verify, { action: 'Verify code', next: () => 'done' });
    expect(call.errors.field('email-code')).toBe(en.code.errors.empty);
    for (const typed of ['12345', '1234567', '12a456']) {
      code.code.value = typed;
      await code.submit(verify, { action: 'Verify code', next: () => 'done' });
      expect(call.errors.field('email-code'), typed).toBe(en.code.errors.format);
    }
    expect(sent).toEqual([]);
  });

  it('sends six digits without the spaces typed, and goes on', async () => {
    const { code, router } = await entry();
    const sent: string[] = [];
    code.code.value = ' 123 456 ';
    expect(await code.submit((typed) => Promise.resolve(void sent.push(typed)), { action: 'Verify code', next: () => 'create-account' })).toBe(true);
    expect(sent).toEqual(['123456']);
    expect(router.currentRoute.value.name).toBe('create-account');
  });

  it('shows a wrong, old or dead code at the field, anything else at the top', async () => {
    const { call, code } = await entry();
    code.code.value = '123456';
    const answer = (c: KioskError['code']) => () => Promise.resolve<KioskError>({ code: c, message: 'developer text' });
    for (const about of ['code_incorrect', 'code_expired', 'too_many_attempts'] as const) {
      await code.submit(answer(about), { action: 'Verify code', next: () => 'done' });
      expect(call.errors.field('email-code'), about).not.toBe('');
      expect(call.errors.general.value, about).toBe('');
    }
    await code.submit(answer('council_unreachable'), { action: 'Verify code', next: () => 'done' });
    expect(call.errors.field('email-code')).toBe('');
    expect(call.errors.general.value).toContain('Verify code');
    expect(code.code.value).toBe('123456');
  });

  it("empties the field and confirms 'a new code has been sent' after a resend that stays", async () => {
    const { code, router } = await entry();
    code.code.value = '999';
    expect(await code.resend(() => Promise.resolve(undefined), { action: 'Send a new code' })).toBe(true);
    expect(code.code.value).toBe('');
    expect(code.sentAgain.value).toBe(true);
    expect(router.currentRoute.value.name).toBe('welcome');
  });

  it('does not confirm a resend that was refused, and keeps what was typed', async () => {
    const { code, call } = await entry();
    code.code.value = '12';
    await code.resend(() => Promise.resolve<KioskError>({ code: 'resend_too_soon', message: 'x', retryAfterSeconds: 20 }), { action: 'Send a new code' });
    expect(code.sentAgain.value).toBe(false);
    expect(code.code.value).toBe('12');
    expect(call.errors.general.value).not.toBe('');
  });
});
