import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { afterEach, beforeEach } from 'vitest';
import type { LayoutDisplay } from '../../../main/electron/displayLayout.ts';
import { setLogSink } from '../../../main/log.ts';
import type { LogSink } from '../../../main/log.ts';

// Electron cannot start on the build machines: its objects are stood in for by event emitters
// that record what the kiosk does to them, typed from Electron's own declarations.

/** An Electron event whose default can be prevented. */
export function preventable(): { prevented: boolean; preventDefault(): void } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** The log lines written during each test of the calling file. */
export function capturedLog(): { event: string; [field: string]: unknown }[] {
  const logged: { event: string; [field: string]: unknown }[] = [];
  let previous: LogSink;
  beforeEach(() => {
    logged.length = 0;
    previous = setLogSink((line) => logged.push(JSON.parse(line) as { event: string }));
  });
  afterEach(() => setLogSink(previous));
  return logged;
}

let nextContentsId = 1;

/** A stand-in for a window's `WebContents`: records what is sent to and loaded in the page. */
export class FakeContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: [string, unknown][] = [];
  readonly loaded: string[] = [];
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly session = { clearStorageData: () => Promise.resolve(), clearCache: () => Promise.resolve(), clearAuthCache: () => Promise.resolve() };
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  toggleDevTools(): void {}
  forcefullyCrashRenderer(): void {}
}

/**
 * A stand-in for `BrowserWindow`, constructed as Electron's is (with its options). A kiosk window
 * covers the display it opens on, as Electron's full-screen kiosk mode does; bounds are kept.
 */
export class FakeWindow extends EventEmitter {
  static readonly all: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  readonly calls: string[] = [];
  bounds: Rectangle;
  kiosk: boolean;
  destroyed = false;
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    this.kiosk = options.kiosk ?? false;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    FakeWindow.all.push(this);
  }
  /** Kiosk mode covering the display at `area` (Electron makes the window full screen there). */
  coverDisplay(area: Rectangle): this {
    if (this.kiosk) this.bounds = { ...area };
    return this;
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  setBounds(bounds: Rectangle): void {
    this.calls.push('setBounds');
    this.bounds = { ...bounds };
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setKiosk(on: boolean): void {
    this.calls.push(`setKiosk(${on})`);
    this.kiosk = on;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {}
  restore(): void {}
  focus(): void {}
  setClosable(): void {}
}

/** Displays as Electron reports them: a laptop (primary), a desk monitor to its right, a wall screen to its left. */
export const LAPTOP: LayoutDisplay = { id: 2528732444, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
export const DESK: LayoutDisplay = { id: 2779098405, bounds: { x: 1920, y: 0, width: 1280, height: 800 } };
export const WALL: LayoutDisplay = { id: 41, bounds: { x: -1920, y: 0, width: 1920, height: 1080 } };
