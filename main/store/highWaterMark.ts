import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fdatasyncSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { logEvent } from '../log.ts';

/**
 * The kiosk's record of how far its database has got, kept in a small file beside the database
 * (`kiosk.db.high-water`), outside SQLite's own files, so that losing or damaging the database or
 * its write-ahead log cannot take the record with it:
 *
 * - `databaseId` is the database's own device id (`kiosk_meta.device_id`, made with the file): a
 *   different database (an empty one made afresh, another kiosk's file) does not match it;
 * - `outboxSequence` is the highest outbox sequence number the database has committed. Sequence
 *   numbers are never reused (AUTOINCREMENT), so a database that holds less than this has lost
 *   setups (a deleted, emptied or older file, a write-ahead log cut short or damaged).
 *
 * The record is written only after the database has committed (so the database is always at or
 * ahead of it, even after a crash between the two), only ever moves forward, and is never taken
 * from the database at start-up: a database that has gone back in time cannot pull the record back
 * with it. It is authenticated with a key derived from the database key (HMAC-SHA256), so it
 * cannot be edited or copied from another kiosk without the key.
 *
 * The file holds two fixed-size slots, written alternately in place: an update needs no new disk
 * space (it works on a full disk) and a torn write spoils at most the slot being written, leaving
 * the other, older one (the database is ahead of it too). An update is flushed (`fdatasync`) at
 * most a second later, not at once: the database's own commit has already been flushed, so the
 * record can never get ahead of it; a killed process loses nothing (the operating system holds the
 * write); a power cut can leave the record up to a second behind, which only narrows what it
 * detects. Flushing every update halved the outbox's durable enqueue rate (`npm run bench`).
 */
export interface HighWaterMark {
  databaseId: string;
  outboxSequence: number;
}

/** What reading the record found. */
export type HighWaterReading =
  | { state: 'absent' }
  | { state: 'invalid' }
  | { state: 'valid'; mark: HighWaterMark; generation: number };

/** Where the record of a database file is kept. */
export function highWaterPathFor(databasePath: string): string {
  return `${databasePath}.high-water`;
}

/** The record's MAC key, derived from the database key (the database key itself is never reused). */
export function highWaterKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'council-access-kiosk high-water mark v1', 32));
}

const MAGIC = Buffer.from('CAKHWM01', 'latin1');
const ID_BYTES = 40;
const MAC_BYTES = 32;
const BODY_BYTES = MAGIC.length + 8 + 8 + ID_BYTES;
const SLOT_BYTES = 128;
/** How long an update may wait before it is flushed to disk. */
const FLUSH_DELAY_MS = 1_000;

function encodeSlot(mark: HighWaterMark, generation: number, macKey: Buffer): Buffer {
  const slot = Buffer.alloc(SLOT_BYTES);
  MAGIC.copy(slot, 0);
  slot.writeBigUInt64BE(BigInt(generation), MAGIC.length);
  slot.writeBigUInt64BE(BigInt(mark.outboxSequence), MAGIC.length + 8);
  slot.write(mark.databaseId, MAGIC.length + 16, ID_BYTES, 'latin1');
  createHmac('sha256', macKey).update(slot.subarray(0, BODY_BYTES)).digest().copy(slot, BODY_BYTES);
  return slot;
}

function decodeSlot(slot: Buffer, macKey: Buffer): { mark: HighWaterMark; generation: number } | undefined {
  if (slot.length !== SLOT_BYTES || !slot.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const mac = createHmac('sha256', macKey).update(slot.subarray(0, BODY_BYTES)).digest();
  if (!timingSafeEqual(mac, slot.subarray(BODY_BYTES, BODY_BYTES + MAC_BYTES))) return undefined;
  const id = slot.subarray(MAGIC.length + 16, BODY_BYTES).toString('latin1').replace(/\0+$/, '');
  return {
    generation: Number(slot.readBigUInt64BE(MAGIC.length)),
    mark: { databaseId: id, outboxSequence: Number(slot.readBigUInt64BE(MAGIC.length + 8)) },
  };
}

/** Reads and verifies the record: the newest valid slot, `invalid` if the file holds none. */
export function readHighWaterMark(path: string, macKey: Buffer): HighWaterReading {
  if (!existsSync(path)) return { state: 'absent' };
  const bytes = readFileSync(path);
  let best: { mark: HighWaterMark; generation: number } | undefined;
  for (let offset = 0; offset + SLOT_BYTES <= bytes.length; offset += SLOT_BYTES) {
    const slot = decodeSlot(bytes.subarray(offset, offset + SLOT_BYTES), macKey);
    if (slot !== undefined && (best === undefined || slot.generation > best.generation)) best = slot;
  }
  return best === undefined ? { state: 'invalid' } : { state: 'valid', ...best };
}

/** Keeps the record up to date while the database is open. */
export interface HighWaterRecorder {
  /** The mark last written. */
  readonly mark: HighWaterMark;
  /** Moves the record forward to `outboxSequence` (never back); flushed within `FLUSH_DELAY_MS`. */
  advance(outboxSequence: number): void;
  close(): void;
}

/**
 * Writes a new record (both slots, the second empty) to a temporary name, flushes it and renames
 * it into place, then flushes the folder: the record appears whole or not at all. Never replaces
 * an existing record with a lower mark: the caller only does this when there is none.
 */
export function createHighWaterMark(path: string, mark: HighWaterMark, macKey: Buffer): HighWaterRecorder {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, Buffer.concat([encodeSlot(mark, 1, macKey), Buffer.alloc(SLOT_BYTES)]));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
  return openHighWaterMark(path, mark, 1, macKey);
}

/** Opens an existing, verified record for updates in place. */
export function openHighWaterMark(path: string, mark: HighWaterMark, generation: number, macKey: Buffer): HighWaterRecorder {
  const fd = openSync(path, 'r+');
  let current = mark;
  let written = generation;
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    fdatasyncSync(fd);
  };
  return {
    get mark() {
      return current;
    },
    advance(outboxSequence) {
      if (outboxSequence <= current.outboxSequence) return;
      const next = { databaseId: current.databaseId, outboxSequence };
      written += 1;
      // Generation 1 is in the first slot, 2 in the second, 3 in the first again: the slot written
      // is never the one holding the newest valid record.
      writeSync(fd, encodeSlot(next, written, macKey), 0, SLOT_BYTES, ((written + 1) % 2) * SLOT_BYTES);
      current = next;
      flushTimer ??= setTimeout(() => {
        try {
          flush();
        } catch (error) {
          logEvent('store.high_water_failed', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
        }
      }, FLUSH_DELAY_MS).unref();
    },
    close() {
      if (flushTimer !== undefined) flush();
      closeSync(fd);
    },
  };
}

function syncFolder(folder: string): void {
  // Windows cannot open a folder for flushing; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
