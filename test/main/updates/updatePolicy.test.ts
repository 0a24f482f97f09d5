import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startKioskUpdater } from '../../../main/updates/kioskUpdater.ts';
import type { KioskAutoUpdater } from '../../../main/updates/kioskUpdater.ts';
import { CHECK_INTERVAL_MS, QUIET_BEFORE_INSTALL_MS, decideUpdate } from '../../../main/updates/updatePolicy.ts';
import type { UpdateSituation } from '../../../main/updates/updatePolicy.ts';

const threeAm = new Date(2026, 10, 30, 3, 15);
const quiet: UpdateSituation = {
  now: threeAm,
  updateUrl: 'https://updates.council.example/kiosk/',
  installHour: undefined,
  atWelcome: true,
  sessionOpen: false,
  quietForMs: QUIET_BEFORE_INSTALL_MS,
  updateReady: true,
  lastCheckAt: null,
};

describe('update policy', () => {
  it('does nothing at all unless IT names an update server', () => {
    expect(decideUpdate({ ...quiet, updateUrl: undefined })).toEqual({ action: 'wait', reason: 'updates_off' });
    expect(decideUpdate({ ...quiet, updateUrl: undefined, updateReady: false })).toEqual({ action: 'wait', reason: 'updates_off' });
  });

  it('installs a waiting update at the welcome screen once nobody has touched the kiosk for a while', () => {
    expect(decideUpdate(quiet)).toEqual({ action: 'install' });
    expect(decideUpdate({ ...quiet, quietForMs: QUIET_BEFORE_INSTALL_MS - 1 })).toEqual({ action: 'wait', reason: 'not_quiet' });
  });

  it('never installs or checks during a resident\'s or caseworker\'s session, or away from the welcome screen', () => {
    for (const situation of [
      { ...quiet, sessionOpen: true },
      { ...quiet, atWelcome: false },
      { ...quiet, sessionOpen: true, quietForMs: 10 * QUIET_BEFORE_INSTALL_MS },
      { ...quiet, updateReady: false, sessionOpen: true },
    ]) {
      expect(decideUpdate(situation)).toEqual({ action: 'wait', reason: 'in_use' });
    }
  });

  it('keeps to the hour IT set', () => {
    expect(decideUpdate({ ...quiet, installHour: 3 })).toEqual({ action: 'install' });
    expect(decideUpdate({ ...quiet, installHour: 4 })).toEqual({ action: 'wait', reason: 'not_install_hour' });
    expect(decideUpdate({ ...quiet, installHour: 3, sessionOpen: true })).toEqual({ action: 'wait', reason: 'in_use' });
  });

  it('asks the server at most every few hours, and only when the kiosk is free', () => {
    const idle = { ...quiet, updateReady: false };
    expect(decideUpdate(idle)).toEqual({ action: 'check' });
    expect(decideUpdate({ ...idle, lastCheckAt: threeAm.getTime() - CHECK_INTERVAL_MS + 1 })).toEqual({ action: 'wait', reason: 'checked_recently' });
    expect(decideUpdate({ ...idle, lastCheckAt: threeAm.getTime() - CHECK_INTERVAL_MS })).toEqual({ action: 'check' });
  });
});

/** electron-updater's autoUpdater, as far as the kiosk drives it: records what it is asked to do. */
function recordingUpdater(): KioskAutoUpdater & EventEmitter & { calls: string[]; feed: unknown } {
  const emitter = new EventEmitter() as EventEmitter & { calls: string[]; feed: unknown; autoDownload: boolean; autoInstallOnAppQuit: boolean };
  emitter.calls = [];
  emitter.autoDownload = false;
  emitter.autoInstallOnAppQuit = true;
  return Object.assign(emitter, {
    setFeedURL(feed: unknown) {
      emitter.feed = feed;
    },
    checkForUpdates() {
      emitter.calls.push('check');
      return Promise.resolve(null);
    },
    quitAndInstall() {
      emitter.calls.push('install');
    },
  }) as unknown as KioskAutoUpdater & EventEmitter & { calls: string[]; feed: unknown };
}

describe('kiosk updater', () => {
  it('is not started without an update server', () => {
    const updater = recordingUpdater();
    expect(startKioskUpdater({ updater, use: { atWelcome: () => true, sessionOpen: () => false, quietForMs: () => 1e9 }, updateUrl: undefined, installHour: undefined })).toBeUndefined();
    expect(updater.feed).toBeUndefined();
  });

  it('uses IT\'s generic server, never installs on quit, and installs only when the policy allows', async () => {
    const updater = recordingUpdater();
    let session = false;
    const running = startKioskUpdater({
      updater,
      use: { atWelcome: () => true, sessionOpen: () => session, quietForMs: () => QUIET_BEFORE_INSTALL_MS },
      updateUrl: 'https://updates.council.example/kiosk/',
      installHour: undefined,
      now: () => threeAm,
    });
    try {
      expect(updater.feed).toEqual({ provider: 'generic', url: 'https://updates.council.example/kiosk/' });
      expect(updater.autoInstallOnAppQuit).toBe(false);
      await running?.tick();
      expect(updater.calls).toEqual(['check']);
      updater.emit('update-downloaded');
      session = true;
      await running?.tick();
      expect(updater.calls).toEqual(['check']);
      session = false;
      await running?.tick();
      expect(updater.calls).toEqual(['check', 'install']);
    } finally {
      running?.stop();
    }
  });
});
