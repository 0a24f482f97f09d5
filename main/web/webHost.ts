import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KioskCore } from '../kioskCore.ts';
import { logEvent } from '../log.ts';
import { RENDERER_SECURITY_HEADERS } from '../security/contentSecurityPolicy.ts';
import { findStaticFile } from '../security/staticFiles.ts';

/** How to start the web host. */
export interface WebHostOptions {
  core: KioskCore;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
  /** TCP port on 127.0.0.1; 0 picks any free port. */
  port: number;
  /** The per-launch secret; a fresh random one when absent (tests may fix it). */
  token?: string;
}

/** A running web host. */
export interface WebHost {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The secret every API call must carry. */
  token: string;
  /** The address to open in a browser: the origin with the token in the fragment. */
  kioskUrl: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;
const HEARTBEAT_MS = 15_000;
const API_CALL_PREFIX = '/api/call/';

/**
 * The web host: a Node HTTP server on 127.0.0.1 serving the built renderer and the kiosk API, so
 * the same main services run without Electron (tests, and Chromium kiosk-mode thin clients).
 *
 * - `POST /api/call/<channel>` with `Authorization: Bearer <token>` and a JSON body: the call's
 *   argument. Answers 200 with the dispatcher's `{ ok, value | error }` envelope.
 * - `GET /api/events?token=<token>`: server-sent events, one `event:` per kiosk event channel
 *   (EventSource cannot send headers, hence the query parameter).
 * - Anything else: a file of the built renderer, with the renderer's security headers.
 *
 * Every request whose `Host` is not exactly this server's loopback address, or that carries an
 * `Origin` other than its own, is refused with 403 (DNS rebinding; other sites' pages).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const streams = new Set<ServerResponse>();
  let origin = '';
  let host = '';

  const hasToken = (presented: string | undefined): boolean => {
    if (presented === undefined) return false;
    const bytes = Buffer.from(presented);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      logEvent('web_host.request_failed', { method: request.method ?? 'unknown' });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== host || (request.headers.origin !== undefined && request.headers.origin !== origin)) {
      sendJson(response, 403, { error: 'forbidden_host' });
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith(API_CALL_PREFIX)) {
      await handleCall(request, response, url);
    } else if (url.pathname === '/api/events') {
      handleEvents(request, response, url);
    } else if (url.pathname.startsWith('/api/')) {
      sendJson(response, 404, { error: 'not_found' });
    } else {
      await handleStatic(request, response, url);
    }
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      sendJson(response, 405, { error: 'method_not_allowed' });
      return;
    }
    const authorization = request.headers.authorization;
    if (!hasToken(authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined)) {
      sendJson(response, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong kiosk token' } });
      return;
    }
    if (!/^application\/json(;|$)/i.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 415, { ok: false, error: { code: 'invalid_input', message: 'Send application/json' } });
      return;
    }
    const body = await readBody(request);
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
    const channel = decodeURIComponent(url.pathname.slice(API_CALL_PREFIX.length));
    sendJson(response, 200, await options.core.dispatcher.dispatch(channel, input));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (request.method !== 'GET') {
      sendJson(response, 405, { error: 'method_not_allowed' });
      return;
    }
    if (!hasToken(url.searchParams.get('token') ?? undefined)) {
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
    });
  }

  async function handleStatic(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendJson(response, 405, { error: 'method_not_allowed' });
      return;
    }
    const file = await findStaticFile(options.staticDir, url.pathname);
    if (file === undefined) {
      sendJson(response, 404, { error: 'not_found' });
      return;
    }
    response.writeHead(200, {
      ...RENDERER_SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).pipe(response);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  host = `${LOOPBACK}:${port}`;
  origin = `http://${host}`;
  logEvent('web_host.listening', { port });

  return {
    origin,
    token,
    kioskUrl: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

// Reads a request body up to the limit. Past it, the rest is drained unread and 'too_large'
// answered at once, so the 413 reaches the client instead of a reset connection.
function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, rejectBody) => {
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      request.resume();
      resolveBody('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        resolveBody('too_large');
      } else {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', rejectBody);
  });
}
