import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { logEvent } from '../log.ts';
import { DATABASE_KEY_BYTES, checkKey } from '../store/databaseKey.ts';
import type { KeyProvider, KeyRequest } from '../store/databaseKey.ts';
import { KeyProviderError } from '../store/storeErrors.ts';

/** The parts of Electron's `safeStorage` the key provider uses (the non-deprecated async API). */
export type KioskSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/** Where and how the wrapped key lives. */
export interface SafeStorageKeyOptions {
  /** Electron's `safeStorage` object (passed in, so this file is testable without Electron). */
  safeStorage: KioskSafeStorage;
  /** The file holding the key as wrapped by safeStorage, beside the database in the app's data folder. */
  wrappedKeyPath: string;
  /** `process.platform` unless a test says otherwise. */
  platform?: NodeJS.Platform;
}

// On Linux, `basic_text` means Chromium found no keyring and "encrypts" with a hard-coded key:
// anyone with the file can unwrap it. `unknown` means the app is not ready yet. Both are refused.
const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * The database key wrapped by the OS keychain through Electron's `safeStorage` (DPAPI on Windows,
 * the Secret Service or KWallet on Linux). The 32-byte key is generated on first run, wrapped, and
 * written beside the database with mode 0600 by write-then-rename, so a crash never leaves half a
 * key. A Linux `basic_text` backend is refused, pointing IT at a key file instead. When safeStorage
 * says the wrapping should be refreshed (`shouldReEncrypt`), the key is re-wrapped in place.
 */
export function safeStorageKeyProvider(options: SafeStorageKeyOptions): KeyProvider {
  const { safeStorage, wrappedKeyPath } = options;
  const platform = options.platform ?? process.platform;

  return {
    describe: `safeStorage key ${wrappedKeyPath}`,
    async getKey(request: KeyRequest): Promise<Buffer> {
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (INSECURE_LINUX_BACKENDS.has(backend)) {
          throw new KeyProviderError(
            'key-insecure',
            wrappedKeyPath,
            `safeStorage on this Linux machine uses the '${backend}' store, which does not encrypt. ` +
              `IT: provision a key file (provisionKeyFile, mode 0600) and point the kiosk at it ` +
              `(KIOSK_KEY_FILE), or run the kiosk in a desktop session with a keyring.`,
          );
        }
      }
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new KeyProviderError(
          'key-unavailable',
          wrappedKeyPath,
          `safeStorage cannot encrypt on this machine (no OS keychain available). IT: provision a key file instead.`,
        );
      }

      const wrapped = await readWrapped(wrappedKeyPath);
      if (wrapped === undefined) {
        if (!request.mayCreate) {
          throw new KeyProviderError(
            'key-unavailable',
            wrappedKeyPath,
            `The kiosk database exists but its wrapped key ${wrappedKeyPath} is missing. A new key cannot read it. ` +
              `IT: restore that file from the kiosk's backup, or move the database aside ('npm run admin -- move-aside').`,
          );
        }
        const key = randomBytes(DATABASE_KEY_BYTES);
        await writeWrapped(wrappedKeyPath, await safeStorage.encryptStringAsync(key.toString('hex')));
        logEvent('store.key_created', { source: 'safeStorage' });
        return key;
      }

      let decrypted: { shouldReEncrypt: boolean; result: string };
      try {
        decrypted = await safeStorage.decryptStringAsync(wrapped);
      } catch (error) {
        throw new KeyProviderError(
          'key-unavailable',
          wrappedKeyPath,
          `The wrapped key ${wrappedKeyPath} cannot be unwrapped by this machine's keychain (a different user ` +
            `account or machine, or a reset keychain). IT: restore the keychain, or move the database aside.`,
          { cause: error },
        );
      }
      if (!/^[0-9a-f]{64}$/.test(decrypted.result)) {
        throw new KeyProviderError('key-invalid', wrappedKeyPath, `The wrapped key ${wrappedKeyPath} does not hold a kiosk key.`);
      }
      const key = checkKey(Buffer.from(decrypted.result, 'hex'), 'safeStorage', wrappedKeyPath);
      if (decrypted.shouldReEncrypt) {
        await writeWrapped(wrappedKeyPath, await safeStorage.encryptStringAsync(decrypted.result));
        logEvent('store.key_rewrapped', { source: 'safeStorage' });
      }
      return key;
    },
  };
}

async function readWrapped(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new KeyProviderError('key-unavailable', path, `The wrapped key ${path} cannot be read (${code ?? 'unknown error'}).`, { cause: error });
  }
}

// Write to a temporary name, flush, rename over, flush the folder: the wrapped key is either the
// old one or the new one, never half of one.
async function writeWrapped(path: string, content: Buffer): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    await syncFolder(dirname(path));
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new KeyProviderError('key-unavailable', path, `The wrapped key ${path} cannot be written (${code}).`, { cause: error });
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for flushing; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
