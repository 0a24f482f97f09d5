import type { WebContents } from 'electron';
import type { KioskUse } from '../updates/kioskUpdater.ts';

/**
 * What the update policy needs to know of the kiosk's use, from what main itself sees. The
 * renderer keeps its screens in memory (no address per screen), so main cannot read the screen
 * from the page's address; instead: a resident's registration is open in main from choosing a
 * service until the session ends, and ending it always returns the page to the welcome screen,
 * so "no session open" is the welcome screen. (There is no caseworker session in main yet; when
 * there is, it belongs in `openSessions`.) The time since the last touch, click or key comes from
 * Electron's `input-event`, which sees every input sent to the page, touches included.
 */
export function watchKioskUse(
  contents: Pick<WebContents, 'on' | 'off'>,
  openSessions: () => number,
  now: () => number = Date.now,
): KioskUse & { stop(): void } {
  let lastInputAt = now();
  const onInput = (): void => {
    lastInputAt = now();
  };
  contents.on('input-event', onInput);
  return {
    atWelcome: () => openSessions() === 0,
    sessionOpen: () => openSessions() > 0,
    quietForMs: () => now() - lastInputAt,
    stop: () => void contents.off('input-event', onInput),
  };
}
