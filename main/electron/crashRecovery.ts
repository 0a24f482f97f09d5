import type { App, BrowserWindow, WebContents } from 'electron';
import { logEvent } from '../log.ts';

/** How many reloads within how long before the kiosk gives up and shows "out of order". */
export interface CrashRecoveryOptions {
  /** Reloads allowed within `periodMs` (default 3). */
  maxReloads?: number;
  /** The rolling period (default ten minutes). */
  periodMs?: number;
  now?: () => number;
}

/** Where recovery sends the window: the welcome screen, or the static "out of order" page. */
export interface RecoveryPages {
  welcome: string;
  outOfOrder: string;
}

/** The parts of `WebContents` recovery touches. */
export type RecoverableContents = Pick<WebContents, 'on' | 'loadURL' | 'forcefullyCrashRenderer'>;

/**
 * Brings the kiosk back when its page dies (`render-process-gone`) or hangs (`unresponsive`: the
 * hung renderer is ended first): it reloads at the welcome screen, so the next resident finds a
 * working kiosk and nothing of the last one. More than `maxReloads` within `periodMs` means
 * something is wrong that a reload will not fix: the window then shows the static "out of order,
 * please ask staff" page and stays there, and a log line tells IT. Reasons and exit codes are
 * logged; nothing from the page is.
 */
export function recoverFromCrashes(
  window: Pick<BrowserWindow, 'on'>,
  contents: RecoverableContents,
  pages: RecoveryPages,
  options: CrashRecoveryOptions = {},
): void {
  const maxReloads = options.maxReloads ?? 3;
  const periodMs = options.periodMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let reloads: number[] = [];
  let endingHungRenderer = false;
  let outOfOrder = false;

  const load = (url: string): void => {
    contents.loadURL(url).catch((error: unknown) => {
      logEvent('electron.recovery_load_failed', { error: error instanceof Error ? error.name : 'unknown' });
    });
  };
  const recover = (): void => {
    const at = now();
    reloads = reloads.filter((time) => at - time < periodMs);
    if (outOfOrder || reloads.length >= maxReloads) {
      if (!outOfOrder) logEvent('electron.out_of_order', { reloads: reloads.length, periodMinutes: Math.round(periodMs / 60_000) });
      outOfOrder = true;
      load(pages.outOfOrder);
      return;
    }
    reloads.push(at);
    logEvent('electron.kiosk_reloaded', { reloadsInPeriod: reloads.length });
    load(pages.welcome);
  };

  contents.on('render-process-gone', (_event, details) => {
    // A renderer we ended because it hung has been counted already; a clean exit is a quit.
    if (endingHungRenderer && details.reason === 'killed') {
      endingHungRenderer = false;
      return;
    }
    if (details.reason === 'clean-exit') return;
    logEvent('electron.renderer_gone', { reason: details.reason, exitCode: details.exitCode });
    recover();
  });
  window.on('unresponsive', () => {
    logEvent('electron.renderer_unresponsive', {});
    endingHungRenderer = true;
    contents.forcefullyCrashRenderer();
    recover();
  });
}

/** Logs every child process that goes (GPU, utility, …) with its type, reason and exit code. */
export function logChildProcessesGone(app: Pick<App, 'on'>): void {
  app.on('child-process-gone', (_event, details) => {
    logEvent(details.type === 'GPU' ? 'electron.gpu_process_gone' : 'electron.child_process_gone', {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      ...(details.name !== undefined ? { name: details.name } : {}),
    });
  });
}
