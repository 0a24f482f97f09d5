import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explicitKeyProvider, keyFileProvider, provisionKeyFile } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { KeyProviderError } from '../../../main/store/storeErrors.ts';
import { accountSetupPayload, captureLogs, sessionId, tempFolder } from './storeFixtures.ts';

captureLogs();

async function keyError(promise: Promise<unknown>): Promise<KeyProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyProviderError);
  return error as KeyProviderError;
}

describe('explicit key', () => {
  it('must be 32 bytes', () => {
    expect(() => explicitKeyProvider(randomBytes(16))).toThrow(KeyProviderError);
  });

  it('hands out a copy, so zeroing what it returned does not change the key', async () => {
    const key = randomBytes(32);
    const provider = explicitKeyProvider(key);
    (await provider.getKey({ mayCreate: false })).fill(0);
    expect((await provider.getKey({ mayCreate: false })).equals(key)).toBe(true);
  });
});

describe('key file provisioned by IT', () => {
  it('provisionKeyFile writes 32 random bytes as hex, mode 0600, and the kiosk opens with it', async () => {
    const folder = await tempFolder();
    const keyPath = join(folder, 'kiosk.key');
    await provisionKeyFile(keyPath);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyPath, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);

    const path = join(folder, 'kiosk.db');
    const database = await openKioskDatabase({ path, keyProvider: keyFileProvider(keyPath) });
    createOutbox(database).enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    database.close();
    const again = await openKioskDatabase({ path, keyProvider: keyFileProvider(keyPath) });
    expect(createOutbox(again).counts().depth).toBe(1);
    again.close();
  });

  it('provisionKeyFile never replaces an existing key file', async () => {
    const keyPath = join(await tempFolder(), 'kiosk.key');
    await provisionKeyFile(keyPath);
    const first = readFileSync(keyPath, 'utf8');
    const error = await keyError(provisionKeyFile(keyPath));
    expect(error.message).toContain('EEXIST');
    expect(readFileSync(keyPath, 'utf8')).toBe(first);
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a key file other users can read (mode %s)', async (mode) => {
    const keyPath = join(await tempFolder(), 'kiosk.key');
    await provisionKeyFile(keyPath);
    chmodSync(keyPath, mode);
    const error = await keyError(keyFileProvider(keyPath, 'linux').getKey({ mayCreate: true }));
    expect(error.code).toBe('key-insecure');
    expect(error.path).toBe(keyPath);
    expect(error.message).toContain('chmod 600');
  });

  it('skips the mode check on Windows, where modes say nothing about ACLs', async () => {
    const keyPath = join(await tempFolder(), 'kiosk.key');
    writeFileSync(keyPath, randomBytes(32).toString('hex') + '\r\n', { mode: 0o644 });
    chmodSync(keyPath, 0o644);
    expect((await keyFileProvider(keyPath, 'win32').getKey({ mayCreate: true })).length).toBe(32);
  });

  it.each([
    ['empty', ''],
    ['too short', 'abcd\n'],
    ['not hex', 'z'.repeat(64)],
    ['two keys', `${'a'.repeat(64)}\n${'b'.repeat(64)}\n`],
  ])('refuses a malformed key file (%s) without echoing it', async (_label, content) => {
    const keyPath = join(await tempFolder(), 'kiosk.key');
    writeFileSync(keyPath, content, { mode: 0o600 });
    const error = await keyError(keyFileProvider(keyPath).getKey({ mayCreate: true }));
    expect(error.code).toBe('key-invalid');
    if (content.length > 8) expect(error.message).not.toContain(content.trim().slice(0, 20));
  });

  it('says when the key file is missing', async () => {
    const keyPath = join(await tempFolder(), 'absent.key');
    const error = await keyError(keyFileProvider(keyPath).getKey({ mayCreate: true }));
    expect(error.code).toBe('key-unavailable');
    expect(error.message).toContain('ENOENT');
  });
});
