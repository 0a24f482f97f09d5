import type { KioskTransport } from '../../shared/kioskApi/kioskClient.ts';

/** Where the web host serves the staff page; its cookie is sent only below it. */
const STAFF_AREA = '/staff';

/**
 * The web host's transport: calls are `POST /api/call/<channel>`; events arrive over one
 * server-sent-events stream, shared by all listeners. Both are admitted by the cookie the web
 * host set when the browser opened the printed address (HttpOnly: this page never sees it). The
 * staff page, served at `/staff/`, uses `/staff/api/…`, where only the staff cookie admits; which
 * role that is, the web host decides from the cookie, not from this address.
 */
export function createHttpTransport(pathname: string = window.location.pathname): KioskTransport {
  const base = pathname === STAFF_AREA || pathname.startsWith(`${STAFF_AREA}/`) ? STAFF_AREA : '';
  let source: EventSource | undefined;
  const eventSource = (): EventSource => {
    source ??= new EventSource(`${base}/api/events`);
    return source;
  };
  return {
    async invoke(channel, input) {
      const response = await fetch(`${base}/api/call/${encodeURIComponent(channel)}`, {
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
