import type { BrowserWindow, Rectangle } from 'electron';
import type { PageRole } from '../../shared/kioskApi/kioskMethod.ts';
import type { KioskEventFilter } from '../kioskApi/kioskEventHub.ts';
import { logEvent } from '../log.ts';
import { boundsOverlap, boundsWithin, chooseDisplayLayout, preferredStaffDisplay, staffDisplayBeside } from './displayLayout.ts';
import type { DisplaySource, LayoutDisplay } from './displayLayout.ts';

/** The parts of a kiosk window that placing it touches. */
export type PlacedWindow = Pick<BrowserWindow, 'getBounds' | 'setBounds' | 'isKiosk' | 'setKiosk' | 'destroy' | 'isDestroyed'> & {
  webContents: { id: number };
};

/**
 * Main's desk (assisted mode's displays and screen) as the Electron shell uses it: told whether a
 * staff window is attached (two displays) or not (one), and which events each page receives.
 */
export interface StaffDesk {
  setStaffWindow(present: boolean): void;
  eventFilterFor(page: PageRole): KioskEventFilter;
}

/** The display changes Electron's `screen` reports. */
type DisplayEvent = 'display-added' | 'display-removed' | 'display-metrics-changed';

/** The parts of Electron's `screen` that report display changes. */
export interface DisplayEvents {
  on(event: DisplayEvent, listener: () => void): unknown;
  removeListener(event: DisplayEvent, listener: () => void): unknown;
}

/** What the kiosk's windows are arranged with: Electron's `screen`, IT's choice, and how a window is opened. */
export interface KioskDisplaysParts<W extends PlacedWindow> {
  screen: DisplaySource & DisplayEvents;
  /** kiosk.json `staff.display`: the staff window's display id; absent: the primary display. */
  staffDisplayId: number | undefined;
  /** Opens a hardened window showing the kiosk page in `page`'s role, on `display`. */
  openWindow(page: PageRole, display: LayoutDisplay): W;
  desk: Pick<StaffDesk, 'setStaffWindow'>;
}

interface Placed<W> {
  window: W;
  displayId: number;
}

type DisplayChange = 'added' | 'removed' | 'metrics';

/**
 * The kiosk's windows on its displays. One display: one window, shared by resident and caseworker
 * with hand-overs. Two or more: the staff window on IT's display (or the primary), the resident's
 * window full screen on another. When displays come or go mid-session the resident's window stays
 * where it is if it can, and no window is ever left off-screen: the staff window closes when its
 * display goes (the kiosk falls back to one display), the resident's window moves to a connected
 * display when its own goes (and the staff window closes), and a display added opens the staff
 * window on it. Main's desk is told each time whether a staff window is attached.
 */
export class KioskDisplays<W extends PlacedWindow = PlacedWindow> {
  readonly #parts: KioskDisplaysParts<W>;
  readonly #resident: Placed<W>;
  #staff: Placed<W> | undefined;
  readonly #listeners: [DisplayEvent, () => void][];

  constructor(parts: KioskDisplaysParts<W>) {
    this.#parts = parts;
    const layout = chooseDisplayLayout(parts.screen, parts.staffDisplayId);
    this.#resident = { window: parts.openWindow('kiosk', layout.resident), displayId: layout.resident.id };
    if (layout.staff !== undefined) this.#staff = { window: parts.openWindow('staff', layout.staff), displayId: layout.staff.id };
    parts.desk.setStaffWindow(this.#staff !== undefined);
    this.#listeners = [
      ['display-added', () => this.#rearrange('added')],
      ['display-removed', () => this.#rearrange('removed')],
      ['display-metrics-changed', () => this.#rearrange('metrics')],
    ];
    for (const [event, listener] of this.#listeners) parts.screen.on(event, listener);
  }

  /** The resident's window (the kiosk page). */
  get resident(): W {
    return this.#resident.window;
  }

  /** The staff window, while two displays are attached. */
  get staff(): W | undefined {
    return this.#staff?.window;
  }

  /** The role of the page in the window whose contents have `contentsId`; undefined for any other. */
  pageOf(contentsId: number): PageRole | undefined {
    if (contentsId === this.#resident.window.webContents.id) return 'kiosk';
    if (this.#staff !== undefined && contentsId === this.#staff.window.webContents.id) return 'staff';
    return undefined;
  }

  /** Stops following the displays (the kiosk is closing). */
  stop(): void {
    for (const [event, listener] of this.#listeners) this.#parts.screen.removeListener(event, listener);
  }

  #rearrange(change: DisplayChange): void {
    const { screen, staffDisplayId } = this.#parts;
    const displays = screen.getAllDisplays();
    logEvent('electron.displays_changed', { change, connected: displays.length });
    let residentDisplay: LayoutDisplay | undefined = displays.find((display) => display.id === this.#resident.displayId);
    if (residentDisplay === undefined) {
      this.#closeStaff('resident_display_removed');
      residentDisplay = preferredStaffDisplay(screen, staffDisplayId);
      this.#resident.displayId = residentDisplay.id;
      logEvent('electron.resident_window_moved', { display: residentDisplay.id });
    }
    placeOn(this.#resident.window, residentDisplay);
    if (this.#staff !== undefined) {
      const staffId = this.#staff.displayId;
      const staffDisplay = displays.find((display) => display.id === staffId);
      if (staffDisplay === undefined) this.#closeStaff('staff_display_removed');
      else if (boundsOverlap(staffDisplay.bounds, residentDisplay.bounds)) this.#closeStaff('displays_overlap');
      else placeOn(this.#staff.window, staffDisplay);
    }
    if (change === 'added' && this.#staff === undefined) {
      const beside = staffDisplayBeside(screen, staffDisplayId, residentDisplay);
      if (beside !== undefined) {
        this.#staff = { window: this.#parts.openWindow('staff', beside), displayId: beside.id };
        logEvent('electron.staff_window_opened', { display: beside.id });
        this.#parts.desk.setStaffWindow(true);
      }
    }
  }

  #closeStaff(reason: 'staff_display_removed' | 'resident_display_removed' | 'displays_overlap'): void {
    if (this.#staff === undefined) return;
    const { window } = this.#staff;
    this.#staff = undefined;
    // Destroyed, not closed: the kiosk lock refuses a close, and nobody may keep this window.
    if (!window.isDestroyed()) window.destroy();
    logEvent('electron.staff_window_closed', { reason });
    this.#parts.desk.setStaffWindow(false);
  }
}

/**
 * Puts a window on a display: a kiosk window covers it (kiosk mode is left and re-entered around
 * the move, as a full-screen window does not move); a diagnostic window keeps its size, inside.
 */
function placeOn(window: PlacedWindow, display: LayoutDisplay): void {
  const bounds = window.getBounds();
  const kiosk = window.isKiosk();
  if (kiosk ? sameBounds(bounds, display.bounds) : boundsWithin(bounds, display.bounds)) return;
  const target = kiosk
    ? display.bounds
    : { x: display.bounds.x, y: display.bounds.y, width: Math.min(bounds.width, display.bounds.width), height: Math.min(bounds.height, display.bounds.height) };
  if (kiosk) window.setKiosk(false);
  window.setBounds(target);
  if (kiosk) window.setKiosk(true);
}

function sameBounds(a: Rectangle, b: Rectangle): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
