import { EventEmitter } from 'node:events';
import type { App, BrowserWindow, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { logChildProcessesGone, recoverFromCrashes } from '../../../main/electron/crashRecovery.ts';
import { capturedLog } from './electronFakes.ts';

const logged = capturedLog();

describe('crash recovery', () => {
  const pages = { welcome: 'app://kiosk/index.html', outOfOrder: 'app://kiosk/out-of-order.html' };
  function setUp() {
    let clock = 0;
    const loaded: string[] = [];
    let crashedByUs = 0;
    const window = new EventEmitter();
    const contents = Object.assign(new EventEmitter(), {
      loadURL: (url: string) => (loaded.push(url), Promise.resolve()),
      forcefullyCrashRenderer: () => {
        crashedByUs++;
      },
    });
    recoverFromCrashes(window as unknown as BrowserWindow, contents as unknown as WebContents, pages, { now: () => clock });
    return {
      loaded,
      window,
      contents,
      crashedByUs: () => crashedByUs,
      advance: (ms: number) => (clock += ms),
      crash: (reason = 'crashed') => contents.emit('render-process-gone', {}, { reason, exitCode: 139 }),
    };
  }

  it('reloads at the welcome screen three times in ten minutes, then shows "out of order" and tells IT', () => {
    const kiosk = setUp();
    for (let i = 0; i < 3; i++) {
      kiosk.crash();
      kiosk.advance(60_000);
    }
    expect(kiosk.loaded).toEqual([pages.welcome, pages.welcome, pages.welcome]);
    kiosk.crash('oom');
    expect(kiosk.loaded.at(-1)).toBe(pages.outOfOrder);
    expect(logged.filter((l) => l.event === 'electron.out_of_order')).toMatchObject([{ reloads: 3, periodMinutes: 10 }]);
    expect(logged.filter((l) => l.event === 'electron.renderer_gone').map((l) => l.reason)).toEqual(['crashed', 'crashed', 'crashed', 'oom']);
    // Once out of order it stays so, even after the period, until IT restarts it.
    kiosk.advance(60 * 60_000);
    kiosk.crash();
    expect(kiosk.loaded.at(-1)).toBe(pages.outOfOrder);
  });

  it('counts only the last ten minutes', () => {
    const kiosk = setUp();
    for (let i = 0; i < 6; i++) {
      kiosk.crash();
      kiosk.advance(4 * 60_000);
    }
    expect(kiosk.loaded).toEqual(Array(6).fill(pages.welcome));
  });

  it('ends a hung page and reloads it at the welcome screen, counting it once', () => {
    const kiosk = setUp();
    kiosk.window.emit('unresponsive');
    kiosk.crash('killed');
    expect(kiosk.crashedByUs()).toBe(1);
    expect(kiosk.loaded).toEqual([pages.welcome]);
    expect(logged.map((l) => l.event)).toEqual(['electron.renderer_unresponsive', 'electron.kiosk_reloaded']);
  });

  it('ignores a clean exit (the kiosk quitting)', () => {
    const kiosk = setUp();
    kiosk.crash('clean-exit');
    expect(kiosk.loaded).toEqual([]);
  });

  it('logs child processes that go, the GPU process by name', () => {
    const app = new EventEmitter();
    logChildProcessesGone(app as unknown as App);
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 134 });
    app.emit('child-process-gone', {}, { type: 'Utility', reason: 'oom', exitCode: 1, name: 'Network Service' });
    expect(logged).toMatchObject([
      { event: 'electron.gpu_process_gone', type: 'GPU', reason: 'crashed', exitCode: 134 },
      { event: 'electron.child_process_gone', type: 'Utility', reason: 'oom', exitCode: 1 },
    ]);
  });
});
