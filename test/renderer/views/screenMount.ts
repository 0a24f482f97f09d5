import { mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import type { Router } from 'vue-router';
import { createKioskI18n } from '../../../renderer/i18n.ts';
import { createKioskRouter } from '../../../renderer/router.ts';
import type { RouteName } from '../../../renderer/router.ts';
import { residentSessionKey } from '../../../renderer/session/residentSession.ts';
import { useRegistrationStore } from '../../../renderer/stores/registrationStore.ts';

/**
 * One screen with the kiosk's real router, i18n and a fresh Pinia, its earlier steps marked as
 * done. No kiosk API is connected (`window.kiosk` is unset): a screen that sends anything throws.
 */
export async function mountScreen(view: Component, name: RouteName): Promise<{ wrapper: VueWrapper; router: Router }> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const registration = useRegistrationStore();
  registration.serviceId = 'social-care';
  registration.account = { phoneEnrolled: false };
  const router = createKioskRouter();
  await router.push({ name });
  const wrapper = mount(view, { global: { plugins: [pinia, createKioskI18n(), router], provide: { [residentSessionKey]: { end: () => undefined } } } }) as VueWrapper;
  return { wrapper, router };
}
