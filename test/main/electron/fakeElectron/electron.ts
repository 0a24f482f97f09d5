import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A stand-in for Electron's main-process module, for running main/electron/electronMain.ts in
// plain Node: it records what the entry does, one JSON line per step on stdout ("FAKE …").
function record(step: string, detail: unknown = null): void {
  process.stdout.write(`FAKE ${JSON.stringify({ step, detail })}\n`);
}

class FakeApp extends EventEmitter {
  #quitting = false;
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(): string {
    return mkdtempSync(join(tmpdir(), 'fake-electron-userdata-'));
  }
  quit(): void {
    if (this.#quitting) return;
    record('app.quit');
    const before = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', before);
    for (const window of windows.filter((one) => !one.isDestroyed())) {
      const close = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      window.emit('close', close);
      if (close.defaultPrevented) {
        record('quit.cancelled');
        return;
      }
    }
    const willQuit = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.#quitting = true;
    record('app.exited');
    process.exit(0);
  }
  exit(code: number): void {
    record('app.exit', code);
    process.exit(code);
  }
}

export const app = new FakeApp();
const windows: FakeWindow[] = [];

let nextContentsId = 1;

class FakeContents extends EventEmitter {
  readonly id = nextContentsId++;
  #destroyed = false;
  loadURL(url: string): Promise<void> {
    record('webContents.loadURL', url);
    return Promise.resolve();
  }
  setWindowOpenHandler(): void {}
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    this.#destroyed = true;
  }
  send(channel: string): void {
    record('webContents.send', { contents: this.id, channel });
  }
  print(): void {}
  getPrintersAsync(): Promise<unknown[]> {
    return Promise.resolve([]);
  }
  toggleDevTools(): void {}
  forcefullyCrashRenderer(): void {}
}

class FakeWindow extends EventEmitter {
  static getAllWindows(): FakeWindow[] {
    return windows.filter((one) => !one.isDestroyed());
  }
  readonly webContents = new FakeContents();
  #bounds: { x: number; y: number; width: number; height: number };
  #destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    record('new BrowserWindow', options);
    windows.push(this);
    // Kiosk mode covers the display the window opens on.
    const at = { x: Number(options.x ?? 0), y: Number(options.y ?? 0) };
    const display = displays.find((one) => one.bounds.x === at.x && one.bounds.y === at.y);
    this.#bounds = options.kiosk === true && display ? { ...display.bounds } : { ...at, width: Number(options.width), height: Number(options.height) };
  }
  loadURL(url: string): Promise<void> {
    record('window.loadURL', url);
    if (process.env.FAKE_PROBE_IPC === '1') setTimeout(() => void probeKioskInfo(this.webContents.id), 10);
    return Promise.resolve();
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.#bounds };
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    record('window.setBounds', bounds);
    this.#bounds = { ...bounds };
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  show(): void {}
  destroy(): void {
    record('window.destroy');
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  setKiosk(on: boolean): void {
    record('window.setKiosk', on);
  }
  isKiosk(): boolean {
    return true;
  }
  setClosable(on: boolean): void {
    record('window.setClosable', on);
  }
}

export const BrowserWindow = FakeWindow;
export const Menu = { setApplicationMenu: (menu: unknown) => record('Menu.setApplicationMenu', menu) };
type Handler = (event: unknown, input: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();
export const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) };

// The kiosk page in window `contents` asks main for its role, as the renderer does at start.
async function probeKioskInfo(contents: number): Promise<void> {
  const answer = (await handlers.get('kiosk:info')?.({ sender: { id: contents }, senderFrame: { url: 'app://kiosk/index.html', parent: null } }, {})) as
    | { ok: boolean; value?: { page: string } }
    | undefined;
  record('ipc.kiosk:info', { contents, page: answer?.value?.page ?? 'refused' });
}
export const protocol = { registerSchemesAsPrivileged: () => undefined, handle: () => undefined };
export const safeStorage = {
  isAsyncEncryptionAvailable: (): Promise<boolean> => Promise.resolve(true),
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
};
// The displays: one unless FAKE_DISPLAYS lists them (JSON); SIGUSR2 unplugs the last one.
interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}
let displays = (JSON.parse(process.env.FAKE_DISPLAYS ?? '[{"id":1,"bounds":{"x":0,"y":0,"width":1920,"height":1080}}]') as FakeDisplay[]).map((one) => ({
  ...one,
  size: { width: one.bounds.width, height: one.bounds.height },
}));
class FakeScreen extends EventEmitter {
  getAllDisplays(): FakeDisplay[] {
    return displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return displays[0]!;
  }
}
export const screen = new FakeScreen();
process.on('SIGUSR2', () => {
  const gone = displays.at(-1);
  displays = displays.slice(0, -1);
  record('screen.display-removed', gone?.id);
  screen.emit('display-removed', {}, gone);
});
export const session = {
  defaultSession: Object.assign(new EventEmitter(), { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined }),
};
