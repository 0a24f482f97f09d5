import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { describe, expect, it } from 'vitest';
import type { PageRole } from '../../../shared/kioskApi/kioskMethod.ts';
import { boundsWithin } from '../../../main/electron/displayLayout.ts';
import type { LayoutDisplay } from '../../../main/electron/displayLayout.ts';
import { KioskDisplays } from '../../../main/electron/kioskDisplays.ts';
import { LAPTOP, DESK, WALL, capturedLog, FakeWindow } from './electronFakes.ts';

// Electron's `screen` is stood in for by an emitter with the same events; windows by FakeWindow.

const logged = capturedLog();


class FakeScreen extends EventEmitter {
  displays: LayoutDisplay[];
  primaryId: number;
  constructor(displays: LayoutDisplay[]) {
    super();
    this.displays = displays;
    this.primaryId = displays[0]!.id;
  }
  getAllDisplays(): LayoutDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): LayoutDisplay {
    return this.displays.find((display) => display.id === this.primaryId) ?? this.displays[0]!;
  }
  add(display: LayoutDisplay): void {
    this.displays = [...this.displays, display];
    this.emit('display-added', {}, display);
  }
  remove(display: LayoutDisplay): void {
    this.displays = this.displays.filter((one) => one.id !== display.id);
    if (this.primaryId === display.id) this.primaryId = this.displays[0]!.id;
    this.emit('display-removed', {}, display);
  }
  change(id: number, bounds: Rectangle): void {
    this.displays = this.displays.map((one) => (one.id === id ? { id, bounds } : one));
    this.emit('display-metrics-changed', {}, this.displays.find((one) => one.id === id), ['bounds']);
  }
}

function arrange(screen: FakeScreen, staffDisplayId?: number, diagnostic = false) {
  const desk: boolean[] = [];
  const opened: { page: PageRole; window: FakeWindow }[] = [];
  const displays = new KioskDisplays<FakeWindow>({
    screen,
    staffDisplayId,
    openWindow: (page, display) => {
      const options: BrowserWindowConstructorOptions = { x: display.bounds.x, y: display.bounds.y, width: 1280, height: 900, kiosk: !diagnostic };
      const window = new FakeWindow(options).coverDisplay(display.bounds);
      opened.push({ page, window });
      return window;
    },
    desk: { setStaffWindow: (present) => desk.push(present) },
  });
  /** Every open window lies within a connected display. */
  const onScreen = (): boolean =>
    [displays.resident, displays.staff]
      .filter((window) => window !== undefined)
      .every((window) => !window.isDestroyed() && screen.displays.some((display) => boundsWithin(window.getBounds(), display.bounds)));
  return { displays, desk, opened, onScreen };
}

describe('the kiosk windows on the displays', () => {
  it('one display: one window for the kiosk page; the desk is told there is no staff window', () => {
    const { displays, desk, opened, onScreen } = arrange(new FakeScreen([LAPTOP]));
    expect(opened.map((one) => one.page)).toEqual(['kiosk']);
    expect(displays.resident.getBounds()).toEqual(LAPTOP.bounds);
    expect(displays.staff).toBeUndefined();
    expect(desk).toEqual([false]);
    expect(displays.pageOf(displays.resident.webContents.id)).toBe('kiosk');
    expect(displays.pageOf(9999)).toBeUndefined();
    expect(onScreen()).toBe(true);
  });

  it('two displays: the staff window on the named one, the resident full screen on the other; roles by window', () => {
    const { displays, desk, onScreen } = arrange(new FakeScreen([LAPTOP, DESK]), DESK.id);
    expect(displays.resident.getBounds()).toEqual(LAPTOP.bounds);
    expect(displays.staff?.getBounds()).toEqual(DESK.bounds);
    expect(desk).toEqual([true]);
    expect(displays.pageOf(displays.staff!.webContents.id)).toBe('staff');
    expect(displays.pageOf(displays.resident.webContents.id)).toBe('kiosk');
    expect(onScreen()).toBe(true);
  });

  it('the staff display unplugged: the staff window closes, the desk falls back to one display, the resident stays', () => {
    const screen = new FakeScreen([LAPTOP, DESK]);
    const { displays, desk, onScreen } = arrange(screen);
    const staff = displays.staff!;
    const staffContents = staff.webContents.id;
    screen.remove(LAPTOP);
    expect(staff.isDestroyed()).toBe(true);
    expect(displays.staff).toBeUndefined();
    expect(displays.pageOf(staffContents)).toBeUndefined();
    expect(desk).toEqual([true, false]);
    expect(displays.resident.getBounds()).toEqual(DESK.bounds);
    expect(displays.resident.calls).toEqual([]);
    expect(onScreen()).toBe(true);
    expect(logged.map((line) => line.event)).toEqual(['electron.displays_changed', 'electron.staff_window_closed']);
    expect(logged[1]).toMatchObject({ reason: 'staff_display_removed' });
  });

  it("the resident's display unplugged: the staff window closes and the resident's moves, full screen, to a connected one", () => {
    const screen = new FakeScreen([LAPTOP, DESK]);
    const { displays, desk, onScreen } = arrange(screen);
    const staff = displays.staff!;
    screen.remove(DESK);
    expect(staff.isDestroyed()).toBe(true);
    expect(desk).toEqual([true, false]);
    expect(displays.resident.getBounds()).toEqual(LAPTOP.bounds);
    // Kiosk mode is left for the move and entered again.
    expect(displays.resident.calls).toEqual(['setKiosk(false)', 'setBounds', 'setKiosk(true)']);
    expect(displays.resident.isKiosk()).toBe(true);
    expect(onScreen()).toBe(true);
    expect(logged).toMatchObject([
      { event: 'electron.displays_changed', change: 'removed', connected: 1 },
      { event: 'electron.staff_window_closed', reason: 'resident_display_removed' },
      { event: 'electron.resident_window_moved', display: LAPTOP.id },
    ]);
  });

  it('a display plugged in: the staff window opens on it and the desk is told; unplugged again: back to one', () => {
    const screen = new FakeScreen([LAPTOP]);
    const { displays, desk, opened, onScreen } = arrange(screen);
    screen.add(DESK);
    expect(opened.map((one) => one.page)).toEqual(['kiosk', 'staff']);
    expect(displays.staff?.getBounds()).toEqual(DESK.bounds);
    expect(displays.resident.getBounds()).toEqual(LAPTOP.bounds);
    expect(desk).toEqual([false, true]);
    expect(onScreen()).toBe(true);
    screen.remove(DESK);
    expect(desk).toEqual([false, true, false]);
    expect(onScreen()).toBe(true);
  });

  it('the named staff display missing at start: one display on the primary; plugged in, the staff window opens there', () => {
    const screen = new FakeScreen([LAPTOP]);
    const { displays, desk } = arrange(screen, DESK.id);
    expect(logged[0]).toMatchObject({ event: 'electron.staff_display_missing', configured: DESK.id, connected: 1 });
    screen.add(DESK);
    expect(displays.staff?.getBounds()).toEqual(DESK.bounds);
    expect(desk).toEqual([false, true]);
  });

  it('three displays: the staff display unplugged falls back to one display; a display added brings the staff window back', () => {
    const screen = new FakeScreen([LAPTOP, DESK, WALL]);
    const { displays, desk, onScreen } = arrange(screen, WALL.id);
    expect(displays.staff?.getBounds()).toEqual(WALL.bounds);
    expect(displays.resident.getBounds()).toEqual(LAPTOP.bounds);
    screen.remove(WALL);
    expect(displays.staff).toBeUndefined();
    expect(onScreen()).toBe(true);
    screen.add(WALL);
    expect(displays.staff?.getBounds()).toEqual(WALL.bounds);
    expect(displays.resident.getBounds()).toEqual(LAPTOP.bounds);
    expect(desk).toEqual([true, false, true]);
    expect(onScreen()).toBe(true);
  });

  it("a display's size changed: the window on it covers it again; mirrored onto the resident's: the staff window closes", () => {
    const screen = new FakeScreen([LAPTOP, DESK]);
    const { displays, desk, onScreen } = arrange(screen);
    const smaller = { x: 1920, y: 0, width: 1024, height: 768 };
    screen.change(DESK.id, smaller);
    expect(displays.resident.getBounds()).toEqual(smaller);
    expect(onScreen()).toBe(true);
    screen.change(LAPTOP.id, smaller);
    expect(displays.staff).toBeUndefined();
    expect(desk).toEqual([true, false]);
    expect(logged.at(-1)).toMatchObject({ event: 'electron.staff_window_closed', reason: 'displays_overlap' });
    expect(onScreen()).toBe(true);
  });

  it('a diagnostic window keeps its size and is moved inside a connected display', () => {
    const screen = new FakeScreen([LAPTOP, DESK]);
    const { displays, onScreen } = arrange(screen, undefined, true);
    expect(displays.resident.getBounds()).toEqual({ x: 1920, y: 0, width: 1280, height: 900 });
    screen.remove(DESK);
    expect(displays.resident.getBounds()).toEqual({ x: 0, y: 0, width: 1280, height: 900 });
    expect(displays.resident.calls).toEqual(['setBounds']);
    expect(onScreen()).toBe(true);
  });

  it('never leaves a window off-screen, whatever the order of changes', () => {
    const screen = new FakeScreen([LAPTOP, DESK, WALL]);
    const { displays, onScreen } = arrange(screen);
    const steps: (() => void)[] = [
      () => screen.remove(DESK),
      () => screen.add(DESK),
      () => screen.remove(LAPTOP),
      () => screen.change(WALL.id, { x: -1280, y: 0, width: 1280, height: 1024 }),
      () => screen.add(LAPTOP),
      () => screen.remove(WALL),
      () => screen.remove(DESK),
      () => screen.add(WALL),
      () => screen.change(LAPTOP.id, { x: 0, y: 0, width: 2560, height: 1440 }),
    ];
    for (const step of steps) {
      step();
      expect(onScreen()).toBe(true);
    }
    expect(displays.staff).toBeDefined();
  });

  it('stops following the displays when the kiosk closes', () => {
    const screen = new FakeScreen([LAPTOP]);
    const { displays } = arrange(screen);
    displays.stop();
    expect(screen.listenerCount('display-added') + screen.listenerCount('display-removed') + screen.listenerCount('display-metrics-changed')).toBe(0);
  });
});
