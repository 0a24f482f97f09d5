import { constants, existsSync } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { keyFileProvider } from '../../store/databaseKey.ts';
import { DEFAULT_CIPHER } from '../../store/kioskDatabase.ts';
import { LATEST_SCHEMA_VERSION, schemaVersionOf } from '../../store/migrations.ts';
import { check } from './doctorCheck.ts';
import type { DoctorCheck } from './doctorCheck.ts';

const MOVE_ASIDE = 'if the key is lost for good, "npm run admin -- move-aside" sets the unreadable file aside (its queued setups are then lost; the council still has every setup it acknowledged)';

/** The database key file: present, readable only by the kiosk's account, a valid key. */
export async function checkKeyFile(keyFile: string): Promise<{ result: DoctorCheck; key?: Buffer }> {
  try {
    const key = await keyFileProvider(keyFile).getKey({ mayCreate: false });
    return { result: check('key', 'pass', `key file ${keyFile} is readable by the kiosk's account only and holds a 32-byte key`), key };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const remedy = /other users/.test(message)
      ? `chmod 600 ${keyFile} (owned by the kiosk's account)`
      : `restore the key file from IT's safe copy to ${keyFile} (mode 0600); ${MOVE_ASIDE}`;
    return { result: check('key', 'fail', message, remedy) };
  }
}

/**
 * The database, opened read-only (nothing is written, not even a WAL checkpoint): decrypts with
 * the key, passes SQLite's integrity check, and has a schema this kiosk knows (a newer schema
 * means the kiosk software was rolled back over a newer database).
 */
export function checkDatabase(databasePath: string, key: Buffer | undefined): DoctorCheck {
  if (!existsSync(databasePath)) return check('database', 'pass', `no database yet at ${databasePath}; the kiosk creates it at first start`);
  if (key === undefined) return check('database', 'skip', `${databasePath} not checked: no usable key`, 'fix the key first');
  let connection: Database.Database | undefined;
  try {
    connection = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 0 });
    connection.pragma(`cipher = '${DEFAULT_CIPHER}'`);
    if (DEFAULT_CIPHER === 'sqlcipher') connection.pragma('legacy = 4');
    connection.pragma(`key = "x'${key.toString('hex')}'"`);
    const integrity = connection.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      return check('database', 'fail', `${databasePath} is damaged (integrity check: ${String(integrity)})`, `restore it from a backup; ${MOVE_ASIDE}`);
    }
    const version = schemaVersionOf(connection);
    if (version > LATEST_SCHEMA_VERSION) {
      return check(
        'database',
        'fail',
        `${databasePath} has schema version ${version}, newer than this kiosk's ${LATEST_SCHEMA_VERSION}: the kiosk software was rolled back`,
        'install the kiosk version that wrote it (or newer) again',
      );
    }
    return check('database', 'pass', `${databasePath} opens with the key, integrity ok, schema version ${version} of ${LATEST_SCHEMA_VERSION}`);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return check('database', 'warn', `${databasePath} is in use (the kiosk is running), so it was not checked`, 'stop the kiosk to check its database');
    }
    return check('database', 'fail', `${databasePath} cannot be read with this key (${code}): the wrong key, or a damaged file`, `use the key file this database was made with; ${MOVE_ASIDE}`);
  } finally {
    key.fill(0);
    connection?.close();
  }
}

/** The nearest folder of `path` that exists (the data folder may not exist before the first start). */
function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Free space where the data lives: fail under 100 MB (SQLite then fails writes), warn under 1 GB. */
export async function checkFreeSpace(dataDir: string): Promise<DoctorCheck> {
  const where = nearestExisting(dataDir);
  const stats = await statfs(where);
  const free = stats.bavail * stats.bsize;
  const shown = free >= 2 ** 30 ? `${(free / 2 ** 30).toFixed(1)} GB` : `${Math.round(free / 2 ** 20)} MB`;
  if (free < 100 * 2 ** 20) return check('disk space', 'fail', `${shown} free at ${where}`, 'free disk space: the kiosk needs at least 100 MB for its queue and logs');
  if (free < 2 ** 30) return check('disk space', 'warn', `${shown} free at ${where}`, 'free disk space before it runs out (at least 1 GB is comfortable)');
  return check('disk space', 'pass', `${shown} free at ${where}`);
}

/** The log folder: exists and is writable, or can be created. */
export async function checkLogFolder(folder: string): Promise<DoctorCheck> {
  const target = existsSync(folder) ? folder : nearestExisting(folder);
  try {
    if (existsSync(folder) && !(await stat(folder)).isDirectory()) return check('log folder', 'fail', `${folder} is a file, not a folder`, 'set log.folder to a folder');
    await access(target, constants.W_OK);
  } catch {
    return check('log folder', 'fail', `${folder} cannot be written by this account`, `give the kiosk's account write access to ${target}`);
  }
  return check('log folder', 'pass', existsSync(folder) ? `${folder} is writable` : `${folder} will be created in ${target}`);
}
