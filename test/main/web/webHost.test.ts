import { request } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore } from '../kioskCoreFixture.ts';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { startWebHost } from '../../../main/web/webHost.ts';
import type { WebHost } from '../../../main/web/webHost.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// A raw HTTP client, so tests can send the headers a browser would refuse to (Host, Origin).
function send(host: WebHost, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const url = new URL(path, host.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', headers: { Host: new URL(host.origin).host, ...init.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

function call(host: WebHost, channel: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(host, `/api/call/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let core: KioskCore;
let host: WebHost;
let staticDir: string;
/** The kiosk cookie (`kiosk=…`), traded for the launch code once, as the kiosk's browser does. */
let cookie: string;

async function launch(on: WebHost): Promise<RawResponse> {
  return send(on, new URL(on.launchUrl).search.replace(/^/, '/'));
}

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'kiosk-static-'));
  staticDir = join(base, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(staticDir, '..', 'secret.txt'), 'outside');
  core = await startTestCore();
  host = await startWebHost({ core, staticDir, port: 0 });
  const launched = await launch(host);
  cookie = String(launched.headers['set-cookie']).split(';')[0]!;
});

afterAll(async () => {
  await host.close();
  await core.close();
});

describe('web host', () => {
  it('listens on 127.0.0.1 and prints an address with a long random launch code', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.launchUrl).toMatch(new RegExp(`^${host.origin}/\\?launch=[\\w-]{32}$`));
    expect(cookie).toMatch(/^kiosk=[\w-]{43}$/);
  });

  it('trades the launch code once for an HttpOnly, SameSite=Strict cookie, and sends the browser to the kiosk', async () => {
    const other = await startWebHost({ core, staticDir, port: 0 });
    try {
      const first = await launch(other);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      expect(first.headers['set-cookie']).toEqual([expect.stringMatching(/^kiosk=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/)]);
      const otherCookie = String(first.headers['set-cookie']).split(';')[0]!;
      expect(otherCookie).not.toBe(cookie);
      expect(first.headers['set-cookie']?.toString()).not.toContain(new URL(other.launchUrl).searchParams.get('launch'));
      // The code has stopped working: a second browser, or someone who read it in a log, gets no cookie.
      const again = await launch(other);
      expect(again.status).toBe(303);
      expect(again.headers['set-cookie']).toBeUndefined();
      const answered = await send(other, '/api/call/services:list', { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: otherCookie }, body: '{}' });
      expect(answered.status).toBe(200);
      // One host's cookie does not open another's.
      expect((await call(other, 'services:list', {})).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('serves the renderer with the strict CSP and security headers', async () => {
    const page = await send(host, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>kiosk</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await send(host, '/assets/app.js');
    expect(script.headers['content-type']).toContain('text/javascript');
    // Hashed assets are cached (the fresh page at each session end loads fast); pages never are.
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%zz', '/assets', '/nope.html'])(
    'answers 404 for %s and never reads outside the renderer folder',
    async (path) => {
      const response = await send(host, path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('outside');
    },
  );

  it('answers a call with the dispatcher envelope', async () => {
    const response = await call(host, 'invite:check-format', { code: 'K7QM3XPD' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { kind: 'wrong_length', length: 8, expected: 12 } });
  });

  it.each([
    ['no cookie', {}, 401],
    ['a wrong cookie', { Cookie: 'kiosk=wrong' }, 401],
    ['a cookie of the right length but wrong', { Cookie: `kiosk=${'x'.repeat(43)}` }, 401],
  ])('refuses a call with %s', async (_label, headers, status) => {
    const response = await send(host, '/api/call/services:list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });
    expect(response.status).toBe(status);
    expect(response.body).not.toContain('Norfolk');
  });

  it.each([
    ['a foreign Host (DNS rebinding)', { Host: 'evil.example:80' }],
    ['localhost instead of 127.0.0.1', { Host: 'localhost' }],
    ['a foreign Origin', { Origin: 'http://evil.example' }],
    ['a null Origin', { Origin: 'null' }],
  ])('refuses %s with 403, even with the token', async (_label, headers) => {
    const response = await call(host, 'services:list', {}, headers);
    expect(response.status).toBe(403);
    expect((await send(host, '/', { headers })).status).toBe(403);
  });

  it('accepts its own Origin', async () => {
    expect((await call(host, 'services:list', {}, { Origin: host.origin })).status).toBe(200);
  });

  it.each([
    ['broken JSON', '{"code":', 'application/json', 400],
    ['the wrong content type', '{"code":"x"}', 'text/plain', 415],
    ['a body over 64 KB', JSON.stringify({ code: 'x'.repeat(70_000) }), 'application/json', 413],
  ])('refuses %s with a clear status and keeps serving', async (_label, body, contentType, status) => {
    const response = await call(host, 'invite:check-format', body, { 'Content-Type': contentType });
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await call(host, 'services:list', {})).status).toBe(200);
  });

  it('answers an unknown channel inside the envelope', async () => {
    expect(JSON.parse((await call(host, 'nope:nothing', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it.each(['%E0%A4%A', '%', 'invite%3Acheck-format%ZZ'])('answers 400 invalid_input, not 500, to the bad percent-encoding /api/call/%s', async (channel) => {
    const response = await call(host, channel, {});
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses GET on the call endpoint and POST on files', async () => {
    expect((await send(host, '/api/call/services:list')).status).toBe(405);
    expect((await send(host, '/', { method: 'POST' })).status).toBe(405);
  });

  it('streams events to a client with the cookie, and refuses one without', async () => {
    expect((await send(host, '/api/events')).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, { signal: controller.signal, headers: { Cookie: cookie } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const status = { depth: 3, oldestWaitingSeconds: 12, lastSuccessAt: null, deadLetterCount: 0, online: true, storageFull: false };
    core.events.publish('queueStatus', status);
    const expected = `event: queue:status\ndata: ${JSON.stringify(status)}\n\n`;
    let text = '';
    const deadline = Date.now() + 5_000;
    while (!text.includes(expected) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
    expect(text).toContain(expected);
  });

  it("ends the resident's session when the page's event stream closes (reload, navigation, crash)", async () => {
    const quiet = Date.now() + 5_000;
    while (host.openStreams() > 0 && Date.now() < quiet) await sleep(20);
    const started = JSON.parse((await call(host, 'registration:start', { serviceId: 'social-care' })).body) as { value: { session: string } };
    const controller = new AbortController();
    const stream = await fetch(`${host.origin}/api/events`, { signal: controller.signal, headers: { Cookie: cookie } });
    expect(stream.status).toBe(200);
    expect(core.openSessions().sessions).toBe(1);
    controller.abort();
    const deadline = Date.now() + 5_000;
    while (core.openSessions().sessions > 0 && Date.now() < deadline) await sleep(20);
    expect(core.openSessions()).toEqual({ sessions: 0, timers: 0 });
    const after = await call(host, 'email:send-code', { session: started.value.session, email: 'a@example.org' });
    expect(JSON.parse(after.body)).toMatchObject({ ok: false, error: { code: 'session_ended' } });
  });
});

describe('web host limits, with real sockets', () => {
  /** Opens `count` sockets that send half a request line and then nothing. */
  async function slowSockets(on: WebHost, count: number): Promise<{ sockets: Socket[]; closed: () => number }> {
    const { port } = new URL(on.origin);
    let closed = 0;
    const sockets = await Promise.all(
      Array.from({ length: count }, () =>
        new Promise<Socket>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
            resolve(socket);
          });
          socket.on('error', () => {});
          socket.resume();
          socket.on('close', () => (closed += 1));
        }),
      ),
    );
    return { sockets, closed: () => closed };
  }

  it('cuts sockets that dribble their headers, and keeps answering meanwhile', async () => {
    const limited = await startWebHost({ core, staticDir, port: 0, limits: { headersTimeoutMs: 500, requestTimeoutMs: 1_000, maxConnections: 1_000 } });
    try {
      const slow = await slowSockets(limited, 100);
      expect(slow.closed()).toBe(0);
      const deadline = Date.now() + 5_000;
      while (slow.closed() < 100 && Date.now() < deadline) await sleep(50);
      expect(slow.closed()).toBe(100);
      expect((await send(limited, '/')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('closes connections beyond its limit at once', async () => {
    const limited = await startWebHost({ core, staticDir, port: 0, limits: { maxConnections: 20 } });
    try {
      const slow = await slowSockets(limited, 50);
      const deadline = Date.now() + 3_000;
      while (slow.closed() < 30 && Date.now() < deadline) await sleep(20);
      expect(slow.closed()).toBe(30);
      for (const socket of slow.sockets) socket.destroy();
      await sleep(100);
      expect((await send(limited, '/')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
