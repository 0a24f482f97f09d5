import type { KioskTransport } from '../../shared/kioskApi/kioskClient.ts';

/**
 * The web host's transport: calls are `POST /api/call/<channel>`; events arrive over one
 * server-sent-events stream, shared by all listeners. Both are admitted by the kiosk cookie the
 * web host set when the browser opened the printed address (HttpOnly: this page never sees it).
 */
export function createHttpTransport(): KioskTransport {
  let source: EventSource | undefined;
  const eventSource = (): EventSource => {
    source ??= new EventSource('/api/events');
    return source;
  };
  return {
    async invoke(channel, input) {
      const response = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
        credentials: 'same-origin',
      });
      return (await response.json()) as unknown;
    },
    subscribe(channel, listener) {
      const handler = (message: MessageEvent<string>): void => {
        try {
          listener(JSON.parse(message.data));
        } catch {
          // A malformed event is dropped; the client's schema check would refuse it anyway.
        }
      };
      eventSource().addEventListener(channel, handler);
      return () => eventSource().removeEventListener(channel, handler);
    },
  };
}
