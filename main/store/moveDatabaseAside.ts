import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { logEvent } from '../log.ts';

/** Where `moveUnreadableDatabaseAside` put the files. */
export interface MovedDatabase {
  /** Every file moved, as `[from, to]` (the database, its `-wal`/`-shm` and high-water record if present). */
  moved: Array<[string, string]>;
}

/**
 * Renames the database, its write-ahead log and the kiosk's high-water record (`highWaterMark.ts`)
 * to `NAME.unreadable-YYYYMMDDTHHMMSSZ…` beside them, so the kiosk can start with a new, empty
 * queue while the old files are kept, together, for recovery with the right key or for the
 * council's records. Nothing is deleted; an existing target name is an error (`EEXIST`), not an
 * overwrite. Called only on IT's explicit request, never by the kiosk on its own.
 */
export async function moveUnreadableDatabaseAside(path: string, now: Date = new Date()): Promise<MovedDatabase> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const target = `${path}.unreadable-${stamp}`;
  const moved: Array<[string, string]> = [];
  for (const suffix of ['', '-wal', '-shm', '.high-water']) {
    if (!existsSync(`${path}${suffix}`)) continue;
    if (existsSync(`${target}${suffix}`)) {
      throw Object.assign(new Error(`Cannot move ${path}${suffix} aside: ${target}${suffix} already exists`), { code: 'EEXIST' });
    }
    moved.push([`${path}${suffix}`, `${target}${suffix}`]);
  }
  for (const [from, to] of moved) await rename(from, to);
  logEvent('store.moved_aside', { files: moved.length, path: target });
  return { moved };
}
