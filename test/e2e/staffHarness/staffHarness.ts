import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createKioskI18n } from '../../../renderer/i18n.ts';
import { createHttpTransport } from '../../../renderer/kiosk/httpTransport.ts';
import { createKioskRouter } from '../../../renderer/router.ts';
import StaffConsoleRoot from '../../../renderer/staff/StaffConsoleRoot.vue';
import '../../../renderer/styles/kiosk.css';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';

/** What the Playwright test gives the page: its answer to each call, and a way to push events. */
declare global {
  interface Window {
    /** Exposed by the test (`page.exposeFunction`): answers one call as the host would, and records it. */
    staffHarnessInvoke?: (channel: string, input: unknown) => Promise<unknown>;
    /** Called by the test: main pushes an event to this page. */
    staffHarnessPublish?: (channel: string, payload: unknown) => void;
  }
}

// The staff console alone, as the staff window shows it: the real root, stores, i18n, router
// and styles, built by Vite like the kiosk. The test stands where the host's transport is.
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const latest = new Map<string, unknown>();
window.staffHarnessPublish = (channel, payload) => {
  latest.set(channel, payload);
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};
// The view main already held when the page opened (the hub replays it to a new page).
const first = (window as unknown as { staffHarnessFirst?: unknown }).staffHarnessFirst;
if (first !== undefined) latest.set('staff:view', first);
// Opened with `?web`: the web host's own transport (HTTP calls and its event stream), under the
// web host's origin with the staff page's cookie. Otherwise the test is the host.
const viaWebHost = new URLSearchParams(window.location.search).has('web');
window.kiosk = viaWebHost ? createKioskClient(createHttpTransport()) : createKioskClient({
  invoke: (channel, input) => (window.staffHarnessInvoke === undefined ? Promise.reject(new Error('no host')) : window.staffHarnessInvoke(channel, input)),
  subscribe: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    if (latest.has(channel)) listener(latest.get(channel));
    return () => set.delete(listener);
  },
});

const app = createApp(StaffConsoleRoot);
app.use(createPinia());
app.use(createKioskI18n());
app.use(createKioskRouter());
app.mount('#app');
