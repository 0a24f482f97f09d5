import type { Page } from '@playwright/test';

// A heap snapshot of a page's JavaScript world, taken over CDP after forced garbage collection:
// what the session-wipe tests search for a resident's values. The DOM and storage being clean is
// not enough; a live object graph still holding a resident's stores is what these find.

/** Every string in a heap snapshot of the page, after garbage collection. */
async function heapStrings(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let round = 0; round < 3; round++) await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return (JSON.parse(chunks.join('')) as { strings: string[] }).strings;
}

/** The values of `secrets` found anywhere in the page's heap (six-digit codes as whole numbers). */
export async function heapTraces(page: Page, secrets: string[]): Promise<string[]> {
  const strings = await heapStrings(page);
  return secrets.filter((secret) => {
    const pattern = /^\d{6}$/.test(secret) ? new RegExp(`(^|\\D)${secret}(\\D|$)`) : undefined;
    return strings.some((s) => (pattern ? pattern.test(s) : s.includes(secret)));
  });
}
