// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { useKioskCall } from '../../../renderer/composables/useKioskCall.ts';
import { usePhoneCheck } from '../../../renderer/composables/usePhoneCheck.ts';
import en from '../../../renderer/locales/en.json';
import { usePhoneEnrolmentStore } from '../../../renderer/stores/phoneEnrolmentStore.ts';
import { mountComposable } from './mountComposable.ts';

async function phoneCheck() {
  setActivePinia(createPinia());
  const { value, router } = await mountComposable(() => {
    const call = useKioskCall();
    return { call, check: usePhoneCheck(call) };
  });
  return { ...value, router, phone: usePhoneEnrolmentStore() };
}

describe("the phone screens' check", () => {
  it('goes to the confirming repeat after a first round, and to account setup once the phone is enrolled', async () => {
    const { check, phone } = await phoneCheck();
    expect(check.afterConfirmed()).toBe('phone-confirm');
    phone.phoneEnrolled = true;
    expect(check.afterConfirmed()).toBe('account-setup');
  });

  it("names each method's button as the guides do", async () => {
    const { check } = await phoneCheck();
    expect(check.label('sms')).toBe(en.phone.sendCode);
    expect(check.label('call')).toBe(en.phone.callMe);
  });

  it('with no number chosen, says the step is out of order and stays', async () => {
    const { call, check, router } = await phoneCheck();
    expect(await check.start('call')).toBe(false);
    expect(call.errors.general.value).not.toBe('');
    expect(router.currentRoute.value.name).toBe('welcome');
  });
});
