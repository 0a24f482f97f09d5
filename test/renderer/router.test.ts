// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/locales/en.json';
import { createKioskRouter } from '../../renderer/router.ts';
import { useRegistrationStore } from '../../renderer/stores/registrationStore.ts';

describe("the kiosk's table of screens", () => {
  it('gives every screen a title in the locale file and a path of its own', () => {
    const routes = createKioskRouter().getRoutes();
    expect(routes.length).toBe(17);
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
    for (const route of routes) {
      const [group, key] = (route.meta.title ?? '').split('.');
      expect((en as Record<string, Record<string, unknown>>)[group ?? '']?.[key ?? ''], String(route.name)).toEqual(expect.any(String));
    }
  });

  it('sends a resident to the welcome screen when a screen needs a step not yet done', async () => {
    setActivePinia(createPinia());
    const router = createKioskRouter();
    await router.push({ name: 'phone-number' });
    expect(router.currentRoute.value.name).toBe('welcome');
    useRegistrationStore().serviceId = 'social-care';
    await router.push({ name: 'invite-code' });
    expect(router.currentRoute.value.name).toBe('invite-code');
    await router.push({ name: 'have-account' });
    expect(router.currentRoute.value.name).toBe('welcome');
  });
});
