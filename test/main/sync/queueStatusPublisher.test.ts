import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { QueueStatus } from '../../../main/sync/queueStatus.ts';
import { QueueStatusPublisher } from '../../../main/sync/queueStatusPublisher.ts';
import { captureLogs } from '../store/storeFixtures.ts';

const logs = captureLogs();

function status(depth: number): QueueStatus {
  return { depth, oldestWaitingSeconds: null, lastSuccessAt: null, deadLetterCount: 0, online: true, council: 'answering', storageFull: false };
}

describe('QueueStatusPublisher', () => {
  it('starts a listener with the current status, then publishes changes once per throttle, never a repeat', async () => {
    let depth = 1;
    const publisher = new QueueStatusPublisher(() => status(depth), 10);
    const seen: number[] = [];
    publisher.subscribe((s) => seen.push(s.depth));
    publisher.schedule();
    await sleep(30);
    depth = 2;
    publisher.schedule();
    publisher.schedule();
    await sleep(30);
    expect(seen).toEqual([1, 2]);
    publisher.stop();
  });

  it('logs and skips a snapshot it cannot read, and publishes nothing after stop', async () => {
    let fail = false;
    const publisher = new QueueStatusPublisher(() => {
      if (fail) throw new Error('disk I/O error');
      return status(1);
    }, 5);
    const seen: QueueStatus[] = [];
    publisher.subscribe((s) => seen.push(s));
    fail = true;
    publisher.schedule();
    await sleep(20);
    expect(logs.some((line) => (JSON.parse(line) as { event?: unknown }).event === 'sync.status_failed')).toBe(true);
    fail = false;
    publisher.stop();
    publisher.schedule();
    await sleep(20);
    expect(seen).toHaveLength(1);
  });
});
