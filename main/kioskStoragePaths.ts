import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { keyFileProvider, provisionKeyFile } from './store/databaseKey.ts';
import type { KeyProvider } from './store/databaseKey.ts';

/**
 * The database file for a mode. Training and live never share a file: a training kiosk's queue
 * is for the embedded simulator, and must never be delivered to a real council (or the reverse).
 */
export function databaseFileIn(dataDir: string, training: boolean): string {
  return join(dataDir, training ? 'kiosk-training.db' : 'kiosk.db');
}

/** Where the web host keeps its data unless told otherwise: `$XDG_DATA_HOME/council-access-kiosk`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'council-access-kiosk');
}

/**
 * The key provider for a key file: IT's file when it exists. On a kiosk's very first start (no
 * database and no key file yet) a new key file is written, mode 0600. A database without its key
 * file is never touched: the key provider then fails with a clear error for IT.
 */
export async function keyFileFor(keyFile: string, databasePath: string): Promise<KeyProvider> {
  if (!existsSync(keyFile) && !existsSync(databasePath)) await provisionKeyFile(keyFile);
  return keyFileProvider(keyFile);
}

/** Reads a device credential from a file IT provisioned (one line). */
export async function readDeviceCredential(path: string): Promise<string> {
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[A-Za-z0-9_.~-]{16,200}$/.test(text)) throw new Error(`The device credential file ${path} does not hold a device credential`);
  return text;
}
