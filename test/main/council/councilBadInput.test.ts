import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councilEndpoints, fillPath } from '../../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointDefinition, CouncilEndpointName } from '../../../shared/councilApi/councilEndpoints.ts';
import { COUNCIL_HEADERS, COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { councilProblemSchema } from '../../../shared/councilApi/councilProblem.ts';
import { SEED_CASEWORKER } from '../../../main/council/simulator/simulatorSeed.ts';
import { key, startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// Property-based: every endpoint answers malformed or hostile input (wrong types, unknown
// fields, broken JSON, wrong content type, huge bodies, odd paths and headers) with a 4xx
// problem, never a 5xx or a hang, and the simulator keeps serving.

let h: Harness;
let credentials: Record<string, string>;
const names = Object.keys(councilEndpoints) as CouncilEndpointName[];
// Changing faults or the clock at random would make later answers depend on earlier runs.
const stable = names.filter((n) => n !== 'setTrainingFaults' && n !== 'advanceTrainingClock');

beforeAll(async () => {
  h = await startHarness();
  const seed = h.simulator.seed.invites[0]!;
  const confirmation = await h.client.confirmInvite({ inviteCode: seed.inviteCode, email: seed.email });
  const caseworker = await h.client.signInCaseworker({ staffId: SEED_CASEWORKER.staffId, password: SEED_CASEWORKER.password });
  const device = [...h.simulator.state.devices.values()].find((d) => d.deviceId === h.deviceId)!;
  credentials = {
    [COUNCIL_HEADERS.authorization]: `Bearer ${device.credential}`,
    [COUNCIL_HEADERS.registrationSession]: confirmation.registrationSessionId,
    [COUNCIL_HEADERS.caseworkerToken]: caseworker.caseworkerToken,
  };
});
afterAll(() => h.close());

interface Sent {
  status: number;
  contentType: string | null;
  text: string;
}

async function send(name: CouncilEndpointName, init: { path?: string; body?: string | Uint8Array; contentType?: string; headers?: Record<string, string> }): Promise<Sent> {
  const definition: CouncilEndpointDefinition = councilEndpoints[name];
  const path = init.path ?? fillPath(definition.path, Object.fromEntries(Object.keys(definition.params?.shape ?? {}).map((p) => [p, 'x_1'])));
  const response = await fetch(`${h.simulator.url}${path}`, {
    method: definition.method,
    headers: {
      ...credentials,
      [COUNCIL_HEADERS.idempotencyKey]: `"${key()}"`,
      ...(init.contentType !== undefined ? { 'Content-Type': init.contentType } : {}),
      ...init.headers,
    },
    ...(definition.method === 'POST' && init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) } : {}),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

function expectProblem(sent: Sent): void {
  expect(sent.status, sent.text).toBeGreaterThanOrEqual(400);
  expect(sent.status, sent.text).toBeLessThan(500);
  expect(sent.contentType).toMatch(/^application\/problem\+json/);
  expect(councilProblemSchema.safeParse(JSON.parse(sent.text)).success).toBe(true);
}

async function stillServing(): Promise<void> {
  expect((await h.client.getSiteConfiguration()).siteId).toBe('site_training');
}

const postsWithBody = stable.filter((n) => councilEndpoints[n].method === 'POST' && 'body' in councilEndpoints[n]);
const json = fc.jsonValue({ maxDepth: 3 });

describe('hostile input, every endpoint', () => {
  it('answers arbitrary JSON with unknown fields as 4xx (the request schemas are strict)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postsWithBody), fc.dictionary(fc.string({ maxLength: 12 }), json, { maxKeys: 5 }), async (name, extra) => {
        expectProblem(await send(name, { body: JSON.stringify({ ...extra, ['\u0000unknown field']: true }), contentType: 'application/json' }));
      }),
      { numRuns: 120 },
    );
    await stillServing();
  });

  it('answers a wrong type in each field as 400 invalid_request', async () => {
    const cases = postsWithBody.flatMap((name) => {
      const shape = (councilEndpoints[name] as { body?: { shape?: Record<string, unknown> } }).body?.shape ?? {};
      return Object.keys(shape).map((field) => [name, field] as const);
    });
    expect(cases.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), fc.constantFrom<unknown>(12345, true, null, [], { nested: 'x' }, 1e308, -1), async ([name, field], wrong) => {
        const sent = await send(name, { body: JSON.stringify({ [field]: wrong }), contentType: 'application/json' });
        expectProblem(sent);
        expect(JSON.parse(sent.text)).toMatchObject({ code: 'invalid_request' });
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it('answers broken JSON and arbitrary bytes as 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...stable.filter((n) => councilEndpoints[n].method === 'POST')),
        fc.oneof(fc.string({ minLength: 1, maxLength: 200 }).filter((s) => !isJson(s)), fc.uint8Array({ minLength: 1, maxLength: 300 }).filter((b) => !isJson(Buffer.from(b).toString()))),
        async (name, body) => {
          const sent = await send(name, { body, contentType: 'application/json' });
          expectProblem(sent);
          expect(JSON.parse(sent.text)).toMatchObject({ code: 'invalid_request' });
        },
      ),
      { numRuns: 120 },
    );
    await stillServing();
  });

  it('answers any non-JSON content type as 415', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...postsWithBody),
        fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp', 'text/json'),
        async (name, contentType) => {
          const sent = await send(name, { body: '{}', contentType });
          expectProblem(sent);
          expect(JSON.parse(sent.text)).toMatchObject({ code: 'unsupported_media_type' });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers bodies over 64 KiB as 413, and keeps serving', async () => {
    for (const name of postsWithBody.slice(0, 5)) {
      const sent = await send(name, { body: JSON.stringify({ pad: 'x'.repeat(COUNCIL_RULES.maxBodyBytes) }), contentType: 'application/json' });
      expectProblem(sent);
      expect(JSON.parse(sent.text)).toMatchObject({ code: 'body_too_large' });
    }
    const huge = await send('confirmInvite', { body: new Uint8Array(3 * 1024 * 1024), contentType: 'application/json' });
    expect(huge.status).toBe(413);
    await stillServing();
  });

  it('answers odd paths, path parameters and query strings as 4xx', async () => {
    const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('..', '%00', '%E0%A4%A', '%2F..%2F', '<script>', 'a'.repeat(300)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stable), segment, fc.string({ maxLength: 40 }), async (name, param, query) => {
        const definition: CouncilEndpointDefinition = councilEndpoints[name];
        const raw = definition.path.replace(/\{\w+\}/g, () => encodeURIComponent(param).replace(/%25/g, '%'));
        const path = `${raw}?${encodeURIComponent(query)}=1&zz${encodeURIComponent(query)}=2`;
        const sent = await send(name, { path, body: '{}', contentType: 'application/json' });
        expect(sent.status, `${definition.method} ${path}: ${sent.text}`).toBeLessThan(500);
        if (sent.status >= 400) expectProblem(sent);
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it('answers hostile credentials and Idempotency-Keys as 4xx', async () => {
    const headerValue = fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...stable.filter((n) => !councilEndpoints[n].training)),
        fc.constantFrom(COUNCIL_HEADERS.authorization, COUNCIL_HEADERS.registrationSession, COUNCIL_HEADERS.caseworkerToken, COUNCIL_HEADERS.idempotencyKey),
        headerValue,
        async (name, header, value) => {
          const sent = await send(name, { body: '{}', contentType: 'application/json', headers: { [header]: value } });
          expect(sent.status, sent.text).toBeLessThan(500);
          if (sent.status >= 400) expectProblem(sent);
        },
      ),
      { numRuns: 120 },
    );
    await stillServing();
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
