import { afterEach, beforeEach } from 'vitest';
import { setLogSink } from '../../../main/log.ts';
import type { LogSink } from '../../../main/log.ts';

// Electron cannot start on the build machines: its objects are stood in for by event emitters
// that record what the kiosk does to them, typed from Electron's own declarations.

/** An Electron event whose default can be prevented. */
export function preventable(): { prevented: boolean; preventDefault(): void } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** The log lines written during each test of the calling file. */
export function capturedLog(): { event: string; [field: string]: unknown }[] {
  const logged: { event: string; [field: string]: unknown }[] = [];
  let previous: LogSink;
  beforeEach(() => {
    logged.length = 0;
    previous = setLogSink((line) => logged.push(JSON.parse(line) as { event: string }));
  });
  afterEach(() => setLogSink(previous));
  return logged;
}
