import { createPinia } from 'pinia';
import { createApp } from 'vue';
import type { App as VueApp } from 'vue';
import App from './App.vue';
import { createKioskI18n } from './i18n.ts';
import { createKioskRouter } from './router.ts';
import { residentSessionKey } from './session/residentSession.ts';
import type { SessionEndReason } from './session/residentSession.ts';

/** Classes a resident may set on <html> (display options); removed between residents. */
const RESIDENT_HTML_CLASSES = ['text-larger', 'contrast-high'];

/**
 * Mounts the kiosk into `root`, and mounts it afresh whenever a resident's session ends (main is
 * told to forget its side of the session at the same moment). Every
 * session gets a new Pinia (so every store starts empty), a new router with a new memory history
 * (nothing to go back to), new i18n state, and new DOM. Storage the page could have used is
 * cleared as well, even though the kiosk never writes any.
 */
export function startKioskApp(root: HTMLElement, connected: boolean): void {
  let app: VueApp | undefined;
  let lastEndReason: SessionEndReason | undefined;

  const mount = (): void => {
    const next = createApp(App, { connected, lastEndReason });
    next.use(createPinia());
    next.use(createKioskI18n());
    next.use(createKioskRouter());
    next.provide(residentSessionKey, { end });
    next.mount(root);
    app = next;
  };

  function end(reason: SessionEndReason): void {
    lastEndReason = reason;
    // Main forgets the session's council credentials and details too, however the session ended
    // (finish, start again, or idle). The client never rejects; a failure changes nothing here,
    // and main also drops any earlier session at the next start.
    void window.kiosk?.endRegistration();
    app?.unmount();
    root.replaceChildren();
    document.documentElement.classList.remove(...RESIDENT_HTML_CLASSES);
    document.title = '';
    window.getSelection()?.removeAllRanges();
    try {
      window.sessionStorage.clear();
      window.localStorage.clear();
    } catch {
      // Storage may be unavailable (opaque origin); there is then nothing to clear.
    }
    mount();
  }

  mount();
}
