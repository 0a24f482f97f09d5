import type { AppUpdater } from 'electron-updater';
import { logEvent } from '../log.ts';
import { decideUpdate } from './updatePolicy.ts';
import type { UpdateSituation } from './updatePolicy.ts';

/** The parts of electron-updater's `autoUpdater` the kiosk drives. */
export type KioskAutoUpdater = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'on'> & {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
};

/** What the Electron shell tells the updater about the kiosk's use (the policy's other inputs come from here). */
export interface KioskUse {
  atWelcome(): boolean;
  sessionOpen(): boolean;
  quietForMs(): number;
}

/** A running updater: `tick()` is called every minute by its timer; `stop()` ends it. */
export interface KioskUpdater {
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Drives electron-updater by the update policy: a generic provider on IT's server, downloads in
 * the background, installs only when `decideUpdate` says so (never on quit, which could fall in a
 * session). Returns undefined, and does nothing, when no update server is configured.
 */
export function startKioskUpdater(options: {
  updater: KioskAutoUpdater;
  use: KioskUse;
  updateUrl: string | undefined;
  installHour: number | undefined;
  now?: () => Date;
  tickMs?: number;
}): KioskUpdater | undefined {
  const { updater, use, updateUrl } = options;
  if (updateUrl === undefined) return undefined;
  updater.setFeedURL({ provider: 'generic', url: updateUrl });
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  let updateReady = false;
  let lastCheckAt: number | null = null;
  updater.on('update-downloaded', () => {
    updateReady = true;
    logEvent('update.downloaded', {});
  });
  updater.on('error', (error: Error) => logEvent('update.failed', { error: error.name }));

  async function tick(): Promise<void> {
    const now = (options.now ?? (() => new Date()))();
    const situation: UpdateSituation = {
      now,
      updateUrl,
      installHour: options.installHour,
      atWelcome: use.atWelcome(),
      sessionOpen: use.sessionOpen(),
      quietForMs: use.quietForMs(),
      updateReady,
      lastCheckAt,
    };
    const decision = decideUpdate(situation);
    if (decision.action === 'install') {
      logEvent('update.installing', {});
      updater.quitAndInstall(true, true);
    } else if (decision.action === 'check') {
      lastCheckAt = now.getTime();
      try {
        await updater.checkForUpdates();
      } catch (error) {
        logEvent('update.failed', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
