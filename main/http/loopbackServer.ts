import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Limits that keep a loopback server answering while something floods or starves it. */
export interface LoopbackServerLimits {
  /** Open connections at once; more are closed at once by Node. */
  maxConnections: number;
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (headers and body); a response may take longer. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/** The defaults: generous for one kiosk page, small enough that slow sockets cannot pile up. */
export const DEFAULT_LOOPBACK_LIMITS: LoopbackServerLimits = {
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** How to start a loopback server. */
export interface LoopbackServerOptions {
  /** TCP port on 127.0.0.1; 0 picks any free port. */
  port: number;
  /** Answers one request; a rejection is passed to `onError`. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** A request's handler failed: answer it (headers not sent yet) or it is cut. */
  onError(error: unknown, request: IncomingMessage, response: ServerResponse): void;
  limits?: Partial<LoopbackServerLimits>;
}

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `127.0.0.1:PORT`, the only `Host` header a browser on this machine sends. */
  host: string;
  port: number;
  /** Stops listening and closes every open connection (long-lived streams included). */
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

/**
 * An HTTP server on 127.0.0.1 only, with connection and time limits set: the one shape used by
 * the web host and the council API simulator. Node checks the header and request timeouts on a
 * one-second tick (not its default 30 s), so a socket that dribbles its headers is cut promptly.
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const limits = { ...DEFAULT_LOOPBACK_LIMITS, ...options.limits };
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (request, response) => {
      options.handle(request, response).catch((error: unknown) => options.onError(error, request, response));
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${LOOPBACK}:${port}`,
    host: `${LOOPBACK}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** Writes a JSON answer (already serialised when `body` is a string), never cached or sniffed. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

// Past the limit the rest is drained unread (up to 16 MiB, then the connection is cut), so the
// 413 reaches the client instead of a reset connection.
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** Reads a request body up to `maxBytes`; 'too_large' (answered at once when declared) past it. */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, rejectBody) => {
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
      request.resume();
      resolveBody('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) request.destroy();
    });
    const done = (): void => resolveBody(size > maxBytes ? 'too_large' : Buffer.concat(chunks));
    request.on('end', done);
    request.on('close', done);
    request.on('error', rejectBody);
  });
}
