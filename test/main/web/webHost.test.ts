import { request } from 'node:http';
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
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let core: KioskCore;
let host: WebHost;
let staticDir: string;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'kiosk-static-'));
  staticDir = join(base, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(staticDir, '..', 'secret.txt'), 'outside');
  core = await startTestCore();
  host = await startWebHost({ core, staticDir, port: 0 });
});

afterAll(async () => {
  await host.close();
  await core.close();
});

describe('web host', () => {
  it('listens on 127.0.0.1 and prints an address with a long random token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.kioskUrl).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token).toMatch(/^[\w-]{43}$/);
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
    ['no token', {}, 401],
    ['a wrong token', { Authorization: 'Bearer wrong' }, 401],
    ['a token of the right length but wrong', { Authorization: `Bearer ${'x'.repeat(43)}` }, 401],
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

  it('refuses GET on the call endpoint and POST on files', async () => {
    expect((await send(host, '/api/call/services:list')).status).toBe(405);
    expect((await send(host, '/', { method: 'POST' })).status).toBe(405);
  });

  it('streams events to a client with the token, and refuses one without', async () => {
    expect((await send(host, '/api/events')).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events?token=${host.token}`, { signal: controller.signal });
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
});
