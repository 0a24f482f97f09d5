import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { watchKioskUse } from '../../../main/electron/kioskUseWatcher.ts';
import { QUIET_BEFORE_INSTALL_MS, decideUpdate } from '../../../main/updates/updatePolicy.ts';

// What the updater learns of the kiosk's use, from a stand-in for the page's webContents (an
// EventEmitter, as Electron's is) and main's count of open sessions.

describe("the kiosk's use, for the updater", () => {
  it('is at the welcome screen with no session open, and quiet since the last input of any kind', () => {
    const contents = new EventEmitter();
    let sessions = 0;
    let now = 1_000_000;
    const use = watchKioskUse(contents as unknown as WebContents, () => sessions, () => now);
    expect([use.atWelcome(), use.sessionOpen(), use.quietForMs()]).toEqual([true, false, 0]);
    now += 60_000;
    expect(use.quietForMs()).toBe(60_000);
    contents.emit('input-event', {}, { type: 'touchStart' });
    expect(use.quietForMs()).toBe(0);
    sessions = 1;
    expect([use.atWelcome(), use.sessionOpen()]).toEqual([false, true]);
    use.stop();
    now += 10_000;
    contents.emit('input-event', {}, { type: 'keyDown' });
    expect(use.quietForMs()).toBe(10_000);
  });

  it('lets a waiting update install only after five minutes untouched at the welcome screen, never in a session', () => {
    const contents = new EventEmitter();
    let sessions = 0;
    let now = Date.UTC(2026, 0, 5, 3, 0, 0);
    const use = watchKioskUse(contents as unknown as WebContents, () => sessions, () => now);
    const situation = () => ({
      now: new Date(now),
      updateUrl: 'https://updates.council.example/kiosk/',
      installHour: undefined,
      atWelcome: use.atWelcome(),
      sessionOpen: use.sessionOpen(),
      quietForMs: use.quietForMs(),
      updateReady: true,
      lastCheckAt: null,
    });
    now += QUIET_BEFORE_INSTALL_MS - 1;
    expect(decideUpdate(situation())).toEqual({ action: 'wait', reason: 'not_quiet' });
    now += 1;
    expect(decideUpdate(situation())).toEqual({ action: 'install' });
    sessions = 1;
    now += QUIET_BEFORE_INSTALL_MS;
    expect(decideUpdate(situation())).toEqual({ action: 'wait', reason: 'in_use' });
  });
});
