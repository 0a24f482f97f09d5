import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

// Electron cannot start here, so its entry runs in plain Node with a recording stand-in for the
// `electron` module (fakeElectron/): this checks the wiring itself, which unit tests of the parts
// cannot see.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Step {
  step: string;
  detail: unknown;
}

function startEntry(env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', './test/main/electron/fakeElectron/register.ts', 'main/electron/electronMain.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const steps: Step[] = [];
  const waiters: { step: string; resolve: () => void }[] = [];
  // What the entry printed that is not a recorded step (the doctor's report).
  const output: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('FAKE ')) return void output.push(line);
    const step = JSON.parse(line.slice(5)) as Step;
    steps.push(step);
    for (const waiter of waiters.filter((w) => w.step === step.step)) waiter.resolve();
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    steps,
    stderr: () => stderr,
    output,
    exit,
    reached: (step: string) =>
      steps.some((s) => s.step === step) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ step, resolve })),
  };
}

/** Resolves once `done()` holds, looking every 50 ms. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('the Electron entry, wired', () => {
  it('starts locked (no menu, kiosk window, no DevTools) at the welcome screen, and quits on SIGTERM', async () => {
    const entry = startEntry({});
    await Promise.race([entry.reached('window.loadURL'), entry.exit.then((code) => expect.unreachable(`exited ${code}: ${entry.stderr()}`))]);
    const names = entry.steps.map((s) => s.step);
    expect(names.indexOf('Menu.setApplicationMenu')).toBeLessThan(names.indexOf('new BrowserWindow'));
    expect(entry.steps.find((s) => s.step === 'Menu.setApplicationMenu')?.detail).toBeNull();
    expect(entry.steps.find((s) => s.step === 'new BrowserWindow')?.detail).toMatchObject({
      kiosk: true,
      closable: false,
      webPreferences: { devTools: false, contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick' },
    });
    expect(entry.steps.find((s) => s.step === 'window.loadURL')?.detail).toBe('app://kiosk/index.html');
    expect(entry.stderr()).toContain('"event":"kiosk_core.started","mode":"training"');

    entry.child.kill('SIGTERM');
    expect(await entry.exit).toBe(0);
    // Quit, held by will-quit while main's services close, then quit for good.
    expect(entry.steps.map((s) => s.step).slice(-4)).toEqual(['window.setClosable', 'app.quit', 'app.quit', 'app.exited']);
    expect(entry.stderr()).toContain('"event":"electron.exit_allowed","reason":"signal"');
    expect(entry.stderr()).toContain('"event":"sync.stopped"');
  }, 30_000);

  it('two displays: a staff window hardened like the kiosk window, roles by window, and one display again when unplugged', async () => {
    const displays = [
      { id: 2528732444, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2779098405, bounds: { x: 1920, y: 0, width: 1280, height: 800 } },
    ];
    const entry = startEntry({ FAKE_DISPLAYS: JSON.stringify(displays), FAKE_PROBE_IPC: '1' });
    // A failed expectation leaves no kiosk process behind.
    onTestFinished(() => void entry.child.kill('SIGKILL'));
    await Promise.race([until(() => entry.steps.filter((s) => s.step === 'ipc.kiosk:info').length === 2), entry.exit.then((code) => expect.unreachable(`exited ${code}: ${entry.stderr()}`))]);
    const created = entry.steps.filter((s) => s.step === 'new BrowserWindow').map((s) => s.detail as Record<string, unknown>);
    expect(created).toHaveLength(2);
    // The resident's window on the other display, the staff window on the primary; the same hardened window otherwise.
    expect(created.map(({ x, y }) => [x, y])).toEqual([
      [1920, 0],
      [0, 0],
    ]);
    const unplaced = created.map((options) => ({ ...options, x: 0, y: 0 }));
    expect(unplaced[1]).toEqual(unplaced[0]);
    expect(unplaced[1]).toMatchObject({ kiosk: true, closable: false, webPreferences: { devTools: false, sandbox: true } });
    expect(entry.steps.filter((s) => s.step === 'window.loadURL').map((s) => s.detail)).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html']);
    // Each page learns its role from main, by its window.
    expect(entry.steps.filter((s) => s.step === 'ipc.kiosk:info').map((s) => s.detail)).toEqual(
      expect.arrayContaining([
        { contents: 1, page: 'kiosk' },
        { contents: 2, page: 'staff' },
      ]),
    );

    // The resident's display unplugged: the staff window goes, the resident's moves onto the other.
    entry.child.kill('SIGUSR2');
    await until(() => entry.stderr().includes('"event":"electron.resident_window_moved"'));
    expect(entry.steps.filter((s) => s.step === 'window.destroy')).toHaveLength(1);
    expect(entry.steps.find((s) => s.step === 'window.setBounds')?.detail).toEqual(displays[0]?.bounds);
    expect(entry.stderr()).toContain('"event":"electron.staff_window_closed","reason":"resident_display_removed"');

    entry.child.kill('SIGTERM');
    expect(await entry.exit).toBe(0);
  }, 30_000);

  it('refuses to start half live (a credential but no council address), never falling back to training', async () => {
    const entry = startEntry({ KIOSK_DEVICE_CREDENTIAL_FILE: '/etc/kiosk/credential' });
    expect(await entry.exit).toBe(1);
    expect(entry.stderr()).toContain('KIOSK_COUNCIL_API_URL is missing');
    expect(entry.stderr()).not.toContain('kiosk_core.started');
    expect(entry.steps.map((s) => s.step)).not.toContain('new BrowserWindow');
  }, 30_000);

  it('--doctor checks, prints one line per check with the Electron checks, and exits 0 without a kiosk window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'electron-doctor-'));
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify({ log: { folder: join(dir, 'logs') } }));
    const entry = startEntry({ KIOSK_CONFIG: join(dir, 'kiosk.json') }, ['--doctor']);
    expect(await entry.exit).toBe(0);
    const lines = entry.output;
    expect(lines[0]).toMatch(/^PASS {2}configuration .*kiosk\.json is valid \(training\)/);
    expect(lines.find((line) => line.includes(' displays '))).toMatch(/^PASS .*1 connected: 1 \(1920×1080, primary\); one window on 1/);
    expect(lines.find((line) => line.includes(' keychain '))).toMatch(/^PASS/);
    expect(entry.steps.map((s) => s.step)).toEqual(['app.exit']);
    expect(entry.stderr()).not.toContain('kiosk_core.started');
  }, 30_000);

  it('--doctor --json exits 1 when a check fails: a printer IT named that is not installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'electron-doctor-'));
    writeFileSync(join(dir, 'kiosk.json'), JSON.stringify({ printer: 'Slip Printer', log: { folder: join(dir, 'logs') } }));
    const entry = startEntry({ KIOSK_CONFIG: join(dir, 'kiosk.json') }, ['--doctor', '--json']);
    expect(await entry.exit).toBe(1);
    const report = JSON.parse(entry.output.join('\n')) as { ok: boolean; checks: { name: string; status: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((one) => one.name === 'printer')).toMatchObject({ status: 'fail' });
    // The printer list came from a hidden page, never shown, and gone before the exit.
    expect(entry.steps.map((s) => s.step)).toEqual(['new BrowserWindow', 'window.destroy', 'app.exit']);
    expect(entry.steps[0]?.detail).toEqual({ show: false });
  }, 30_000);
});
