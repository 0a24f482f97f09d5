import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import type { KioskMethodOutput } from '../shared/kioskApi/kioskContract.ts';
import { createKioskI18n } from './i18n.ts';
import { createKioskRouter } from './router.ts';
import { residentSessionKey, SESSION_END_REASONS } from './session/residentSession.ts';
import { StaffConsole } from './staffConsole.ts';
import type { SessionEndReason } from './session/residentSession.ts';

/** The address parameter that tells the fresh page why the last session ended (for its wording). */
const ENDED_PARAMETER = 'ended';

/**
 * Mounts the kiosk into `root`, once per page. When a resident's session ends (finish, start
 * again, idle) main is told to forget its side, and the page itself is replaced by a fresh load
 * of the kiosk: a new JavaScript world, so no object of the last resident (stores, closures,
 * caches, the session handle) can outlive the session, however it is referenced. The only thing
 * carried over is why the session ended, in the address, read and removed here.
 *
 * `page` is the role the host gave this page: the staff window (or the web host's staff page)
 * shows only the caseworker's console, loaded on demand; the kiosk page shows the resident's.
 */
export function startKioskApp(root: HTMLElement, connected: boolean, page: KioskMethodOutput<'getKioskInfo'>['page'] = 'kiosk'): void {
  const address = new URL(window.location.href);
  const ended = address.searchParams.get(ENDED_PARAMETER);
  const lastEndReason = SESSION_END_REASONS.find((reason) => reason === ended);
  if (address.search !== '') window.history.replaceState(null, '', address.pathname);

  const app = page === 'staff' ? createApp(StaffConsole) : createApp(App, { connected, lastEndReason });
  app.use(createPinia());
  app.use(createKioskI18n());
  app.use(createKioskRouter());
  app.provide(residentSessionKey, { end });
  app.mount(root);

  let ending = false;
  function end(reason: SessionEndReason): void {
    if (ending) return;
    ending = true;
    root.replaceChildren();
    try {
      window.sessionStorage.clear();
      window.localStorage.clear();
    } catch {
      // Storage may be unavailable (opaque origin); there is then nothing to clear.
    }
    // Main forgets the session's council credentials and details too: told here, and in any
    // case when this page goes (its event stream closes, or Electron sees the navigation), so
    // the fresh page does not wait for the answer.
    void window.kiosk?.endRegistration();
    window.location.replace(`${address.pathname}?${ENDED_PARAMETER}=${reason}`);
  }
}
