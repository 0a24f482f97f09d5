// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import BaseTextField from '../../../renderer/components/BaseTextField.vue';
import PasswordField from '../../../renderer/components/PasswordField.vue';
import { useTypingReports } from '../../../renderer/composables/useTypingReports.ts';
import { createKioskI18n } from '../../../renderer/i18n.ts';
import type { ResidentField } from '../../../shared/kioskApi/staffView.ts';

// The fields as the kiosk's own components render them (type, autocomplete), one listener set on
// the document: what the caseworker's console is told, and that a typed value never goes with it.

function mountFields(route: string, active = ref(true)) {
  const reports: (ResidentField | null)[] = [];
  const text = (id: string, props: Record<string, string>) => h(BaseTextField, { id, label: id, modelValue: '', ...props });
  const wrapper = mount(
    defineComponent({
      setup() {
        useTypingReports(active, () => route, (field) => reports.push(field));
        return () =>
          h('form', [
            h(PasswordField, { id: 'password', label: 'Password', autocomplete: 'new-password', modelValue: '' }),
            text('code', { autocomplete: 'one-time-code', inputmode: 'numeric' }),
            text('email', { type: 'email', autocomplete: 'email' }),
            text('phone', { type: 'tel', autocomplete: 'tel' }),
            text('given', { autocomplete: 'given-name' }),
            text('invite-code', {}),
            h('div', { 'data-no-typing-report': '' }, [h('input', { id: 'pin', type: 'password' })]),
          ]);
      },
    }),
    { attachTo: document.body, global: { plugins: [createKioskI18n()] } },
  );
  const focus = async (id: string): Promise<void> => {
    wrapper.get(`#${id}`).element.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await Promise.resolve();
  };
  const blur = (id: string): void => {
    wrapper.get(`#${id}`).element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  };
  return { wrapper, reports, focus, blur, active };
}

describe('typing reports', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('names each kind of field, the code by its screen, and stays quiet for other fields and the staff PIN', async () => {
    const { reports, focus, blur } = mountFields('verify-email');
    for (const id of ['password', 'code', 'email', 'phone', 'given', 'invite-code', 'pin']) {
      await focus(id);
      blur(id);
    }
    vi.advanceTimersByTime(500);
    expect(reports).toEqual(['password', 'email_code', 'email', 'phone_number', 'name', null]);
    const phone = mountFields('phone-code');
    await phone.focus('code');
    expect(phone.reports).toEqual(['phone_code']);
  });

  it('a move between fields is one report; leaving them all says stopped; typing repeats at most every few seconds, without the value', async () => {
    const { wrapper, reports, focus, blur } = mountFields('create-account');
    await focus('given');
    blur('given');
    await focus('password');
    vi.advanceTimersByTime(500);
    expect(reports).toEqual(['name', 'password']);
    const password = wrapper.get('#password');
    await password.setValue('Secret-Value-1');
    await password.setValue('Secret-Value-12');
    expect(reports).toEqual(['name', 'password']);
    vi.advanceTimersByTime(5_000);
    await password.setValue('Secret-Value-123');
    expect(reports).toEqual(['name', 'password', 'password']);
    expect(JSON.stringify(reports)).not.toContain('Secret');
    blur('password');
    vi.advanceTimersByTime(500);
    expect(reports.at(-1)).toBeNull();
  });

  it('reports nothing outside an assisted session', async () => {
    const { reports, focus, active } = mountFields('create-account', ref(false));
    await focus('password');
    expect(reports).toEqual([]);
    active.value = true;
    await Promise.resolve();
    await focus('email');
    expect(reports).toEqual(['email']);
  });
});
