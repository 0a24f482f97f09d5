import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, startLoopbackServer } from '../http/loopbackServer.ts';
import type { LoopbackServerLimits } from '../http/loopbackServer.ts';
import type { KioskCore } from '../kioskCore.ts';
import { logEvent } from '../log.ts';
import { RENDERER_SECURITY_HEADERS } from '../security/contentSecurityPolicy.ts';
import { findStaticFile } from '../security/staticFiles.ts';
import { LAUNCH_PARAMETER, WebHostLaunch } from './webHostLaunch.ts';

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
 * - `GET /api/events` with the kiosk cookie: server-sent events, one `event:` per kiosk event
 *   channel. The page holds it open; when it closes (reload, navigation, a closed or crashed
 *   tab), the resident's session in main ends with it.
 * - Anything else: a file of the built renderer, with the renderer's security headers.
 *
 * Every request whose `Host` is not exactly this server's loopback address, or that carries an
 * `Origin` other than its own, is refused with 403 (DNS rebinding; other sites' pages).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const launch = new WebHostLaunch();
  const streams = new Set<ServerResponse>();
  let origin = '';
  let host = '';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== host || (request.headers.origin !== undefined && request.headers.origin !== origin)) {
      sendJson(response, 403, { error: 'forbidden_host' });
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith(API_CALL_PREFIX)) {
      await handleCall(request, response, url);
    } else if (url.pathname === '/api/events') {
      handleEvents(request, response);
    } else if (url.pathname.startsWith('/api/')) {
      sendJson(response, 404, { error: 'not_found' });
    } else if (url.searchParams.has(LAUNCH_PARAMETER) && request.method === 'GET') {
      const cookie = launch.trade(url.searchParams.get(LAUNCH_PARAMETER) ?? '');
      if (cookie === undefined) logEvent('web_host.launch_code_refused', {});
      response.writeHead(303, { Location: '/', 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) });
      response.end();
    } else {
      await handleStatic(request, response, url);
    }
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      return;
    }
    if (!launch.admits(request)) {
      sendJson(response, 401, { ok: false, error: { code: 'forbidden', message: 'This browser was not started with the kiosk address' } });
      return;
    }
    if (!/^application\/json(;|$)/i.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 415, { ok: false, error: { code: 'invalid_input', message: 'Send application/json' } });
      return;
    }
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice(API_CALL_PREFIX.length));
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
    sendJson(response, 200, await options.core.dispatcher.dispatch(channel, input));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      sendJson(response, 405, { error: 'method_not_allowed' });
      return;
    }
    if (!launch.admits(request)) {
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
    const unsubscribe = options.core.events.subscribe((channel, payload) => {
      response.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
      // The page that held the stream is gone (reload, navigation, closed or crashed tab): so is
      // its resident's session.
      options.core.endResidentSession();
    });
  }

  async function handleStatic(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { error: 'method_not_allowed' }, { Allow: 'GET, HEAD' });
      return;
    }
    const file = await findStaticFile(options.staticDir, url.pathname);
    if (file === undefined) {
      sendJson(response, 404, { error: 'not_found' });
      return;
    }
    response.writeHead(200, {
      ...RENDERER_SECURITY_HEADERS,
      // The build names every asset by its content's hash, and assets hold no resident data: the
      // fresh page at each session end loads them from the browser's cache. Pages stay no-store.
      ...(url.pathname.startsWith('/assets/') ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {}),
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
    openStreams: () => streams.size,
    close: () => {
      for (const stream of streams) stream.end();
      return server.close();
    },
  };
}

