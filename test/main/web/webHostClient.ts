import type { WebHost } from '../../../main/web/webHost.ts';

/** One server-sent event as a page receives it. */
export interface StreamEvent {
  channel: string;
  data: string;
  /** When it arrived (performance.now()). */
  at: number;
}

/** An open `/api/events` stream with a page's cookie, collecting every event it receives. */
export interface EventStream {
  events: StreamEvent[];
  /** Waits until an event matching `match` arrives after index `from`; returns it. */
  next(match: (event: StreamEvent) => boolean, from?: number, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

/** Trades a printed one-time address for its cookie (`name=value`), as a browser does. */
export async function cookieFor(host: WebHost, address: string): Promise<string> {
  const response = await fetch(new URL(new URL(address).pathname + new URL(address).search, host.origin), { redirect: 'manual' });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (cookie === undefined) throw new Error(`No cookie for ${new URL(address).search.split('=')[0] ?? ''}`);
  return cookie;
}

/** Where a page with this cookie calls: the staff page under `/staff`, as its browser would (its cookie's path). */
export function apiBase(cookie: string): string {
  return cookie.startsWith('kiosk-staff=') ? '/staff' : '';
}

/** One kiosk API call over HTTP with a page's cookie: the `{ ok, value | error }` envelope. */
export async function httpCall(host: WebHost, cookie: string, channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const response = await fetch(`${host.origin}${apiBase(cookie)}/api/call/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

/** Opens the event stream as the page with `cookie` does. */
export async function openEventStream(host: WebHost, cookie: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${host.origin}${apiBase(cookie)}/api/events`, { signal: controller.signal, headers: { Cookie: cookie } });
  if (response.status !== 200) throw new Error(`The event stream answered ${response.status}`);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const channel = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (channel !== undefined && data !== undefined) events.push({ channel, data, at: performance.now() });
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    async next(match, from = 0, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error('No such event on the stream');
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, 50);
          waiters.add(wake);
        });
      }
    },
    close: () => controller.abort(),
  };
}
