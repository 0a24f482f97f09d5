// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/locales/en.json';
import InviteCodeView from '../../../renderer/views/InviteCodeView.vue';
import PhoneCodeView from '../../../renderer/views/PhoneCodeView.vue';
import PhoneNumberView from '../../../renderer/views/PhoneNumberView.vue';
import { mountScreen } from './screenMount.ts';

// What a screen says before it asks main anything: no kiosk API is connected here, so a screen
// that sent the call anyway would throw, and the test would fail.
describe('checks a screen makes before sending anything', () => {
  it('invite code: a code over its length limit is named at the field, in the summary, and the screen stays', async () => {
    const { wrapper, router } = await mountScreen(InviteCodeView, 'invite-code');
    await wrapper.get('#invite-code').setValue('A'.repeat(41));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#invite-code-error').text()).toContain('must be 40 characters or fewer');
    expect(wrapper.get('.govuk-error-summary, [role="alert"]').text()).toContain('must be 40 characters or fewer');
    expect(router.currentRoute.value.name).toBe('invite-code');
  });

  it('phone number: choosing a method for an unfinished number says what is wrong with it, at the number', async () => {
    const { wrapper, router } = await mountScreen(PhoneNumberView, 'phone-number');
    await wrapper.get('#phone-number').setValue('01603 222222');
    expect(wrapper.text()).toContain('is a landline number');
    await wrapper.get('#phone-number').setValue('01603');
    const sendCode = wrapper.findAll('button').find((button) => button.text() === 'Send Code');
    expect(sendCode).toBeDefined();
    await sendCode?.trigger('click');
    await flushPromises();
    expect(wrapper.get('#phone-number-error').text()).toContain(en.phoneNumber.errors.too_short);
    expect(router.currentRoute.value.name).toBe('phone-number');
  });

  it('phone code: a code that is not six digits uses the one-time-code rule, before anything is sent', async () => {
    const { wrapper, router } = await mountScreen(PhoneCodeView, 'phone-code');
    await wrapper.get('#phone-code').setValue('12 345');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#phone-code-error').text()).toContain(en.code.errors.format);
    await wrapper.get('#phone-code').setValue('');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#phone-code-error').text()).toContain(en.code.errors.empty);
    expect(router.currentRoute.value.name).toBe('phone-code');
  });
});
