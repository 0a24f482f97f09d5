import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CouncilClient } from '../../main/council/councilClient.ts';
import { startCouncilSimulator } from '../../main/council/simulator/councilSimulator.ts';
import {
  ELECTRON_SETTING_NAMES,
  KioskLaunchError,
  WEB_HOST_SETTING_NAMES,
  electronLaunchOptions,
  resolveKioskLaunch,
  startKioskLaunch,
} from '../../main/kioskLaunch.ts';
import type { KioskLaunchHost, KioskLaunchOptions } from '../../main/kioskLaunch.ts';
import { provisionKeyFile } from '../../main/store/databaseKey.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const electron: KioskLaunchHost = { defaultDataDir: '/var/kiosk', defaultKey: 'keychain', names: ELECTRON_SETTING_NAMES };
const web: KioskLaunchHost = { defaultDataDir: '/srv/kiosk', defaultKey: { keyFile: '/home/kiosk/.config/council-access-kiosk/kiosk-db.key' }, names: WEB_HOST_SETTING_NAMES };
const LIVE = { councilApiUrl: 'https://council.example/registration', deviceCredentialFile: '/etc/kiosk/credential' };

function refusal(options: KioskLaunchOptions, host = web): string {
  try {
    resolveKioskLaunch(options, host);
  } catch (error) {
    expect(error).toBeInstanceOf(KioskLaunchError);
    return (error as Error).message;
  }
  throw new Error('the launch was not refused');
}

describe('resolving a launch', () => {
  it('runs training when nothing live is configured, or when asked', () => {
    expect(resolveKioskLaunch({}, web)).toEqual({ mode: 'training' });
    expect(resolveKioskLaunch({ mode: 'training', dataDir: '/tmp/x' }, electron)).toEqual({ mode: 'training' });
  });

  it('runs live with every setting, never training', () => {
    expect(resolveKioskLaunch(LIVE, web)).toEqual({
      mode: 'live',
      councilApiUrl: 'https://council.example/registration',
      deviceCredentialFile: '/etc/kiosk/credential',
      databasePath: '/srv/kiosk/kiosk.db',
      key: { kind: 'key-file', path: '/home/kiosk/.config/council-access-kiosk/kiosk-db.key', oldDataDir: '/srv/kiosk' },
    });
  });

  it('chooses the key: the keychain in Electron, a key file in the web host, IT\'s key file in either', () => {
    expect(resolveKioskLaunch(LIVE, electron)).toMatchObject({ databasePath: '/var/kiosk/kiosk.db', key: { kind: 'keychain', wrappedKeyPath: '/var/kiosk/kiosk.db.key' } });
    expect(resolveKioskLaunch({ ...LIVE, keyFile: 'k.key' }, electron)).toMatchObject({ key: { kind: 'key-file', path: resolve('k.key') } });
    // The web host's key is outside the data folder, wherever that is: a copy of the folder cannot decrypt itself.
    expect(resolveKioskLaunch({ ...LIVE, dataDir: '/d' }, web)).toMatchObject({ databasePath: '/d/kiosk.db', key: { kind: 'key-file', path: '/home/kiosk/.config/council-access-kiosk/kiosk-db.key' } });
    expect(resolveKioskLaunch({ ...LIVE, dataDir: '/d', keyFile: '/d/kiosk-db.key' }, web)).toEqual(expect.objectContaining({ key: { kind: 'key-file', path: '/d/kiosk-db.key' } }));
  });

  it('refuses a credential without a council address, naming what is missing (no training fallback)', () => {
    const message = refusal({ deviceCredentialFile: '/etc/kiosk/credential' }, electron);
    expect(message).toContain('KIOSK_COUNCIL_API_URL is missing');
    expect(message).not.toContain('KIOSK_DEVICE_CREDENTIAL_FILE is missing');
  });

  it('refuses a council address without a credential', () => {
    expect(refusal({ councilApiUrl: LIVE.councilApiUrl })).toContain('--device-credential-file is missing');
  });

  it('refuses live asked for with nothing configured, naming both settings', () => {
    expect(refusal({ mode: 'live' })).toContain('--council-api and --device-credential-file are missing');
  });

  it('refuses training asked for beside live settings', () => {
    expect(refusal({ mode: 'training', ...LIVE })).toContain('--training asks for training, but --council-api and --device-credential-file are set');
  });

  it.each([
    ['http://council.example/', 'is not https:'],
    ['ftp://council.example/', 'is not https:'],
    ['http://127.0.0.1:8081', 'add --allow-insecure-loopback'],
    ['http://localhost:8081', 'add --allow-insecure-loopback'],
    ['https://user:secret@council.example/', 'must not carry a user name or password'],
    ['council.example', 'is not an address'],
  ])('refuses the council address %s', (councilApiUrl, expected) => {
    expect(refusal({ ...LIVE, councilApiUrl })).toContain(expected);
  });

  it('accepts http: only on a loopback host with the developer flag', () => {
    for (const url of ['http://127.0.0.1:8081', 'http://localhost:8081', 'http://[::1]:8081']) {
      expect(resolveKioskLaunch({ ...LIVE, councilApiUrl: url, allowInsecureLoopback: true }, web)).toMatchObject({ mode: 'live' });
    }
    expect(refusal({ ...LIVE, councilApiUrl: 'http://council.example/', allowInsecureLoopback: true })).toContain('is not https:');
    expect(refusal({ ...LIVE, councilApiUrl: 'http://127.0.0.1.nip.io/', allowInsecureLoopback: true })).toContain('is not https:');
  });
});

describe("the Electron kiosk's launch options", () => {
  it('come from the environment and the command line; empty variables are unset', () => {
    expect(electronLaunchOptions({ KIOSK_COUNCIL_API_URL: '', KIOSK_DEVICE_CREDENTIAL_FILE: '/c' }, ['electron', '.'])).toEqual({ deviceCredentialFile: '/c' });
    expect(
      electronLaunchOptions({ KIOSK_KEY_FILE: '/k', KIOSK_SERVICE_CATALOG: '/s', KIOSK_PRINTER: 'Slip Printer' }, ['electron', '.', '--training', '--allow-insecure-loopback']),
    ).toEqual({
      mode: 'training',
      keyFile: '/k',
      serviceCatalogPath: '/s',
      allowInsecureLoopback: true,
      printerName: 'Slip Printer',
    });
  });

  it("carry IT's printer into the plan, in either mode", () => {
    expect(resolveKioskLaunch({ printerName: 'Slip Printer' }, electron)).toEqual({ mode: 'training', printerName: 'Slip Printer' });
    expect(resolveKioskLaunch({ ...LIVE, printerName: 'Slip Printer' }, electron)).toMatchObject({ mode: 'live', printerName: 'Slip Printer' });
  });
});

describe('starting a launch', () => {
  it('training: a temporary database, removed when the kiosk closes', async () => {
    const before = new Set(await readdir(tmpdir()));
    const kiosk = await startKioskLaunch({ mode: 'training' });
    const made = (await readdir(tmpdir())).filter((name) => name.startsWith('council-access-kiosk-training-') && !before.has(name));
    expect(made).toHaveLength(1);
    expect(kiosk.core.training?.simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await kiosk.close();
    expect(existsSync(join(tmpdir(), made[0]!))).toBe(false);
  });

  it('live: against the council address with the credential, its key file made on first start', async () => {
    const council = await startCouncilSimulator();
    try {
      const enrolment = await new CouncilClient({ baseUrl: council.url }).enrolDevice({ enrolmentToken: council.seed.enrolmentToken, deviceName: 'launch-test' });
      const dir = await mkdtemp(join(tmpdir(), 'kiosk-launch-'));
      await writeFile(join(dir, 'credential'), `${enrolment.credential}\n`, { mode: 0o600 });
      const keyFile = join(dir, 'config', 'council-access-kiosk', 'kiosk-db.key');
      const plan = resolveKioskLaunch(
        { councilApiUrl: council.url, deviceCredentialFile: join(dir, 'credential'), allowInsecureLoopback: true },
        { ...web, defaultDataDir: join(dir, 'data'), defaultKey: { keyFile } },
      );
      const kiosk = await startKioskLaunch(plan);
      try {
        expect(kiosk.core.training).toBeUndefined();
        expect(await kiosk.core.dispatcher.dispatch('kiosk:info', {})).toMatchObject({ ok: true, value: { mode: 'live' } });
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);
        expect(statSync(dirname(keyFile)).mode & 0o777).toBe(0o700);
        expect(existsSync(join(dir, 'data', 'kiosk-db.key'))).toBe(false);
        expect(existsSync(join(dir, 'data', 'kiosk.db'))).toBe(true);
      } finally {
        await kiosk.close();
      }
    } finally {
      await council.close();
    }
  });

  it('a missing credential file is refused with what to do, before any key is made', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-launch-'));
    const plan = resolveKioskLaunch({ ...LIVE, deviceCredentialFile: join(dir, 'missing') }, { ...web, defaultDataDir: dir, defaultKey: { keyFile: join(dir, 'db.key') } });
    await expect(startKioskLaunch(plan)).rejects.toThrow(/cannot be read \(ENOENT\)\. IT: enrol the kiosk/);
    expect(existsSync(join(dir, 'db.key'))).toBe(false);
  });

  it("refuses an earlier version's key left in the data folder, naming both places; an explicit key file there still works", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-launch-'));
    await writeFile(join(dir, 'credential'), 'A'.repeat(32), { mode: 0o600 });
    const oldKey = join(dir, 'data', 'kiosk-db.key');
    await mkdir(join(dir, 'data'), { mode: 0o700 });
    await provisionKeyFile(oldKey);
    const newKey = join(dir, 'config', 'kiosk-db.key');
    const host = { ...web, defaultDataDir: join(dir, 'data'), defaultKey: { keyFile: newKey } };
    const plan = resolveKioskLaunch({ ...LIVE, deviceCredentialFile: join(dir, 'credential') }, host);
    const refused = await startKioskLaunch(plan).then(
      () => new Error('started'),
      (error: unknown) => error as Error,
    );
    expect(refused).toBeInstanceOf(KioskLaunchError);
    expect(refused.message).toContain(`The database key is in the data folder (${oldKey})`);
    expect(refused.message).toContain(`mv ${oldKey} ${newKey}`);
    expect(refused.message).toContain('--key-file');
    expect(existsSync(newKey)).toBe(false);
    expect(existsSync(join(dir, 'data', 'kiosk.db'))).toBe(false);
    const explicit = resolveKioskLaunch({ ...LIVE, deviceCredentialFile: join(dir, 'credential'), keyFile: oldKey }, host);
    // IT named it: no refusal (no old-place check) for a key file IT chose.
    expect(explicit.mode === 'live' ? explicit.key : undefined).toEqual({ kind: 'key-file', path: oldKey });
  });

  it('a keychain key without a keychain is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-launch-'));
    await writeFile(join(dir, 'credential'), 'A'.repeat(32), { mode: 0o600 });
    const plan = resolveKioskLaunch({ ...LIVE, deviceCredentialFile: join(dir, 'credential') }, { ...electron, defaultDataDir: dir });
    await expect(startKioskLaunch(plan)).rejects.toThrow('no OS keychain');
  });
});

describe('the web host refuses a half-live configuration at start', () => {
  it('names the missing council address and exits 1', async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'kiosk-launch-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
    const child = spawn(process.execPath, ['main/web/webHostCli.ts', '--static-dir', staticDir, '--device-credential-file', '/nonexistent'], { cwd: ROOT });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(stderr).toContain('--council-api is missing');
  });
});
