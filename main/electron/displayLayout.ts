import type { Display, Rectangle } from 'electron';
import { logEvent } from '../log.ts';

/** The parts of a display the layout reads. */
export type LayoutDisplay = Pick<Display, 'id' | 'bounds'>;

/** The parts of Electron's `screen` the layout reads. */
export interface DisplaySource {
  getAllDisplays(): LayoutDisplay[];
  getPrimaryDisplay(): LayoutDisplay;
}

/**
 * Where the kiosk's windows go. `resident`: the resident's window, full screen. `staff`: the staff
 * window's display with two displays; absent with one, when the resident's window is shared with
 * the caseworker (the hand-over screen).
 */
export interface DisplayLayout {
  resident: LayoutDisplay;
  staff: LayoutDisplay | undefined;
}

/** Whether two display areas share any point (mirrored displays have the same bounds). */
export function boundsOverlap(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `inner` lies wholly within `outer`. */
export function boundsWithin(inner: Rectangle, outer: Rectangle): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/**
 * The display IT chose for the staff window (kiosk.json `staff.display`, a display id) when it is
 * connected; otherwise the primary display, and a log line tells IT their display is missing.
 */
export function preferredStaffDisplay(screen: DisplaySource, configuredId: number | undefined): LayoutDisplay {
  if (configuredId === undefined) return screen.getPrimaryDisplay();
  const displays = screen.getAllDisplays();
  const configured = displays.find((display) => display.id === configuredId);
  if (configured !== undefined) return configured;
  logEvent('electron.staff_display_missing', { configured: configuredId, connected: displays.length });
  return screen.getPrimaryDisplay();
}

/**
 * The layout at start: the staff window on IT's display (or the primary), the resident's window
 * on the first other display that does not show the same area (a mirrored display would show
 * the resident the staff console). No such display: one display, one shared window.
 */
export function chooseDisplayLayout(screen: DisplaySource, configuredId: number | undefined): DisplayLayout {
  const staff = preferredStaffDisplay(screen, configuredId);
  const resident = screen.getAllDisplays().find((display) => !boundsOverlap(display.bounds, staff.bounds));
  return resident === undefined ? { resident: staff, staff: undefined } : { resident, staff };
}

/**
 * A display for the staff window beside the resident's window, which stays where it is: IT's
 * display (or the primary) when it is apart from the resident's, otherwise the first display that
 * is; none when every display shows the resident's area.
 */
export function staffDisplayBeside(screen: DisplaySource, configuredId: number | undefined, resident: LayoutDisplay): LayoutDisplay | undefined {
  const apart = (display: LayoutDisplay): boolean => !boundsOverlap(display.bounds, resident.bounds);
  const preferred = preferredStaffDisplay(screen, configuredId);
  return apart(preferred) ? preferred : screen.getAllDisplays().find(apart);
}
