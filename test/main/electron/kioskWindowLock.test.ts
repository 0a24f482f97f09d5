import { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { KioskExitGate, isDiagnosticStart, lockKioskWindow, quitOnItSignals } from '../../../main/electron/kioskWindowLock.ts';
import { capturedLog, preventable } from './electronFakes.ts';

const logged = capturedLog();

function fakeWindow() {
  const window = new EventEmitter() as EventEmitter & { calls: string[] };
  window.calls = [];
  return Object.assign(window, {
    restore: () => window.calls.push('restore'),
    focus: () => window.calls.push('focus'),
    setKiosk: (on: boolean) => window.calls.push(`setKiosk(${on})`),
    isKiosk: () => true,
    setClosable: (on: boolean) => window.calls.push(`setClosable(${on})`),
  });
}

describe('leaving the kiosk', () => {
  it('refuses to close, undoes minimising and puts full screen back, logging each', () => {
    const window = fakeWindow();
    lockKioskWindow(window as unknown as BrowserWindow, new KioskExitGate(false));
    const close = preventable();
    window.emit('close', close);
    window.emit('minimize');
    window.emit('leave-full-screen');
    expect(close.prevented).toBe(true);
    expect(window.calls).toEqual(['restore', 'focus', 'setKiosk(true)']);
    expect(logged.map((l) => l.event)).toEqual(['electron.close_refused', 'electron.minimise_undone', 'electron.full_screen_restored']);
  });

  it('lets a diagnostic start close, and logs that it may', () => {
    const window = fakeWindow();
    lockKioskWindow(window as unknown as BrowserWindow, new KioskExitGate(true));
    const close = preventable();
    window.emit('close', close);
    expect(close.prevented).toBe(false);
    expect(logged).toMatchObject([{ event: 'electron.exit_allowed', reason: 'diagnostic' }]);
  });

  it('lets the OS end the session (log-off, shut-down)', () => {
    const window = fakeWindow();
    lockKioskWindow(window as unknown as BrowserWindow, new KioskExitGate(false));
    window.emit('session-end', {});
    const close = preventable();
    window.emit('close', close);
    expect(close.prevented).toBe(false);
    expect(logged).toMatchObject([{ event: 'electron.exit_allowed', reason: 'os-session-end' }]);
  });

  it('quits on SIGTERM or SIGINT, the documented IT path, and logs it', () => {
    const signals = new EventEmitter();
    const window = fakeWindow();
    const gate = new KioskExitGate(false);
    let quits = 0;
    quitOnItSignals(signals as unknown as NodeJS.Process, gate, () => quits++, () => [window]);
    lockKioskWindow(window as unknown as BrowserWindow, gate);
    signals.emit('SIGTERM');
    const close = preventable();
    window.emit('close', close);
    expect(quits).toBe(1);
    expect(close.prevented).toBe(false);
    expect(window.calls).toContain('setClosable(true)');
    expect(logged).toMatchObject([{ event: 'electron.exit_allowed', reason: 'signal' }]);
  });

  it('starts in diagnostic mode only when IT asks', () => {
    expect(isDiagnosticStart({}, ['electron', '.'])).toBe(false);
    expect(isDiagnosticStart({ KIOSK_DIAGNOSTIC: '1' }, [])).toBe(true);
    expect(isDiagnosticStart({}, ['electron', '.', '--diagnostic'])).toBe(true);
    expect(isDiagnosticStart({ KIOSK_DIAGNOSTIC: 'yes please' }, [])).toBe(false);
  });
});
