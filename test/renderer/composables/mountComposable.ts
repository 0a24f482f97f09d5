import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Router } from 'vue-router';
import { createKioskI18n } from '../../../renderer/i18n.ts';

/** A router with a few of the kiosk's screen names, each an empty page: where a call went. */
export function screensRouter(): Router {
  const page = { render: () => h('main') };
  return createRouter({
    history: createMemoryHistory(),
    routes: ['done', 'phone-code', 'phone-call', 'phone-confirm', 'account-setup', 'create-account'].map((name) => ({ path: `/${name}`, name, component: page })).concat({ path: '/', name: 'welcome', component: page }),
  });
}

/** Runs a composable inside a mounted component, with the real i18n and the given router, on the welcome screen. */
export async function mountComposable<T>(use: () => T, router: Router = screensRouter()): Promise<{ value: T; router: Router }> {
  await router.push('/');
  let value: T | undefined;
  mount(
    defineComponent({
      setup() {
        value = use();
        return () => null;
      },
    }),
    { global: { plugins: [createKioskI18n(), router] } },
  );
  if (value === undefined) throw new Error('the composable did not run');
  return { value, router };
}
