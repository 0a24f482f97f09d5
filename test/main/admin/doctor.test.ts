import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../main/admin/doctor/runDoctor.ts';
import type { DoctorReport, DoctorStatus } from '../../../main/admin/doctor/doctorCheck.ts';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { startCouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import type { CouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import { databaseFileIn, keyFileFor } from '../../../main/kioskStoragePaths.ts';
import { setLogSink } from '../../../main/log.ts';
import { provisionKeyFile } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';

// The doctor against a real installed kiosk in a temp folder: a configuration file, a key file,
// an encrypted database, and the council simulator over real HTTP on 127.0.0.1.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let simulator: CouncilSimulator;
let dir: string;
let configFile: string;
let dataDir: string;
let settings: Record<string, unknown>;

beforeAll(async () => {
  setLogSink(() => {});
  simulator = await startCouncilSimulator();
  dir = await mkdtemp(join(tmpdir(), 'kiosk-doctor-'));
  dataDir = join(dir, 'data');
  const keyFile = join(dir, 'kiosk-db.key');
  const database = await openKioskDatabase({ path: databaseFileIn(dataDir), keyProvider: await keyFileFor(keyFile, databaseFileIn(dataDir)) });
  database.close();
  const enrolment = await new CouncilClient({ baseUrl: simulator.url }).enrolDevice({ enrolmentToken: simulator.seed.enrolmentToken, deviceName: 'doctor-test' });
  const credentialFile = join(dir, 'device-credential');
  await writeFile(credentialFile, `${enrolment.credential}\n`, { mode: 0o600 });
  settings = {
    mode: 'live',
    council: { apiUrl: simulator.url, deviceCredentialFile: credentialFile },
    storage: { dataDir, keyFile },
    log: { folder: join(dir, 'logs') },
  };
  configFile = join(dir, 'kiosk.json');
  await writeFile(configFile, JSON.stringify(settings));
});
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

function statuses(report: DoctorReport): Record<string, DoctorStatus> {
  return Object.fromEntries(report.checks.map((one) => [one.name, one.status]));
}

async function doctorWith(overrides: string[], extra: { now?: () => number } = {}): Promise<DoctorReport> {
  return runDoctor({ env: { KIOSK_CONFIG: configFile }, set: overrides, councilTimeoutMs: 3000, ...extra });
}

describe('npm run admin -- doctor', () => {
  it('passes a well set-up live kiosk, one line per check, exit status 0, without writing to the database', async () => {
    const database = databaseFileIn(dataDir);
    const before = createHash('sha256').update(await readFile(database)).digest('hex');
    const run = await promisify(execFile)(process.execPath, ['main/admin/kioskAdminCli.ts', 'doctor'], { cwd: ROOT, env: { ...process.env, KIOSK_CONFIG: configFile } });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^PASS  configuration +${configFile} is valid \\(live\\)`));
    expect(lines.find((line) => line.includes(' key '))).toMatch(/^PASS/);
    expect(lines.find((line) => line.includes(' database '))).toMatch(/^PASS .*integrity ok, schema version/);
    expect(lines.find((line) => line.includes('council TLS'))).toMatch(/^WARN .*http on this machine.*Fix: a live council address must be https/);
    expect(lines.find((line) => line.includes('council credential'))).toMatch(/^PASS .*accepted/);
    expect(lines.find((line) => line.includes(' clock '))).toMatch(/^PASS .*clock is \d+ s/);
    expect(lines.find((line) => line.includes('disk space'))).toMatch(/^(PASS|WARN)/);
    expect(lines.find((line) => line.includes('log folder'))).toMatch(/^PASS .*will be created/);
    expect(lines.at(-1)).toBe('The kiosk is ready to run.');
    expect(createHash('sha256').update(await readFile(database)).digest('hex')).toBe(before);
  });

  it('prints JSON for detection scripts, and exits 1 when a check fails', async () => {
    const failing = await promisify(execFile)(process.execPath, ['main/admin/kioskAdminCli.ts', 'doctor', '--json', '--config', configFile, '--set', 'idle.warningSeconds=10'], { cwd: ROOT }).then(
      () => ({ code: 0, stdout: '' }),
      (error: unknown) => error as { code: number; stdout: string },
    );
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.stdout) as DoctorReport;
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ name: 'configuration', status: 'fail' });
    expect(report.checks[0]?.detail).toContain('`idle.warningSeconds` (from --set idle.warningSeconds=10): 10 is below the minimum 20');
  });

  it('fails a wrong key: the database cannot be read, and says what to do', async () => {
    const wrongKey = join(dir, 'wrong.key');
    await provisionKeyFile(wrongKey);
    const report = await doctorWith([`storage.keyFile=${wrongKey}`]);
    expect(report.ok).toBe(false);
    const database = report.checks.find((one) => one.name === 'database');
    expect(database).toMatchObject({ status: 'fail' });
    expect(database?.detail).toContain('cannot be read with this key');
    expect(database?.remedy).toContain('move-aside');
  });

  it('fails a key file others can read, with the chmod that fixes it', async () => {
    const loose = join(dir, 'loose.key');
    await writeFile(loose, await readFile(join(dir, 'kiosk-db.key')));
    await chmod(loose, 0o644);
    const report = await doctorWith([`storage.keyFile=${loose}`]);
    expect(statuses(report)).toMatchObject({ key: 'fail', database: 'skip' });
    expect(report.checks.find((one) => one.name === 'key')?.remedy).toBe(`chmod 600 ${loose} (owned by the kiosk's account)`);
  });

  it('fails an unreachable council', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const report = await doctorWith([`council.apiUrl=http://127.0.0.1:${closed}`]);
    expect(report.ok).toBe(false);
    expect(report.checks.find((one) => one.name === 'council')).toMatchObject({ status: 'fail', detail: expect.stringContaining('ECONNREFUSED') as unknown });
  });

  it('fails a device credential the council does not know, and a council address without TLS', async () => {
    const stranger = join(dir, 'stranger-credential');
    await writeFile(stranger, 'not-a-credential-the-council-issued\n', { mode: 0o600 });
    const refused = await doctorWith([`council.deviceCredentialFile=${stranger}`]);
    expect(refused.checks.find((one) => one.name === 'council credential')).toMatchObject({ status: 'fail', detail: expect.stringContaining('HTTP 401') as unknown });
    const plain = await doctorWith(['council.apiUrl=http://council.example/']);
    expect(statuses(plain)['council TLS']).toBe('fail');
  });

  it('warns when this machine\'s clock is more than two minutes from the council\'s', async () => {
    const report = await doctorWith([], { now: () => Date.now() + 5 * 60 * 1000 });
    expect(report.ok).toBe(true);
    expect(report.checks.find((one) => one.name === 'clock')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/clock is 30\d s ahead/) as unknown });
  });

  it('fails a bad configuration file and skips the rest', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ "mode": "live", "council": { "apiUrl": 5 } ');
    const report = await runDoctor({ env: { KIOSK_CONFIG: bad } });
    expect(report.ok).toBe(false);
    expect(report.checks.map((one) => one.status)).toEqual(['fail', 'skip']);
    expect(report.checks[0]?.detail).toContain(`The configuration file ${bad} is not valid JSON`);
  });

  it('fails a log folder the kiosk cannot write', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const report = await doctorWith([`log.folder=${file}`]);
    expect(report.checks.find((one) => one.name === 'log folder')).toMatchObject({ status: 'fail', detail: `${file} is a file, not a folder` });
  });
});

describe('doctor before the first start', () => {
  it('passes a live kiosk with no key and no database yet, and skips storage checks in training', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'kiosk-doctor-fresh-'));
    try {
      const report = await runDoctor({ env: { KIOSK_CONFIG: configFile }, set: [`storage.dataDir=${fresh}`, `storage.keyFile=${join(fresh, 'k.key')}`], councilTimeoutMs: 3000 });
      expect(statuses(report)).toMatchObject({ key: 'pass', database: 'pass', 'council credential': 'pass' });
      const training = await runDoctor({ env: {}, platform: 'win32', defaultDataDir: fresh });
      expect(statuses(training)).toMatchObject({ configuration: 'pass', key: 'skip', database: 'skip', council: 'skip', 'log folder': 'pass' });
      expect(training.ok).toBe(true);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it("fails a key left in the data folder by an earlier version, naming where it belongs", async () => {
    const old = await mkdtemp(join(tmpdir(), 'kiosk-doctor-old-'));
    try {
      await mkdir(join(old, 'data'), { mode: 0o700 });
      await provisionKeyFile(join(old, 'data', 'kiosk-db.key'));
      const config = join(old, 'kiosk.json');
      await writeFile(config, JSON.stringify({ ...settings, storage: { dataDir: join(old, 'data') } }));
      const report = await runDoctor({ env: { KIOSK_CONFIG: config, XDG_CONFIG_HOME: join(old, 'config') }, councilTimeoutMs: 3000 });
      const key = report.checks.find((one) => one.name === 'key');
      expect(key).toMatchObject({ status: 'fail' });
      expect(JSON.stringify(key)).toContain(join(old, 'data', 'kiosk-db.key'));
      expect(JSON.stringify(key)).toContain(join(old, 'config', 'council-access-kiosk', 'kiosk-db.key'));
      expect(report.ok).toBe(false);
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  });
});
