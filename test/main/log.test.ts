import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLogFile, logEvent, openLogFile, setLogSink } from '../../main/log.ts';
import { checkLogFields, logEventCatalogue } from '../../main/logEventCatalogue.ts';
import type { LogEventName } from '../../main/logEventCatalogue.ts';
import { personalDataShape } from '../../main/logFieldKinds.ts';

function captured(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const previous = setLogSink((line) => lines.push(line));
  try {
    run();
  } finally {
    setLogSink(previous);
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

// What residents type or are sent, in the shapes the kiosk handles.
const residentValues = [
  'jane.doe@example.org',
  'Jane Doe <jane@example.org>',
  '+447700900123',
  '07700 900123',
  '07700-900-123',
  '01603 223344',
  '123456',
  'code123456',
  'K7QM-3XPD-9WT8',
  'k7qm3xpd9wt8',
  'Norfolk Training 1',
];

/** Calls `logEvent` with a value the compiler would refuse, as a careless call site might at run time. */
function logUnchecked(event: string, fields: Record<string, unknown>): void {
  (logEvent as (event: string, fields: Record<string, unknown>) => void)(event, fields);
}

describe('operational log allow-list', () => {
  it('writes one JSON line per catalogued event with the device name, version, level and time', () => {
    const [entry] = captured(() => logEvent('kiosk_api.bad_output', { channel: 'invite:check-format' }));
    expect(entry).toMatchObject({ event: 'kiosk_api.bad_output', channel: 'invite:check-format', level: 'info', version: '0.1.0' });
    expect(typeof entry?.device).toBe('string');
    expect(Number.isNaN(Date.parse(String(entry?.time)))).toBe(false);
  });

  it.each(residentValues)('refuses %j in every string field of every event, naming the field but never the value', (value) => {
    for (const [event, shape] of Object.entries(logEventCatalogue)) {
      for (const field of Object.keys(shape)) {
        const lines = captured(() => logUnchecked(event, { [field]: value }));
        expect(lines).toHaveLength(1);
        expect(JSON.stringify(lines)).not.toContain(value);
        expect(lines[0]?.refused, `${event}.${field}`).toContain(field);
        expect(lines[0]?.level).toBe('warn');
      }
    }
  });

  it('refuses generated e-mail addresses, phone numbers and codes in machine names, origins and paths', () => {
    const personal = fc.oneof(
      fc.emailAddress(),
      fc.stringMatching(/^\+44 ?7\d{3} ?\d{6}$/),
      fc.stringMatching(/^0\d{4} ?\d{6}$/),
      fc.stringMatching(/^[a-z]{0,6}\d{6}$/),
      fc.stringMatching(/^[2-9A-HJ-NP-Z]{3}[2-9][2-9A-HJ-NP-Z]{7}[A-HJ-NP-Z]$/).map((code) => code.match(/.{4}/g)?.join('-') ?? code),
    );
    fc.assert(
      fc.property(personal, (value) => {
        for (const [event, field] of [
          ['kiosk_api.handler_failed', 'error'],
          ['electron.navigation_denied', 'origin'],
          ['store.moved_aside', 'path'],
        ] as const) {
          const checked = checkLogFields(event, { [field]: value });
          expect(checked.refused).toContain(field);
          expect(JSON.stringify(checked.fields)).not.toContain(value);
        }
      }),
    );
  });

  it('refuses fields an event does not declare, and events that are not catalogued', () => {
    const [undeclared] = captured(() => logUnchecked('sync.offline', { source: 'os', email: 'jane@example.org' }));
    expect(undeclared).toMatchObject({ event: 'sync.offline', source: 'os', refused: ['email'] });
    expect(JSON.stringify(undeclared)).not.toContain('jane');
    const [unknown] = captured(() => logUnchecked('resident.jane@example.org', { note: 'x' }));
    expect(unknown).toMatchObject({ event: 'log.unknown_event', refused: ['note'] });
    expect(JSON.stringify(unknown)).not.toContain('jane');
  });

  it('keeps the machine values IT needs', () => {
    const lines = captured(() => {
      logEvent('registration.council_error', { operation: 'confirmInvite', code: 'invite_not_found', status: 404 });
      logEvent('sync.pump_failed', { code: 'SQLITE_IOERR_SHORT_READ' });
      logEvent('electron.navigation_denied', { origin: 'https://127.0.0.1:8443' });
      logEvent('store.moved_aside', { files: 2, path: '/var/lib/council-access-kiosk/kiosk.db.unreadable-20261130T120000Z' });
      logEvent('sync.watchdog_stalled', { sequence: 12, session: 'mi4x9k2a-3' });
    });
    expect(lines.map((line) => line.refused)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(lines[0]).toMatchObject({ operation: 'confirmInvite', code: 'invite_not_found', status: 404 });
  });

  it('names the shape of what it refuses', () => {
    expect(personalDataShape('jane@example.org')).toMatch(/e-mail/);
    expect(personalDataShape('+447700900123')).toMatch(/phone/);
    expect(personalDataShape('123456')).toMatch(/code/);
    expect(personalDataShape('K7QM-3XPD-9WT8')).toMatch(/invite code/);
    expect(personalDataShape('SQLITE_CORRUPT')).toBeUndefined();
    expect(personalDataShape('KioskCallError')).toBeUndefined();
  });
});

describe('log file', () => {
  let folder: string | undefined;
  afterEach(async () => {
    await closeLogFile();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it('writes JSON lines with the device name and version into a rotating, size-capped set of files', async () => {
    folder = await mkdtemp(join(tmpdir(), 'kiosk-log-'));
    const previous = setLogSink(() => {});
    try {
      await openLogFile({ folder, deviceName: 'library-kiosk-3', maxFileBytes: 4096, files: 3 });
      for (let sequence = 0; sequence < 400; sequence++) {
        logEvent('outbox.dead_lettered', { sequence, code: 'invite_not_found', status: 404 });
        // Let the file stream drain now and then, as a running kiosk does between events.
        if (sequence % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await closeLogFile();
      setLogSink(previous);
    }
    const names = (await readdir(folder)).sort();
    expect(names.length).toBeGreaterThan(1);
    expect(names.length).toBeLessThanOrEqual(3);
    for (const name of names) {
      expect(name).toMatch(/^kiosk\.\d+\.jsonl$/);
      // A file is closed at the first line past the cap, so it ends at most one line over it.
      expect((await stat(join(folder, name))).size).toBeLessThan(4096 + 300);
      for (const line of (await readFile(join(folder, name), 'utf8')).split('\n').filter(Boolean)) {
        expect(JSON.parse(line)).toMatchObject({ device: 'library-kiosk-3', version: '0.1.0' });
      }
    }
    // The newest lines are kept and the oldest files were removed to stay under the cap.
    const all = (await Promise.all(names.map((name) => readFile(join(folder ?? '', name), 'utf8')))).join('');
    expect(all).toContain('"sequence":399,');
    expect(all).not.toContain('"sequence":0,');
  });
});

// Keeps the catalogue's event names usable as a type in this file (and checked by the compiler).
// Exported so it counts as used; nothing imports it.
export const sample: LogEventName = 'sync.stopped';
