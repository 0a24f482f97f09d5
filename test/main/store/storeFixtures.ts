import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import type { DatabaseCipher, KioskDatabase } from '../../../main/store/kioskDatabase.ts';
import type { OutboxPayload } from '../../../main/store/outboxKinds.ts';
import { setLogSink } from '../../../main/log.ts';

// Real encrypted SQLite files in a fresh temp folder for every call: no mocks of the store.

/** A fresh temp folder for database files. */
export async function tempFolder(prefix = 'kiosk-store-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A new database file (path, key) in a fresh temp folder, opened. */
export async function openTempDatabase(options: { cipher?: DatabaseCipher; key?: Buffer; path?: string } = {}): Promise<{
  database: KioskDatabase;
  path: string;
  key: Buffer;
}> {
  const key = options.key ?? randomBytes(32);
  const path = options.path ?? join(await tempFolder(), 'kiosk.db');
  const database = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key), ...(options.cipher ? { cipher: options.cipher } : {}) });
  return { database, path, key };
}

/** A valid account-setup payload, as the kiosk would queue it (fake identifiers, no real person). */
export function accountSetupPayload(overrides: Partial<OutboxPayload> = {}): OutboxPayload {
  return {
    setupGrant: `grant_${randomBytes(12).toString('hex')}`,
    serviceId: 'social-care',
    recordIds: ['rec-1001'],
    consent: { version: '2024-06', statementIds: ['share-records', 'privacy-policy'], givenAt: '2026-01-05T10:15:00.000Z' },
    ...overrides,
  };
}

/** A new registration session id. */
export function sessionId(): string {
  return randomUUID();
}

/**
 * Collects the structured log lines written from now on (instead of printing them), so a test can
 * assert what reached the log, and that no personal data did.
 */
export function captureLogs(): string[] {
  const lines: string[] = [];
  setLogSink((line) => lines.push(line));
  return lines;
}
