import { randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { KeyProviderError } from './storeErrors.ts';

/** The database key is exactly this many random bytes (256 bits), used raw: no passphrase KDF. */
export const DATABASE_KEY_BYTES = 32;

/** What `openKioskDatabase` tells a key provider about the file it is opening. */
export interface KeyRequest {
  /**
   * True only when the database does not exist yet, so a provider that wraps its own key may make
   * a new one. When the database exists, a provider must never invent a key: a new key cannot read
   * the old file, and IT must be told the original key is missing instead.
   */
  mayCreate: boolean;
}

/**
 * Where the database key comes from. Implementations: `explicitKeyProvider` (tests, tools),
 * `keyFileProvider` (a file provisioned by IT), `safeStorageKeyProvider` (the OS keychain through
 * Electron). `describe` names the source for error messages, never the key.
 */
export interface KeyProvider {
  readonly describe: string;
  getKey(request: KeyRequest): Promise<Buffer>;
}

/** Checks a key's length; throws `KeyProviderError` naming the source. */
export function checkKey(key: Buffer, source: string, path: string | null = null): Buffer {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new KeyProviderError('key-invalid', path, `${source} gave a ${key.length}-byte key; the kiosk database key is ${DATABASE_KEY_BYTES} bytes.`);
  }
  return key;
}

/** A key passed in directly: for tests, benchmarks and IT tools that already hold the key. */
export function explicitKeyProvider(key: Buffer): KeyProvider {
  const copy = checkKey(Buffer.from(key), 'The explicit key');
  return { describe: 'explicit key', getKey: () => Promise.resolve(Buffer.from(copy)) };
}

const KEY_FILE_PATTERN = /^([0-9a-fA-F]{64})\r?\n?$/;

/** Encodes a key the way key files hold it: 64 hexadecimal characters and a newline. */
export function encodeKeyFile(key: Buffer): string {
  return checkKey(key, 'The key').toString('hex') + '\n';
}

/** Decodes a key file's text; throws `KeyProviderError` (without echoing the content) if it is not one. */
export function decodeKeyFile(text: string, path: string): Buffer {
  const match = KEY_FILE_PATTERN.exec(text);
  if (match?.[1] === undefined) {
    throw new KeyProviderError(
      'key-invalid',
      path,
      `The database key file ${path} is not a kiosk key: it must hold exactly 64 hexadecimal characters ` +
        `(32 random bytes) and an optional newline. Create one with provisionKeyFile.`,
    );
  }
  return Buffer.from(match[1], 'hex');
}

/**
 * A key file provisioned by IT (see `provisionKeyFile`). The file must not be readable by group or
 * other users: such a file is refused with `key-insecure` rather than used, because anyone who can
 * read it can read every resident's queued data. On Windows, POSIX mode bits say nothing about the
 * file's ACL, so the check is skipped there: IT restricts the file's ACL to the kiosk's account
 * (`icacls FILE /inheritance:r /grant:r ACCOUNT:R`).
 */
export function keyFileProvider(path: string, platform: NodeJS.Platform = process.platform): KeyProvider {
  return {
    describe: `key file ${path}`,
    async getKey() {
      let mode: number;
      let text: string;
      try {
        mode = (await stat(path)).mode;
        text = await readFile(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new KeyProviderError('key-unavailable', path, `The database key file ${path} cannot be read (${code}).`, { cause: error });
      }
      if (platform !== 'win32' && (mode & 0o077) !== 0) {
        throw new KeyProviderError(
          'key-insecure',
          path,
          `The database key file ${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); refusing to use it. ` +
            `IT: run 'chmod 600 ${path}' (owned by the kiosk's account) and start the kiosk again.`,
        );
      }
      return decodeKeyFile(text, path);
    },
  };
}

/**
 * Writes a new random key file for IT to provision a kiosk: mode 0600, flushed to disk, and never
 * over an existing file (`EEXIST` is a `KeyProviderError`), since replacing a key orphans the
 * database it encrypts.
 */
export async function provisionKeyFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new KeyProviderError('key-unavailable', path, `Cannot create the key file ${path} (${code}); an existing key file is never replaced.`, { cause: error });
  }
  try {
    await handle.writeFile(encodeKeyFile(randomBytes(DATABASE_KEY_BYTES)));
    await handle.sync();
  } finally {
    await handle.close();
  }
}
