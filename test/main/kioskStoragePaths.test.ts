import { existsSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultKeyFile, keyFileFor, readDeviceCredential, trainingStorage } from '../../main/kioskStoragePaths.ts';
import { openKioskDatabase } from '../../main/store/kioskDatabase.ts';

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kiosk-paths-'));
}

describe('where the kiosk keeps its data', () => {
  it('provisions a 0600 key file on the very first start, and reuses it after', async () => {
    const dir = await folder();
    const keyFile = join(dir, 'kiosk-db.key');
    const databasePath = join(dir, 'kiosk.db');
    const first = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(keyFile, databasePath) });
    first.connection.exec('CREATE TABLE IF NOT EXISTS probe (x)');
    first.close();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const again = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(keyFile, databasePath) });
    expect(again.connection.prepare("SELECT name FROM sqlite_master WHERE name = 'probe'").get()).toBeDefined();
    again.close();
  });

  it('makes a data folder that does not exist yet, mode 0700, before writing the key file in it', async () => {
    const dir = join(await folder(), 'new', 'data');
    const keyFile = join(dir, 'kiosk-db.key');
    const databasePath = join(dir, 'kiosk.db');
    const database = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(keyFile, databasePath) });
    database.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('never makes a new key for a database that already exists: IT gets a clear error instead', async () => {
    const dir = await folder();
    const databasePath = join(dir, 'kiosk.db');
    await writeFile(databasePath, 'an existing database whose key file went missing');
    const provider = await keyFileFor(join(dir, 'missing.key'), databasePath);
    expect(existsSync(join(dir, 'missing.key'))).toBe(false);
    await expect(openKioskDatabase({ path: databasePath, keyProvider: provider })).rejects.toThrow(/missing\.key/);
  });

  it('makes no new key when the database and its key are gone but its high-water record is not: the start is refused', async () => {
    const dir = await folder();
    const keyFile = join(dir, 'kiosk-db.key');
    const databasePath = join(dir, 'kiosk.db');
    const first = await openKioskDatabase({ path: databasePath, keyProvider: await keyFileFor(keyFile, databasePath) });
    first.close();
    await rm(databasePath);
    await rm(keyFile);
    const provider = await keyFileFor(keyFile, databasePath);
    expect(existsSync(keyFile)).toBe(false);
    await expect(openKioskDatabase({ path: databasePath, keyProvider: provider })).rejects.toThrow(/kiosk-db\.key cannot be read \(ENOENT\)/);
  });

  it('keeps training data in a temporary folder that is removed at the end', async () => {
    const training = await trainingStorage();
    const db = await openKioskDatabase({ path: training.databasePath, keyProvider: training.keyProvider });
    db.connection.exec('CREATE TABLE t (x)');
    db.close();
    expect(existsSync(training.databasePath)).toBe(true);
    expect(training.databasePath.startsWith(tmpdir())).toBe(true);
    await training.remove();
    expect(existsSync(training.databasePath)).toBe(false);
  });

  it('reads a device credential file, and refuses one that holds something else', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'good'), 'dev_cred_0123456789abcdef\n', { mode: 0o600 });
    await writeFile(join(dir, 'bad'), 'not a credential, just words\n', { mode: 0o600 });
    expect(await readDeviceCredential(join(dir, 'good'))).toBe('dev_cred_0123456789abcdef');
    await expect(readDeviceCredential(join(dir, 'bad'))).rejects.toThrow(/does not hold a device credential/);
    await expect(readDeviceCredential(join(dir, 'absent'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a device credential file that other users can read, as it does a key file', async () => {
    const dir = await folder();
    const path = join(dir, 'shared');
    await writeFile(path, 'dev_cred_0123456789abcdef\n', { mode: 0o644 });
    await chmod(path, 0o644);
    await expect(readDeviceCredential(path)).rejects.toThrow(`The device credential file ${path} can be read by other users (mode 644); refusing to use it. IT: run 'chmod 600 ${path}'`);
    await chmod(path, 0o640);
    await expect(readDeviceCredential(path)).rejects.toThrow(/mode 640/);
    // Windows keeps its permissions in the ACL, not in these bits.
    expect(await readDeviceCredential(path, 'win32')).toBe('dev_cred_0123456789abcdef');
  });

  it('defaults to the XDG data folder', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/srv/data' })).toBe('/srv/data/council-access-kiosk');
  });

  it('keeps the default key in the XDG config folder, outside the data folder', () => {
    expect(defaultKeyFile({ XDG_CONFIG_HOME: '/home/kiosk/.config' })).toBe('/home/kiosk/.config/council-access-kiosk/kiosk-db.key');
    expect(defaultKeyFile({})).toBe(join(homedir(), '.config', 'council-access-kiosk', 'kiosk-db.key'));
    expect(dirname(defaultKeyFile({}))).not.toBe(defaultDataDir({}));
  });
});
