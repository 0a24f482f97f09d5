import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, startLoopbackServer } from '../http/loopbackServer.ts';
import type { LoopbackServerLimits } from '../http/loopbackServer.ts';
import type { KioskCore } from '../kioskCore.ts';
import { logEvent } from '../log.ts';
import { RENDERER_SECURITY_HEADERS } from '../security/contentSecurityPolicy.ts';
import { findStaticFile } from '../security/staticFiles.ts';
import type { PageRole } from '../../shared/kioskApi/kioskMethod.ts';
import { LAUNCH_PARAMETER, STAFF_COOKIE, STAFF_PARAMETER, STAFF_PATH, WebHostLaunch } from './webHostLaunch.ts';

/** How to start the web host. */
export interface WebHostOptions {
  core: KioskCore;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
  /** TCP port on 127.0.0.1; 0 picks any free port. */
  port: number;
  /** Connection and time limits (tests shorten them). */
  limits?: Partial<LoopbackServerLimits>;
}

/** A running web host. */
export interface WebHost {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The address to open in the kiosk's browser, once: the origin with the one-time launch code. */
  launchUrl: string;
  /** The staff page's address, once, in a second window: the origin with its own one-time code. */
  staffUrl: string;
  /** Open event streams (one per kiosk page), for tests and the soak benchmark. */
  openStreams(): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const HEARTBEAT_MS = 15_000;
const API_CALL_PREFIX = '/api/call/';

/**
 * The web host: a Node HTTP server on 127.0.0.1 serving the built renderer and the kiosk API, so
 * the same main services run without Electron (tests, and Chromium kiosk-mode thin clients).
 *
 * - `GET /?launch=<code>`: the printed address. The one-time code is traded for the kiosk cookie
 *   (HttpOnly, SameSite=Strict) and the browser sent on to `/`; the code then stops working, so a
 *   reload or Back and Forward land on the welcome screen, and a code seen later is harmless.
 * - `POST /api/call/<channel>` with the kiosk cookie and a JSON body: the call's argument.
 *   Answers 200 with the dispatcher's `{ ok, value | error }` envelope.
 * - `GET /staff/?staff=<code>`: the printed staff address, traded the same way for the staff
 *   cookie, whose path is `/staff`: the staff page is the same renderer at `/staff/`, and its
 *   calls and stream go to `/staff/api/…`, admitted by the staff cookie only; `/api/…` is
 *   admitted by the kiosk cookie only. So the staff page works in a second window of the same
 *   browser, and the resident's page never makes a staff page's call. The dispatcher's audience
 *   rule and the events' filter (`core.eventFilterFor`) follow the page's role.
 * - `GET /api/events` with a cookie: server-sent events, one `event:` per kiosk event channel the
 *   page may receive. The kiosk page holds it open; when it closes (reload, navigation, a closed
 *   or crashed tab), the resident's session in main ends with it. While a staff page holds one
 *   open, the kiosk has two displays; its closing ends nothing of the resident's.
 * - Anything else: a file of the built renderer, with the renderer's security headers.
 *
 * Every request whose `Host` is not exactly this server's loopback address, or that carries an
 * `Origin` other than its own, is refused with 403 (DNS rebinding; other sites' pages).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const launch = new WebHostLaunch();
  const staffLaunch = new WebHostLaunch(STAFF_COOKIE, STAFF_PATH);
  const streams = new Set<ServerResponse>();
  const staffStreams = new Set<ServerResponse>();
  // The page a request speaks for: by its area (`/staff/…` or the rest), admitted by that area's cookie only.
  const pageOf = (request: IncomingMessage, area: PageRole): PageRole | undefined =>
    (area === 'staff' ? staffLaunch : launch).admits(request) ? area : undefined;
  let origin = '';
  let host = '';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== host || (request.headers.origin !== undefined && request.headers.origin !== origin)) {
      sendJson(response, 403, { error: 'forbidden_host' });
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    const area: PageRole = url.pathname === STAFF_PATH || url.pathname.startsWith(`${STAFF_PATH}/`) ? 'staff' : 'kiosk';
    const path = area === 'staff' ? url.pathname.slice(STAFF_PATH.length) || '/' : url.pathname;
    const code = url.searchParams.get(area === 'staff' ? STAFF_PARAMETER : LAUNCH_PARAMETER);
    if (path.startsWith(API_CALL_PREFIX)) {
      await handleCall(request, response, path, area);
    } else if (path === '/api/events') {
      handleEvents(request, response, area);
    } else if (path.startsWith('/api/')) {
      sendJson(response, 404, { error: 'not_found' });
    } else if (code !== null && request.method === 'GET') {
      const cookie = (area === 'staff' ? staffLaunch : launch).trade(code);
      if (cookie === undefined) logEvent('web_host.launch_code_refused', {});
      const home = area === 'staff' ? `${STAFF_PATH}/` : '/';
      response.writeHead(303, { Location: home, 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) });
      response.end();
    } else {
      await handleStatic(request, response, path);
    }
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, path: string, area: PageRole): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      return;
    }
    const page = pageOf(request, area);
    if (page === undefined) {
      sendJson(response, 401, { ok: false, error: { code: 'forbidden', message: 'This browser was not started with the kiosk address' } });
      return;
    }
    if (!/^application\/json(;|$)/i.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 415, { ok: false, error: { code: 'invalid_input', message: 'Send application/json' } });
      return;
    }
    let channel: string;
    try {
      channel = decodeURIComponent(path.slice(API_CALL_PREFIX.length));
    } catch {
      sendJson(response, 400, { ok: false, error: { code: 'invalid_input', message: 'The channel name in the address is not valid percent-encoding' } });
      return;
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === 'too_large') {
      sendJson(response, 413, { ok: false, error: { code: 'invalid_input', message: 'Body too large' } });
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(response, 400, { ok: false, error: { code: 'invalid_input', message: 'Body is not valid JSON' } });
      return;
    }
    sendJson(response, 200, await options.core.dispatcher.dispatch(channel, input, { page }));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse, area: PageRole): void {
    if (request.method !== 'GET') {
      sendJson(response, 405, { error: 'method_not_allowed' });
      return;
    }
    const page = pageOf(request, area);
    if (page === undefined) {
      sendJson(response, 401, { error: 'forbidden' });
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    if (page === 'staff') {
      staffStreams.add(response);
      options.core.setStaffWindow(true);
    }
    const unsubscribe = options.core.events.subscribe((channel, payload) => {
      response.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
    }, options.core.eventFilterFor(page));
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
      if (page === 'staff') {
        // The staff page is gone: back to one shared screen; the resident carries on.
        staffStreams.delete(response);
        if (staffStreams.size === 0) options.core.setStaffWindow(false);
        return;
      }
      // The page that held the stream is gone (reload, navigation, closed or crashed tab): so is
      // its resident's session.
      options.core.endResidentSession();
    });
  }

  async function handleStatic(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { error: 'method_not_allowed' }, { Allow: 'GET, HEAD' });
      return;
    }
    const file = await findStaticFile(options.staticDir, path);
    if (file === undefined) {
      sendJson(response, 404, { error: 'not_found' });
      return;
    }
    response.writeHead(200, {
      ...RENDERER_SECURITY_HEADERS,
      // The build names every asset by its content's hash, and assets hold no resident data: the
      // fresh page at each session end loads them from the browser's cache. Pages stay no-store.
      ...(path.startsWith('/assets/') ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {}),
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).pipe(response);
  }

  const server = await startLoopbackServer({
    port: options.port,
    handle,
    onError(_error, request, response) {
      logEvent('web_host.request_failed', { method: request.method ?? 'unknown' });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      else response.destroy();
    },
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
  ({ origin, host } = server);
  logEvent('web_host.listening', { port: server.port });

  return {
    origin,
    launchUrl: `${origin}/?${LAUNCH_PARAMETER}=${launch.code}`,
    staffUrl: `${origin}${STAFF_PATH}/?${STAFF_PARAMETER}=${staffLaunch.code}`,
    openStreams: () => streams.size,
    close: () => {
      for (const stream of streams) stream.end();
      return server.close();
    },
  };
}

