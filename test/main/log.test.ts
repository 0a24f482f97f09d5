import { describe, expect, it } from 'vitest';
import { logEvent, setLogSink } from '../../main/log.ts';

describe('operational log', () => {
  it('writes one JSON line and redacts strings that are not identifier-like', () => {
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      logEvent('test.event', { channel: 'invite:check-format', count: 3, ok: true, email: 'Jane Doe <jane@example.org>' });
    } finally {
      setLogSink(previous);
    }
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ event: 'test.event', channel: 'invite:check-format', count: 3, ok: true, email: '[redacted]' });
    expect(lines[0]).not.toContain('Jane');
  });
});
