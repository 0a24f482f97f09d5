import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { safeStorageKeyProvider } from '../../../main/electron/safeStorageKeyProvider.ts';
import type { KioskSafeStorage } from '../../../main/electron/safeStorageKeyProvider.ts';
import { KeyProviderError } from '../../../main/store/storeErrors.ts';
import { accountSetupPayload, captureLogs, sessionId, tempFolder } from '../store/storeFixtures.ts';

captureLogs();

// Electron cannot start here, so safeStorage is stood in for by a fake that really encrypts
// (AES-GCM under a "keychain" key of its own) and records every call; its type is Electron's own.
type Backend = ReturnType<KioskSafeStorage['getSelectedStorageBackend']>;

function fakeSafeStorage(options: { backend?: Backend; available?: boolean; keychain?: Buffer; shouldReEncrypt?: boolean } = {}) {
  const keychain = options.keychain ?? randomBytes(32);
  const calls: string[] = [];
  const storage: KioskSafeStorage = {
    getSelectedStorageBackend() {
      calls.push('getSelectedStorageBackend');
      return options.backend ?? 'gnome_libsecret';
    },
    isAsyncEncryptionAvailable() {
      calls.push('isAsyncEncryptionAvailable');
      return Promise.resolve(options.available ?? true);
    },
    // `new Promise` runs the body now and turns a throw into a rejection, as an async method would.
    encryptStringAsync(plainText) {
      return new Promise((resolve) => {
        calls.push('encryptStringAsync');
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', keychain, iv);
        const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
        resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
      });
    },
    decryptStringAsync(encrypted) {
      return new Promise((resolve) => {
        calls.push('decryptStringAsync');
        const decipher = createDecipheriv('aes-256-gcm', keychain, encrypted.subarray(0, 12));
        decipher.setAuthTag(encrypted.subarray(12, 28));
        const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
        resolve({ result, shouldReEncrypt: options.shouldReEncrypt ?? false });
      });
    },
  };
  return { storage, calls, keychain };
}

async function providerError(promise: Promise<unknown>): Promise<KeyProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyProviderError);
  return error as KeyProviderError;
}

describe('safeStorage key provider', () => {
  it('makes a key on first run, wraps it in a 0600 file, and unwraps the same key next time', async () => {
    const folder = await tempFolder();
    const wrappedKeyPath = join(folder, 'kiosk.key.wrapped');
    const { storage, calls } = fakeSafeStorage();
    const provider = safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath, platform: 'linux' });
    const first = await provider.getKey({ mayCreate: true });
    expect(first.length).toBe(32);
    expect(statSync(wrappedKeyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(wrappedKeyPath).includes(Buffer.from(first.toString('hex')))).toBe(false);
    expect(calls).toEqual(['getSelectedStorageBackend', 'isAsyncEncryptionAvailable', 'encryptStringAsync']);
    expect(readdirSync(folder)).toEqual(['kiosk.key.wrapped']);

    const second = await provider.getKey({ mayCreate: false });
    expect(second.equals(first)).toBe(true);
    expect(calls.slice(3)).toEqual(['getSelectedStorageBackend', 'isAsyncEncryptionAvailable', 'decryptStringAsync']);
  });

  it('opens the kiosk database end to end', async () => {
    const folder = await tempFolder();
    const { storage } = fakeSafeStorage();
    const keyProvider = safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath: join(folder, 'kiosk.key.wrapped'), platform: 'win32' });
    const path = join(folder, 'kiosk.db');
    const database = await openKioskDatabase({ path, keyProvider });
    createOutbox(database).enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    database.close();
    const again = await openKioskDatabase({ path, keyProvider });
    expect(createOutbox(again).counts().depth).toBe(1);
    again.close();
  });

  it.each(['basic_text', 'unknown'] as const)("refuses Linux's '%s' backend, which is no encryption, and writes nothing", async (backend) => {
    const folder = await tempFolder();
    const { storage, calls } = fakeSafeStorage({ backend });
    const error = await providerError(safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath: join(folder, 'k'), platform: 'linux' }).getKey({ mayCreate: true }));
    expect(error.code).toBe('key-insecure');
    expect(error.message).toContain('key file');
    expect(calls).toEqual(['getSelectedStorageBackend']);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('does not ask for the Linux backend on Windows', async () => {
    const { storage, calls } = fakeSafeStorage({ backend: 'basic_text' });
    await safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath: join(await tempFolder(), 'k'), platform: 'win32' }).getKey({ mayCreate: true });
    expect(calls).not.toContain('getSelectedStorageBackend');
  });

  it('says when the OS cannot encrypt', async () => {
    const { storage } = fakeSafeStorage({ available: false });
    const error = await providerError(safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath: join(await tempFolder(), 'k'), platform: 'darwin' }).getKey({ mayCreate: true }));
    expect(error.code).toBe('key-unavailable');
  });

  it('never invents a key for an existing database whose wrapped key is missing', async () => {
    const folder = await tempFolder();
    const { storage, calls } = fakeSafeStorage();
    const wrappedKeyPath = join(folder, 'kiosk.key.wrapped');
    const error = await providerError(safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath, platform: 'win32' }).getKey({ mayCreate: false }));
    expect(error.code).toBe('key-unavailable');
    expect(error.message).toContain(wrappedKeyPath);
    expect(calls).not.toContain('encryptStringAsync');
    expect(existsSync(wrappedKeyPath)).toBe(false);
  });

  it("says when another machine's keychain wrapped the key", async () => {
    const folder = await tempFolder();
    const wrappedKeyPath = join(folder, 'kiosk.key.wrapped');
    await safeStorageKeyProvider({ safeStorage: fakeSafeStorage().storage, wrappedKeyPath, platform: 'win32' }).getKey({ mayCreate: true });
    const error = await providerError(safeStorageKeyProvider({ safeStorage: fakeSafeStorage().storage, wrappedKeyPath, platform: 'win32' }).getKey({ mayCreate: false }));
    expect(error.code).toBe('key-unavailable');
    expect(error.message).toContain('keychain');
  });

  it('re-wraps the key when safeStorage asks, keeping the same key', async () => {
    const folder = await tempFolder();
    const wrappedKeyPath = join(folder, 'kiosk.key.wrapped');
    const keychain = randomBytes(32);
    const key = await safeStorageKeyProvider({ safeStorage: fakeSafeStorage({ keychain }).storage, wrappedKeyPath, platform: 'win32' }).getKey({ mayCreate: true });
    const before = readFileSync(wrappedKeyPath);
    const { storage, calls } = fakeSafeStorage({ keychain, shouldReEncrypt: true });
    const again = await safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath, platform: 'win32' }).getKey({ mayCreate: false });
    expect(again.equals(key)).toBe(true);
    expect(calls).toContain('encryptStringAsync');
    expect(readFileSync(wrappedKeyPath).equals(before)).toBe(false);
    expect(readdirSync(folder)).toEqual(['kiosk.key.wrapped']);
  });

  it('refuses a wrapped file that does not hold a key', async () => {
    const folder = await tempFolder();
    const wrappedKeyPath = join(folder, 'kiosk.key.wrapped');
    const { storage } = fakeSafeStorage();
    writeFileSync(wrappedKeyPath, await storage.encryptStringAsync('not a key'));
    const error = await providerError(safeStorageKeyProvider({ safeStorage: storage, wrappedKeyPath, platform: 'win32' }).getKey({ mayCreate: false }));
    expect(error.code).toBe('key-invalid');
  });
});
