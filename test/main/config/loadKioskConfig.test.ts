import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative as relativePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigError } from '../../../main/config/kioskConfigError.ts';
import { launchSettingsOf, logFileOptionsOf, syncPacingOf } from '../../../main/config/kioskConfigParts.ts';
import { loadKioskConfig, systemConfigPath } from '../../../main/config/loadKioskConfig.ts';

const EXAMPLE = fileURLToPath(new URL('../../../main/electron/build/kiosk.example.json', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `text` as a kiosk.json and loads it through KIOSK_CONFIG, returning the refusal's message. */
async function refusal(text: string, extra: { env?: NodeJS.ProcessEnv; set?: string[] } = {}): Promise<string> {
  const path = join(dir, `kiosk-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, text);
  const error = await loadKioskConfig({ env: { KIOSK_CONFIG: path, ...extra.env }, ...(extra.set ? { set: extra.set } : {}) }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KioskConfigError);
  const message = (error as Error).message;
  expect(message).toContain(path);
  return message;
}

describe('loadKioskConfig', () => {
  it('finds the system file in /etc on Linux and in ProgramData on Windows', () => {
    expect(systemConfigPath('linux', {})).toBe('/etc/council-access-kiosk/kiosk.json');
    expect(systemConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Council Access Kiosk\\kiosk.json');
    expect(systemConfigPath('win32', {})).toBe('C:\\ProgramData\\Council Access Kiosk\\kiosk.json');
  });

  it('reads the complete example and keeps every setting', async () => {
    const { config, path } = await loadKioskConfig({ env: { KIOSK_CONFIG: EXAMPLE } });
    expect(path).toBe(EXAMPLE);
    expect(config).toMatchObject({
      mode: 'live',
      council: { apiUrl: 'https://access-api.council.example/', deviceCredentialFile: '/etc/council-access-kiosk/device-credential' },
      idle: { timeoutSeconds: 120, warningSeconds: 30 },
      staff: { entry: true, lockSeconds: 300, display: 2779098405 },
      printer: 'Library-Slip-Printer',
      updates: { url: 'https://updates.council.example/kiosk/', hour: 3 },
      log: { folder: '/var/log/council-access-kiosk', maxFileMegabytes: 10, files: 5 },
    });
  });

  it('uses the defaults when there is no file at the system location', async () => {
    const { config, path } = await loadKioskConfig({ platform: 'win32', env: { ProgramData: join(dir, 'no-such-folder') } });
    expect(path).toBeNull();
    expect(config.mode).toBeUndefined();
    expect(config.idle).toEqual({ timeoutSeconds: 120, warningSeconds: 30 });
    expect(config.updates.url).toBeUndefined();
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    expect(await refusal('{ "mode": "live", }')).toMatch(/is not valid JSON: .*Check for a missing comma/);
    expect(await refusal('[1, 2]')).toMatch(/must hold one JSON object/);
  });

  it('refuses unknown settings, so a typo never passes silently', async () => {
    const message = await refusal(JSON.stringify({ staff: { entyr: false }, idel: {} }));
    expect(message).toContain('`staff.entyr`: unknown setting');
    expect(message).toContain('`idel`: unknown setting');
  });

  it('refuses a wrong type, saying what was expected and what was found', async () => {
    const message = await refusal(JSON.stringify({ idle: { timeoutSeconds: '90' }, staff: { entry: 'yes' } }));
    expect(message).toContain('`idle.timeoutSeconds`: expected a number, not text ("90")');
    expect(message).toContain('`staff.entry`: expected true or false, not text ("yes")');
  });

  it('refuses values out of range, with the bound', async () => {
    expect(await refusal(JSON.stringify({ idle: { warningSeconds: 10 } }))).toContain('`idle.warningSeconds`: 10 is below the minimum 20');
    expect(await refusal(JSON.stringify({ updates: { hour: 24 } }))).toContain('`updates.hour`: 24 is above the maximum 23');
    expect(await refusal(JSON.stringify({ idle: { timeoutSeconds: 40, warningSeconds: 40 } }))).toContain(
      '`idle.warningSeconds`: 40 must be shorter than idle.timeoutSeconds (40)',
    );
    expect(await refusal(JSON.stringify({ mode: 'demo' }))).toContain('`mode`: "demo" is not one of "training", "live"');
    expect(await refusal(JSON.stringify({ staff: { display: -1 } }))).toContain('`staff.display`: -1 is below the minimum 0');
  });

  it('refuses addresses that are not http(s), updates that are not https, and paths that are not absolute', async () => {
    const message = await refusal(
      JSON.stringify({ council: { apiUrl: 'council.example/api' }, storage: { dataDir: 'data' }, updates: { url: 'http://updates.council.example/' } }),
    );
    expect(message).toContain('`council.apiUrl`: "council.example/api" is not an http(s) address such as "https://council.example/"');
    expect(message).toContain('`updates.url`: "http://updates.council.example/" is not an https address');
    expect(await refusal(JSON.stringify({ council: { apiUrl: 'ftp://council.example/' } }))).toContain('`council.apiUrl`: "ftp://council.example/" is not an http(s) address');
    expect(message).toContain('`storage.dataDir`: "data" must be an absolute path');
  });

  it('lists every problem at once', async () => {
    const message = await refusal(JSON.stringify({ mode: 'x', idle: { warningSeconds: 5 }, printer: 7, extra: 1 }));
    expect(message.split('\n').filter((line) => line.startsWith('  `'))).toHaveLength(4);
  });

  it('refuses a file that KIOSK_CONFIG names but does not exist, and a folder', async () => {
    const missing = join(dir, 'absent.json');
    await expect(loadKioskConfig({ env: { KIOSK_CONFIG: missing } })).rejects.toThrow(`KIOSK_CONFIG names the configuration file ${missing}, which does not exist`);
    await expect(loadKioskConfig({ configFile: missing })).rejects.toThrow(`--config names the configuration file ${missing}`);
    await expect(loadKioskConfig({ env: { KIOSK_CONFIG: dir } })).rejects.toThrow(`The configuration file ${dir} is a folder`);
  });

  it('refuses a file the kiosk cannot read, and says how to fix it', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { recursive: true });
    const path = join(locked, 'kiosk.json');
    await writeFile(path, '{}');
    await chmod(path, 0o600);
    await chmod(locked, 0o755);
    // As root the permission bits do not stop a read, so the load runs as an unprivileged user then.
    const script = `import { loadKioskConfig } from ${JSON.stringify(fileURLToPath(new URL('../../../main/config/loadKioskConfig.ts', import.meta.url)))};
      loadKioskConfig({ env: { KIOSK_CONFIG: ${JSON.stringify(path)} } }).then(() => console.log('read'), (e) => console.log(e.message));`;
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (!asUser.uid) await chmod(path, 0o000);
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], asUser);
    expect(stdout).toContain(`The configuration file ${path} cannot be read (permission denied). Let the kiosk's account read it`);
  });

  it('lets the environment and --set override single settings, and names them when wrong', async () => {
    const { config, overrides } = await loadKioskConfig({
      env: { KIOSK_CONFIG: EXAMPLE, KIOSK_COUNCIL_API_URL: 'https://other.council.example/', KIOSK_LOG_DIR: '' },
      set: ['idle.warningSeconds=45', 'printer=Front desk'],
    });
    expect(config.council?.apiUrl).toBe('https://other.council.example/');
    expect(config.idle.warningSeconds).toBe(45);
    expect(config.printer).toBe('Front desk');
    expect(config.log.folder).toBe('/var/log/council-access-kiosk');
    expect(overrides.map((override) => override.source)).toEqual(['KIOSK_COUNCIL_API_URL', '--set idle.warningSeconds=45', '--set printer=Front desk']);

    const message = await refusal('{}', { env: { KIOSK_MODE: 'demo' }, set: ['idle.warningSeconds=10', 'staff.colour=red'] });
    expect(message).toContain('`mode` (from KIOSK_MODE): "demo" is not one of');
    expect(message).toContain('`idle.warningSeconds` (from --set idle.warningSeconds=10): 10 is below the minimum 20');
    expect(message).toContain('`staff.colour` (from --set staff.colour=red): unknown setting');
    await expect(loadKioskConfig({ env: { KIOSK_CONFIG: EXAMPLE }, set: ['printer'] })).rejects.toThrow('--set printer: expected SETTING=VALUE');
    await expect(loadKioskConfig({ env: { KIOSK_CONFIG: EXAMPLE }, set: ['__proto__.x=1'] })).rejects.toThrow("is not a setting's name");
  });

  it('shows a relative KIOSK_CONFIG as the absolute path it read', async () => {
    const relative = relativePath(process.cwd(), EXAMPLE);
    expect((await loadKioskConfig({ env: { KIOSK_CONFIG: relative } })).path).toBe(EXAMPLE);
  });

  it('reads a file saved with a byte-order mark (Windows Notepad)', async () => {
    const path = join(dir, 'bom.json');
    await writeFile(path, `\uFEFF${await readFile(EXAMPLE, 'utf8')}`);
    expect((await loadKioskConfig({ env: { KIOSK_CONFIG: path } })).config.mode).toBe('live');
  });
});

describe('the configuration, part by part', () => {
  it('gives the launch settings, sync pacing and log file in the units each part takes', async () => {
    const { config } = await loadKioskConfig({ env: { KIOSK_CONFIG: EXAMPLE } });
    expect(launchSettingsOf(config)).toEqual({
      mode: 'live',
      councilApiUrl: 'https://access-api.council.example/',
      deviceCredentialFile: '/etc/council-access-kiosk/device-credential',
      dataDir: '/var/lib/council-access-kiosk',
      keyFile: '/etc/council-access-kiosk/kiosk-db.key',
      serviceCatalogPath: '/etc/council-access-kiosk/services.json',
      printerName: 'Library-Slip-Printer',
    });
    expect(syncPacingOf(config)).toEqual({ requestsPerSecond: 0.5, concurrency: 2, startJitterMs: 60_000 });
    expect(logFileOptionsOf(config, '/data')).toEqual({
      folder: '/var/log/council-access-kiosk',
      maxFileBytes: 10 * 1024 * 1024,
      files: 5,
      deviceName: 'Norwich Millennium Library kiosk 2',
    });
    const defaults = (await loadKioskConfig({ platform: 'win32', env: { ProgramData: join(dir, 'none') } })).config;
    expect(launchSettingsOf(defaults)).toEqual({});
    expect(logFileOptionsOf(defaults, '/data').folder).toBe(join('/data', 'logs'));
  });
});
