import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { highWaterKey, readHighWaterMark } from '../../../main/store/highWaterMark.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { DatabaseRolledBackError } from '../../../main/store/storeErrors.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from './storeFixtures.ts';

// The kiosk's high-water record beside its database: what it holds, that it only moves forward,
// and that a database which no longer matches it is refused.

captureLogs();

async function databaseWith(setups: number) {
  const opened = await openTempDatabase();
  const outbox = createOutbox(opened.database);
  for (let i = 0; i < setups; i++) outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
  return { ...opened, outbox };
}

function recordOf(path: string, key: Buffer) {
  return readHighWaterMark(`${path}.high-water`, highWaterKey(key));
}

async function refusal(path: string, key: Buffer): Promise<DatabaseRolledBackError> {
  const error = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) }).then(
    (database) => {
      database.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseRolledBackError);
  return error as DatabaseRolledBackError;
}

function raw(path: string, key: Buffer): Database.Database {
  const db = new Database(path);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  return db;
}

describe("the kiosk's high-water record", () => {
  it('is made with the database and follows every setup queued, bound to the database id', async () => {
    const { database, path, key, outbox } = await databaseWith(0);
    expect(recordOf(path, key)).toMatchObject({ state: 'valid', mark: { databaseId: outbox.deviceId, outboxSequence: 0 } });
    for (let i = 1; i <= 3; i++) {
      outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
      expect(recordOf(path, key)).toMatchObject({ state: 'valid', mark: { outboxSequence: i } });
    }
    database.close();
  });

  it('cannot be read or forged without the database key', async () => {
    const { database, path } = await databaseWith(1);
    database.close();
    expect(recordOf(path, randomBytes(32))).toEqual({ state: 'invalid' });
  });

  it('keeps the older slot when the newest one is torn, and the database (ahead of it) still opens', async () => {
    const { database, path, key } = await databaseWith(3);
    database.close();
    const bytes = readFileSync(`${path}.high-water`);
    const newest = recordOf(path, key);
    expect(newest.state === 'valid' && newest.generation).toBeGreaterThan(1);
    const torn = newest.state === 'valid' ? ((newest.generation + 1) % 2) * 128 : 0;
    bytes.fill(0xff, torn + 20, torn + 128);
    writeFileSync(`${path}.high-water`, bytes);
    expect(recordOf(path, key)).toMatchObject({ state: 'valid', mark: { outboxSequence: 2 } });
    const again = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) });
    expect(recordOf(path, key)).toMatchObject({ state: 'valid', mark: { outboxSequence: 3 } });
    again.close();
  });

  it('refuses a database when its record is missing, tampered with, or belongs to another database', async () => {
    const { database, path, key } = await databaseWith(2);
    database.close();
    const record = readFileSync(`${path}.high-water`);

    rmSync(`${path}.high-water`);
    expect((await refusal(path, key)).finding).toEqual({ kind: 'record-missing' });

    const tampered = Buffer.from(record);
    for (const slot of [0, 128]) tampered[slot + 20] = (tampered[slot + 20] ?? 0) ^ 1;
    writeFileSync(`${path}.high-water`, tampered);
    expect((await refusal(path, key)).finding).toEqual({ kind: 'record-invalid' });

    const otherKiosk = await openTempDatabase();
    otherKiosk.database.close();
    writeFileSync(`${path}.high-water`, readFileSync(`${otherKiosk.path}.high-water`));
    expect((await refusal(path, key)).finding).toEqual({ kind: 'record-invalid' });

    // A new database made with the same key (as the kiosk used to do on its own) is not this one.
    writeFileSync(`${path}.high-water`, record);
    const fresh = await openTempDatabase({ key });
    fresh.database.close();
    writeFileSync(path, readFileSync(fresh.path));
    expect((await refusal(path, key)).finding).toEqual({ kind: 'other-database' });
  });

  it('is made for a database from before records were kept, which then relies on it', async () => {
    const { database, path, key } = await databaseWith(2);
    database.close();
    rmSync(`${path}.high-water`);
    const legacy = raw(path, key);
    legacy.prepare("DELETE FROM kiosk_meta WHERE name = 'high_water_record'").run();
    legacy.close();

    const upgraded = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) });
    expect(createOutbox(upgraded).counts().depth).toBe(2);
    upgraded.close();
    expect(recordOf(path, key)).toMatchObject({ state: 'valid', mark: { outboxSequence: 2 } });
    rmSync(`${path}.high-water`);
    expect((await refusal(path, key)).finding).toEqual({ kind: 'record-missing' });
  });

  it('an older copy of the database put back is refused, whatever the copy says about itself', async () => {
    const { database, path, key, outbox } = await databaseWith(1);
    database.connection.pragma('wal_checkpoint(TRUNCATE)');
    const older = readFileSync(path);
    outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() });
    database.close();
    writeFileSync(path, older);
    expect((await refusal(path, key)).finding).toEqual({ kind: 'older', recordedSequence: 2, foundSequence: 1 });
  });
});
