import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { explicitKeyProvider, keyFileProvider, provisionKeyFile } from './store/databaseKey.ts';
import type { KeyProvider } from './store/databaseKey.ts';
import { highWaterPathFor } from './store/highWaterMark.ts';

/** The live database file in a data folder. */
export function databaseFileIn(dataDir: string): string {
  return join(dataDir, 'kiosk.db');
}

/** Where training mode keeps its queue, and how to remove it. */
export interface TrainingStorage {
  databasePath: string;
  keyProvider: KeyProvider;
  remove(): Promise<void>;
}

/**
 * Training mode's database: a fresh encrypted file in a temporary folder, with a random key held
 * only in memory, removed when the kiosk stops. The embedded simulator forgets everything when it
 * stops too, so a training queue kept across restarts could only fail (its setup grants would be
 * unknown); and training data never mixes with the live queue.
 */
export async function trainingStorage(): Promise<TrainingStorage> {
  const dir = await mkdtemp(join(tmpdir(), 'council-access-kiosk-training-'));
  return {
    databasePath: join(dir, 'kiosk-training.db'),
    keyProvider: explicitKeyProvider(randomBytes(32)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Where the web host keeps its data unless told otherwise: `$XDG_DATA_HOME/council-access-kiosk`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'council-access-kiosk');
}

/**
 * The database key file unless IT names one: `$XDG_CONFIG_HOME/council-access-kiosk/kiosk-db.key`
 * (`~/.config/…`), outside the data folder, so a copy of the data folder (a backup, a disk taken
 * away) cannot decrypt itself. Made on first start, mode 0600 in a 0700 folder.
 */
export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'council-access-kiosk', 'kiosk-db.key');
}

/**
 * Refuses to go on when the default key file is missing but an earlier version's key file sits in
 * the data folder (where that version kept it). Going on would either leave the key beside the
 * data it opens, or, worse, fail later with a bare "key missing"; IT moves it once (or names it
 * explicitly to keep it there for now) and the kiosk starts as before. Never moved for IT: a key
 * is not something to copy around unasked.
 */
export function refuseKeyLeftInDataFolder(keyFile: string, dataDir: string): void {
  const old = join(dataDir, 'kiosk-db.key');
  if (existsSync(keyFile) || !existsSync(old)) return;
  throw new Error(
    `The database key is in the data folder (${old}), where a copy of that folder would carry its own key; ` +
      `this version keeps it at ${keyFile}. IT: move it there (mkdir -p -m 700 ${dirname(keyFile)} && mv ${old} ${keyFile}), ` +
      `or name it with --key-file (storage.keyFile in kiosk.json) to keep it where it is, and start again.`,
  );
}

/**
 * The key provider for a key file: IT's file when it exists. On a kiosk's very first start (no
 * database, no high-water record and no key file yet) the data folder is made if it does not exist yet (mode 0700: only
 * the kiosk's account may look inside) and a new key file is written in it, mode 0600. A database
 * without its key file is never touched: the key provider then fails with a clear error for IT.
 */
export async function keyFileFor(keyFile: string, databasePath: string): Promise<KeyProvider> {
  if (!existsSync(keyFile) && !existsSync(databasePath) && !existsSync(highWaterPathFor(databasePath))) {
    await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
    await provisionKeyFile(keyFile);
  }
  return keyFileProvider(keyFile);
}

/**
 * Reads a device credential from a file IT provisioned (one line). Like the key file, a credential
 * file that group or other users can read is refused: whoever reads it can act as this kiosk
 * towards the council. On Windows the mode bits say nothing about the file's ACL, so IT restricts
 * the ACL to the kiosk's account instead (`icacls FILE /inheritance:r /grant:r ACCOUNT:R`).
 */
export async function readDeviceCredential(path: string, platform: NodeJS.Platform = process.platform): Promise<string> {
  const { mode } = await stat(path);
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(
      `The device credential file ${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); refusing to use it. ` +
        `IT: run 'chmod 600 ${path}' (owned by the kiosk's account) and start the kiosk again.`,
    );
  }
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[A-Za-z0-9_.~-]{16,200}$/.test(text)) throw new Error(`The device credential file ${path} does not hold a device credential`);
  return text;
}
