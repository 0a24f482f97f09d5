import type { Input, WebContents } from 'electron';
import { logEvent } from '../log.ts';

/** What a blocked shortcut would have done. */
export type KioskShortcut =
  | 'reload'
  | 'close'
  | 'quit'
  | 'minimise'
  | 'devtools'
  | 'print'
  | 'save'
  | 'open'
  | 'zoom'
  | 'full-screen'
  | 'navigate';

/** The fields of Electron's `Input` the filter reads. */
export type KioskInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

// Keys that act alone (or with any modifier): function keys and the browser keys of some keyboards.
const ALONE: Record<string, KioskShortcut> = {
  F5: 'reload',
  BrowserRefresh: 'reload',
  F12: 'devtools',
  F11: 'full-screen',
  BrowserBack: 'navigate',
  BrowserForward: 'navigate',
  BrowserHome: 'navigate',
  BrowserSearch: 'open',
  BrowserFavorites: 'open',
  Print: 'print',
  Close: 'close',
  Save: 'save',
  Open: 'open',
  New: 'open',
  ZoomIn: 'zoom',
  ZoomOut: 'zoom',
  ZoomToggle: 'zoom',
};

// Letters with Ctrl (Windows, Linux) or Cmd (macOS), Shift or not: Chromium's and Electron's
// default accelerators, and Chrome's, which kiosk users may know.
const WITH_PRIMARY: Record<string, KioskShortcut> = {
  r: 'reload',
  w: 'close',
  q: 'quit',
  m: 'minimise',
  h: 'minimise',
  i: 'devtools', // Ctrl+Shift+I; Cmd+Alt+I on macOS
  j: 'devtools',
  c: 'devtools', // only with Shift: Ctrl+C alone is copy
  u: 'devtools', // view source
  p: 'print',
  s: 'save',
  o: 'open',
  n: 'open',
  t: 'open',
  f: 'full-screen', // with Cmd+Ctrl or Cmd+Shift on macOS; Ctrl+F (find) does nothing in Electron
  '=': 'zoom',
  '+': 'zoom',
  '-': 'zoom',
  _: 'zoom',
  '0': 'zoom',
};

const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/**
 * Which kiosk-leaving shortcut an input is, if any: every reload, close, quit, minimise,
 * developer-tools, print, save, open, zoom, full-screen and history shortcut of Chromium, Electron
 * and the desktops the kiosk runs on, on any keyboard layout. Typing (AltGr included), Tab, the
 * arrows, Enter, Space, Escape and copy/paste stay available.
 */
export function kioskShortcutOf(input: KioskInput): KioskShortcut | undefined {
  const alone = ALONE[input.key] ?? ALONE[input.code];
  if (alone !== undefined) return alone;
  if (input.alt && !input.control && !input.meta) {
    if (input.key === 'F4') return 'quit';
    if (input.key === 'ArrowLeft' || input.key === 'ArrowRight' || input.key === 'Home') return 'navigate';
    return undefined;
  }
  if (!input.control && !input.meta) return undefined;
  // Ctrl+Alt is AltGr on Windows: typing '@', '€' or '{' on many layouts, never a shortcut.
  if (input.control && input.alt && !input.meta) return undefined;
  if (input.key === 'F4') return 'close';
  if (input.key === 'ArrowLeft' || input.key === 'ArrowRight' || input.key === '[' || input.key === ']') {
    return input.meta ? 'navigate' : undefined;
  }
  if (ZOOM_CODES.has(input.code)) return 'zoom';
  // As Chromium matches accelerators: by the letter typed on a Latin layout (AZERTY's Ctrl+W is
  // the key marked W), by the physical key on any other (Cyrillic, Greek).
  const typed = input.key.toLowerCase();
  const otherScriptLetter = typed.length === 1 && !/^[a-z]$/.test(typed) && /\p{L}/u.test(typed);
  const key = otherScriptLetter ? (/^Key([A-Z])$/.exec(input.code)?.[1]?.toLowerCase() ?? '') : typed;
  const shortcut = WITH_PRIMARY[key];
  if (key === 'c' && !input.shift) return undefined;
  if (key === 'f' && !(input.meta && (input.control || input.shift))) return undefined;
  return shortcut;
}

/** The parts of `WebContents` the filter touches. */
export type FilterableContents = Pick<WebContents, 'on' | 'toggleDevTools'>;

/**
 * Stops every kiosk-leaving shortcut before the page or Chromium sees it (`before-input-event`),
 * logging what was tried. In diagnostic mode (IT at the machine) nothing is stopped, and F12 or
 * Ctrl+Shift+I opens the developer tools (there is no menu to carry that shortcut).
 */
export function filterKioskShortcuts(contents: FilterableContents, options: { diagnostic: boolean }): void {
  contents.on('before-input-event', (event, input) => {
    const shortcut = kioskShortcutOf(input);
    if (shortcut === undefined) return;
    if (options.diagnostic) {
      if (shortcut === 'devtools' && input.type === 'keyDown') contents.toggleDevTools();
      return;
    }
    event.preventDefault();
    if (input.type === 'keyDown') logEvent('electron.shortcut_blocked', { shortcut });
  });
}
