import type { BrowserWindow } from 'electron';
import { logEvent } from '../log.ts';

/** Why the kiosk may close: an IT path, never a resident's. */
export type KioskExitReason = 'diagnostic' | 'signal' | 'os-session-end';

/**
 * Whether the kiosk window may close. Shut until an IT path opens it: a diagnostic start
 * (`--diagnostic` or `KIOSK_DIAGNOSTIC=1`), SIGTERM or SIGINT from the service manager or IT's
 * shell, or the operating system ending the session (log-off, shut-down). Each opening is logged.
 */
export class KioskExitGate {
  #reason: KioskExitReason | undefined;

  constructor(diagnostic: boolean) {
    if (diagnostic) this.open('diagnostic');
  }

  get isOpen(): boolean {
    return this.#reason !== undefined;
  }

  /** Lets the kiosk close from now on; logged for IT. */
  open(reason: KioskExitReason): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    logEvent('electron.exit_allowed', { reason });
  }
}

/** Diagnostic mode, IT only: `--diagnostic` on the command line or `KIOSK_DIAGNOSTIC=1`. */
export function isDiagnosticStart(env: NodeJS.ProcessEnv, argv: readonly string[]): boolean {
  return argv.includes('--diagnostic') || env.KIOSK_DIAGNOSTIC === '1';
}

/** The parts of `BrowserWindow` the lock touches. */
export type LockableWindow = Pick<BrowserWindow, 'on' | 'restore' | 'focus' | 'setKiosk' | 'isKiosk' | 'setClosable'>;

/**
 * Keeps a resident in the kiosk window: closing it (Alt+F4, the window manager, `window.close()`)
 * is refused unless the exit gate is open; minimising is undone at once; leaving full screen puts
 * it back in kiosk mode. Each refusal is logged. The OS ending the session opens the gate, so a
 * shut-down is never held up.
 */
export function lockKioskWindow(window: LockableWindow, gate: KioskExitGate): void {
  window.on('close', (event) => {
    if (gate.isOpen) return;
    event.preventDefault();
    logEvent('electron.close_refused', {});
  });
  window.on('minimize', () => {
    if (gate.isOpen) return;
    window.restore();
    window.focus();
    logEvent('electron.minimise_undone', {});
  });
  window.on('leave-full-screen', () => {
    if (gate.isOpen) return;
    window.setKiosk(true);
    logEvent('electron.full_screen_restored', {});
  });
  window.on('session-end', () => {
    gate.open('os-session-end');
    window.setClosable(true);
  });
}

/** The process's signal listeners, as `process` has them. */
export type SignalSource = Pick<NodeJS.Process, 'once'>;

/**
 * IT's documented way to stop a locked kiosk without a diagnostic start: SIGTERM (`systemctl
 * stop`, `kill PID`) or SIGINT. Opens the gate, makes the windows closable, and quits cleanly.
 */
export function quitOnItSignals(signals: SignalSource, gate: KioskExitGate, quit: () => void, windows: () => readonly Pick<BrowserWindow, 'setClosable'>[]): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    signals.once(signal, () => {
      gate.open('signal');
      for (const window of windows()) window.setClosable(true);
      quit();
    });
  }
}
