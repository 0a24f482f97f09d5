import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../main/electron/appProtocol.ts';
import { registerKioskIpc } from '../../../main/electron/ipcBridge.ts';
import { openKioskPageWindow } from '../../../main/electron/kioskPageWindow.ts';
import type { KioskPageWindowParts } from '../../../main/electron/kioskPageWindow.ts';
import { KioskExitGate } from '../../../main/electron/kioskWindowLock.ts';
import type { KioskWindowClass } from '../../../main/electron/windowHardening.ts';
import { KioskEventHub } from '../../../main/kioskApi/kioskEventHub.ts';
import type { PageRole } from '../../../shared/kioskApi/kioskMethod.ts';
import { startTestCore } from '../kioskCoreFixture.ts';
import { LAPTOP, DESK, capturedLog, FakeWindow, preventable } from './electronFakes.ts';

// The staff window is the kiosk window opened for the staff page: the same hardening, the same
// page, its role known by main from the window. Electron's objects are stood in for (FakeWindow).

const logged = capturedLog();

const PAGES = { welcome: `${APP_ORIGIN}/index.html`, outOfOrder: `${APP_ORIGIN}/out-of-order.html` };

function windowParts(events = new KioskEventHub(), eventFilterFor: KioskPageWindowParts['eventFilterFor'] = () => () => true) {
  const ended: PageRole[] = [];
  const parts: KioskPageWindowParts = {
    BrowserWindow: FakeWindow as unknown as KioskWindowClass,
    preloadPath: '/app/preload.cjs',
    diagnostic: false,
    exitGate: new KioskExitGate(false),
    pages: PAGES,
    events,
    eventFilterFor,
    endResidentSession: () => ended.push('kiosk'),
  };
  const open = (page: PageRole, display = page === 'staff' ? DESK : LAPTOP) => openKioskPageWindow(parts, page, display) as unknown as FakeWindow;
  return { open, ended, events };
}

const STAFF_VIEW = { mode: 'training', displays: 'two', screen: 'resident', staff: { state: 'signed_out', deviceSignIn: null }, assisted: null } as const;
const RESIDENT_ASSIST = { helperName: null, screen: 'resident', assisted: null, displays: 'two' } as const;
const QUEUE = { depth: 0, oldestWaitingSeconds: null, lastSuccessAt: null, deadLetterCount: 0, online: true, storageFull: false };

describe('the staff window', () => {
  it('is created exactly as the kiosk window, on its own display, loading the same kiosk page', () => {
    const { open } = windowParts();
    const kiosk = open('kiosk');
    const staff = open('staff');
    const { x: kx, y: ky, ...kioskOptions } = kiosk.options;
    const { x: sx, y: sy, ...staffOptions } = staff.options;
    expect(staffOptions).toEqual(kioskOptions);
    expect(staffOptions).toMatchObject({ kiosk: true, closable: false, webPreferences: { devTools: false, sandbox: true, contextIsolation: true } });
    expect([kx, ky, sx, sy]).toEqual([0, 0, 1920, 0]);
    expect(staff.webContents.loaded).toEqual([PAGES.welcome]);
    expect(kiosk.webContents.loaded).toEqual([PAGES.welcome]);
  });

  it('is hardened and locked like the kiosk window: no way out, no close, shortcuts filtered, crash recovery', () => {
    const { open } = windowParts();
    for (const window of [open('kiosk'), open('staff')]) {
      const navigate = Object.assign(preventable(), { url: 'https://evil.example/' });
      window.webContents.emit('will-navigate', navigate);
      expect(navigate.prevented).toBe(true);
      expect(window.webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      const close = preventable();
      window.emit('close', close);
      expect(close.prevented).toBe(true);
      const reload = preventable();
      window.webContents.emit('before-input-event', reload, { type: 'keyDown', key: 'r', code: 'KeyR', control: true, meta: false, alt: false, shift: false });
      expect(reload.prevented).toBe(true);
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      expect(window.webContents.loaded).toEqual([PAGES.welcome, PAGES.welcome]);
    }
    expect(logged.filter((line) => line.event === 'electron.close_refused')).toHaveLength(2);
  });

  it("ends the resident's session only when the resident's page goes, not the staff page", () => {
    const { open, ended } = windowParts();
    const staff = open('staff');
    staff.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(ended).toEqual([]);
    const kiosk = open('kiosk');
    kiosk.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(ended).toEqual(['kiosk']);
  });

  it('never receives a resident event, and the kiosk window never a staff event, with two displays', async () => {
    // Main's own rule (the core's desk), as electronMain wires it.
    const core = await startTestCore();
    try {
      core.setStaffWindow(true);
      const { open } = windowParts(core.events, (page) => core.eventFilterFor(page));
      const kiosk = open('kiosk');
      const staff = open('staff');
      core.events.publish('staffView', STAFF_VIEW);
      core.events.publish('queueStatus', QUEUE);
      core.events.publish('residentAssist', { ...RESIDENT_ASSIST, helperName: 'Sam' });
      const channels = (window: FakeWindow) => new Set(window.webContents.sent.map(([channel]) => channel));
      expect(channels(staff)).toEqual(new Set(['staff:view', 'queue:status']));
      expect(channels(kiosk)).toEqual(new Set(['assisted:resident', 'queue:status']));
      // A closed window receives nothing more.
      const before = staff.webContents.sent.length;
      staff.destroy();
      core.events.publish('staffView', { ...STAFF_VIEW, displays: 'one' });
      expect(staff.webContents.sent).toHaveLength(before);
    } finally {
      await core.close();
    }
  });

  it("calls carry the page's role from the sender's window; other windows are refused", async () => {
    const core = await startTestCore();
    const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>();
    const roles = new Map<number, PageRole>([
      [11, 'kiosk'],
      [12, 'staff'],
    ]);
    registerKioskIpc({ handle: (channel: string, h: never) => handlers.set(channel, h) }, core.dispatcher, (id) => roles.get(id));
    const info = handlers.get('kiosk:info')!;
    const from = (id: number) => ({ sender: { id }, senderFrame: { url: PAGES.welcome, parent: null } as unknown as WebFrameMain }) as unknown as IpcMainInvokeEvent;
    expect(await info(from(11), {})).toMatchObject({ ok: true, value: { page: 'kiosk' } });
    expect(await info(from(12), {})).toMatchObject({ ok: true, value: { page: 'staff' } });
    expect(await info(from(13), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The staff window may not make the resident's calls.
    expect(await handlers.get('invite:check-format')!(from(12), { code: 'K7QM3XPD9WT8' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(logged.map((line) => line.event)).toContain('electron.ipc_untrusted_sender');
    await core.close();
  });
});
