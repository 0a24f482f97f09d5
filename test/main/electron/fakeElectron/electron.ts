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
    for (const window of windows) {
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

class FakeContents extends EventEmitter {
  loadURL(url: string): Promise<void> {
    record('webContents.loadURL', url);
    return Promise.resolve();
  }
  setWindowOpenHandler(): void {}
  isDestroyed(): boolean {
    return false;
  }
  send(): void {}
  print(): void {}
  getPrintersAsync(): Promise<unknown[]> {
    return Promise.resolve([]);
  }
  toggleDevTools(): void {}
  forcefullyCrashRenderer(): void {}
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  constructor(options: Record<string, unknown>) {
    super();
    record('new BrowserWindow', options);
    windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    record('window.loadURL', url);
    return Promise.resolve();
  }
  show(): void {}
  destroy(): void {
    record('window.destroy');
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
export const ipcMain = { handle: () => undefined };
export const protocol = { registerSchemesAsPrivileged: () => undefined, handle: () => undefined };
export const safeStorage = {
  isAsyncEncryptionAvailable: (): Promise<boolean> => Promise.resolve(true),
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
};
export const screen = { getAllDisplays: () => [{ id: 1, size: { width: 1920, height: 1080 } }] };
export const session = {
  defaultSession: Object.assign(new EventEmitter(), { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined }),
};
