import { open, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { cleanDeviceName } from '../../shared/councilApi/deviceName.ts';
import { CouncilClient } from '../council/councilClient.ts';
import { keyFileProvider } from '../store/databaseKey.ts';
import { openKioskDatabase } from '../store/kioskDatabase.ts';
import { moveDatabaseAsideIfUnopenable } from '../store/moveDatabaseAside.ts';
import { createOutbox } from '../store/outbox.ts';
import type { Outbox } from '../store/outbox.ts';

/** Where an admin command finds the kiosk's database. */
export interface DatabaseLocation {
  databasePath: string;
  keyFile: string;
}

/**
 * Enrols this kiosk with the council API using the one-time token IT was given, and writes the
 * device credential to `outFile`, mode 0600. The file is created first, exclusively: an existing
 * file (a credential in use) or an unwritable folder stops here, before the council is called,
 * so a mistake cannot burn the token. If the council refuses, the empty file is removed again.
 * Returns the device id the council assigned.
 */
export async function enrolDevice(options: { councilApi: string; enrolmentToken: string; outFile: string; deviceName?: string }): Promise<string> {
  const client = new CouncilClient({ baseUrl: new URL(options.councilApi).href });
  const deviceName = cleanDeviceName(options.deviceName ?? hostname());
  let file;
  try {
    file = await open(options.outFile, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new Error(
      code === 'EEXIST'
        ? `${options.outFile} already exists (EEXIST): it may hold the credential this kiosk uses. Choose another --out; the token was not used.`
        : `Cannot create ${options.outFile} (${code}); the token was not used.`,
      { cause: error },
    );
  }
  try {
    const enrolment = await client.enrolDevice({ enrolmentToken: options.enrolmentToken, deviceName });
    await file.writeFile(`${enrolment.credential}\n`);
    await file.sync();
    await file.close();
    return enrolment.deviceId;
  } catch (error) {
    await file.close();
    await rm(options.outFile, { force: true });
    throw error;
  }
}

async function withOutbox<T>(location: DatabaseLocation, use: (outbox: Outbox) => T): Promise<T> {
  const database = await openKioskDatabase({ path: location.databasePath, keyProvider: keyFileProvider(location.keyFile) });
  try {
    return use(createOutbox(database));
  } finally {
    database.close();
  }
}

/** What `status` prints: counts and times only, never a payload. */
export interface OutboxReport {
  waiting: number;
  oldestWaitingSince: string | null;
  lastDeliveredAt: string | null;
  deadLetters: number;
  auditLog: string;
}

/** The queue's state and the audit log's integrity, for IT. The kiosk must be stopped (one writer). */
export function outboxStatus(location: DatabaseLocation): Promise<OutboxReport> {
  return withOutbox(location, (outbox) => {
    const counts = outbox.counts();
    const audit = outbox.audit.verify();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      waiting: counts.depth,
      oldestWaitingSince: iso(counts.oldestEnqueuedAt),
      lastDeliveredAt: iso(counts.lastSuccessAt),
      deadLetters: counts.deadLetterCount,
      auditLog: audit.ok ? `intact (${audit.entries} entries)` : `BROKEN at entry ${audit.firstBadId}: ${audit.reason}`,
    };
  });
}

/** The dead letters: sequence, kind, the error's code and reason, attempts and times. No payloads. */
export function deadLetters(location: DatabaseLocation): Promise<string[]> {
  return withOutbox(location, (outbox) =>
    outbox.history.listDeadLetters().map(
      (d) =>
        `#${d.sequence} ${d.kind} ${d.error.code} (${d.error.reason}) after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}, ` +
        `queued ${new Date(d.enqueuedAt).toISOString()}, dead ${new Date(d.deadAt).toISOString()}`,
    ),
  );
}

/**
 * Puts a dead letter back in the queue and says truthfully what will happen (`OutboxHistory.retryDeadLetter`):
 * after a permanent refusal, a new request; otherwise, the same request. `undefined` if there is
 * no such dead letter.
 */
export function retryDead(location: DatabaseLocation, sequence: number): Promise<string | undefined> {
  return withOutbox(location, (outbox) => {
    const retry = outbox.history.retryDeadLetter(sequence, Date.now());
    if (retry === undefined) return undefined;
    const cause = `${retry.error.code}${'status' in retry.error && retry.error.status !== undefined ? ` ${retry.error.status}` : ''}`;
    return retry.newIdempotencyKey
      ? `Dead letter #${sequence} is back in the queue as a new request (new Idempotency-Key): the council refused it (${cause}), ` +
          'so it will succeed only if that cause has been put right at the council; otherwise it will be refused again.'
      : `Dead letter #${sequence} is back in the queue with its own Idempotency-Key (it ended with ${cause}): ` +
          'if the council stored it meanwhile, the council answers with that setup and nothing is duplicated.';
  });
}

/**
 * IT's last resort for a database the kiosk cannot open (lost key, damaged file, gone back in
 * time): renames it, its WAL and its high-water record aside so the kiosk can start afresh, and
 * says why and what the moved file holds. Refuses a healthy database and a running kiosk.
 */
export async function moveAside(location: DatabaseLocation): Promise<string[]> {
  const report = await moveDatabaseAsideIfUnopenable({ path: location.databasePath, keyProvider: keyFileProvider(location.keyFile) });
  return [
    ...report.moved.map(([from, to]) => `${from} -> ${to}`),
    `Why: the kiosk cannot open it (${report.reason.code}).`,
    `The moved database holds: ${report.holds}.`,
  ];
}
