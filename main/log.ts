/**
 * Structured operational log for IT: one JSON line per event on stderr.
 *
 * Residents' data is special-category data and must never reach a log. So a log line carries an
 * event name and a few fields that are numbers, booleans or short machine codes; strings are
 * limited to identifier-like values (channel names, error codes, paths chosen by IT).
 */
export type LogFields = Record<string, string | number | boolean | null>;

const SAFE_STRING = /^[\w.:/@+-]{0,200}$/;

/** Where log lines go; tests pass their own to read them. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(line + '\n');

/** Replaces the log sink; returns the previous one. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** Writes one log line. A string field that is not identifier-like is replaced with `[redacted]`. */
export function logEvent(event: string, fields: LogFields = {}): void {
  const safe: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    safe[key] = typeof value === 'string' && !SAFE_STRING.test(value) ? '[redacted]' : value;
  }
  sink(JSON.stringify({ time: new Date().toISOString(), event, ...safe }));
}
