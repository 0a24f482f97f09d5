import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { RollingFile } from 'pino-roll';
import { findPackageRoot } from './appPaths.ts';
import { checkLogFields } from './logEventCatalogue.ts';
import type { LogEventFields, LogEventName } from './logEventCatalogue.ts';

/**
 * Structured operational log for IT: one JSON line per event, on stderr and, once IT's log folder
 * is configured, in a rotating, size-capped `kiosk.N.jsonl` file there. Every line carries the
 * kiosk's device name and version, so lines collected from fifty sites stay attributable.
 *
 * Written with pino (JSON lines by design, a stable field order, tiny and synchronous to call)
 * and pino-roll for the size-capped rotation; pino-roll runs in this thread, not as a pino worker
 * transport, which Electron's asar packaging cannot load.
 *
 * Residents' data is special-category data and must never reach a log. Only catalogued events
 * with declared fields are written (`logEventCatalogue.ts`); a field that does not fit its kind
 * is left out and named in `refused`, its value never written.
 */

/** Where log lines go besides the file; tests pass their own to read them. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(line + '\n');
let file: RollingFile | undefined;

const destination = {
  write(chunk: string): void {
    sink(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk);
    file?.write(chunk);
  },
};

function kioskVersion(): string {
  try {
    const { version } = JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function createLogger(device: string, version: string): Logger {
  return pino(
    {
      base: { device, version },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

let logger = createLogger(hostname(), kioskVersion());

/** Replaces the log sink; returns the previous one. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** Where and how IT wants the log file, and who this kiosk is. */
export interface LogFileOptions {
  /** The kiosk's device name (default: the host name). */
  deviceName?: string;
  /** The folder for `kiosk.N.jsonl`; created if missing. */
  folder: string;
  /** Size at which the current file is closed and a new one begun. */
  maxFileBytes: number;
  /** How many files are kept in all (the current one included); older ones are removed. */
  files: number;
}

/**
 * Starts writing the log to a rotating file in IT's folder as well, and names this kiosk on every
 * line. At most `files` files of about `maxFileBytes` each stay in the folder.
 */
export async function openLogFile(options: LogFileOptions): Promise<void> {
  await closeLogFile();
  logger = createLogger(options.deviceName ?? hostname(), kioskVersion());
  // Loaded only when a log file is wanted: the admin commands and tests start faster without it.
  const { default: buildRollingFile } = await import('pino-roll');
  file = await buildRollingFile({
    // pino-roll takes the extension from the file name (its `extension` option is not applied).
    file: join(options.folder, 'kiosk.jsonl'),
    size: `${Math.max(1, Math.floor(options.maxFileBytes / 1024))}k`,
    limit: { count: Math.max(1, options.files - 1), removeOtherLogFiles: true },
    mkdir: true,
    // Written synchronously: a few lines a minute, each on disk before a crash can lose it, and
    // the file is closed at the first line past the cap rather than after a buffer's worth.
    sync: true,
  });
  logEvent('log.file_opened', { folder: options.folder, maxBytes: options.maxFileBytes, files: options.files });
}

/** Flushes and closes the log file (lines then go to the sink only). */
export async function closeLogFile(): Promise<void> {
  const closing = file;
  file = undefined;
  if (closing === undefined) return;
  await new Promise<void>((resolve) => {
    closing.once('close', () => resolve());
    closing.end();
  });
}

/** The fields argument: optional for events that declare no required field. */
type FieldsArgument<E extends LogEventName> = Record<string, never> extends LogEventFields<E> ? [fields?: LogEventFields<E>] : [fields: LogEventFields<E>];

/**
 * Writes one log line for a catalogued event. Fields that are not declared for the event, or do
 * not fit their declared kind (an e-mail address, a phone number or a code where a machine name
 * belongs), are refused: left out, and their names listed in `refused` at level `warn`.
 */
export function logEvent<E extends LogEventName>(event: E, ...[fields]: FieldsArgument<E>): void {
  const checked = checkLogFields(event, (fields ?? {}));
  if (!checked.known) {
    logger.warn({ event: 'log.unknown_event', refused: checked.refused });
    return;
  }
  if (checked.refused.length > 0) logger.warn({ event, ...checked.fields, refused: checked.refused });
  else logger.info({ event, ...checked.fields });
}
