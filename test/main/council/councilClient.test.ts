import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { CouncilApiError, parseRetryAfter } from '../../../main/council/councilApiError.ts';
import { failure, key, startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// What the client itself decides: request checks before sending, answers that break the
// contract, transport failures, Retry-After, and GET-only retries.

let h: Harness;
let rogue: Server;
let rogueUrl: string;
let rogueHits = 0;
let rogueAnswer: { status: number; headers: Record<string, string>; body: string } = { status: 200, headers: {}, body: '' };

beforeAll(async () => {
  h = await startHarness();
  rogue = createServer((request, response) => {
    rogueHits++;
    request.resume();
    request.on('end', () => {
      response.writeHead(rogueAnswer.status, rogueAnswer.headers);
      response.end(rogueAnswer.body);
    });
  });
  await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve));
  rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => rogue.close(resolve));
});

describe('council client', () => {
  it('refuses to send a body that breaks the contract, without touching the network', async () => {
    const before = rogueHits;
    const client = new CouncilClient({ baseUrl: rogueUrl, deviceCredential: 'dc.whatever-credential' });
    const error = await failure(client.confirmInvite({ inviteCode: 'K7QM-3XPD-9WT8', email: 'not an address' }));
    expect(error).toMatchObject({ code: 'invalid_request', status: undefined, retryable: false });
    expect(rogueHits).toBe(before);
  });

  it.each([
    ['a 200 that breaks the response schema', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"siteId":42}' }, 200, false],
    ['a 200 that is not JSON', { status: 200, headers: {}, body: '<html>' }, 200, false],
    ['a 502 HTML page from a proxy', { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }, 502, true],
    ['a 400 whose problem has an unknown code', { status: 400, headers: { 'content-type': 'application/problem+json' }, body: '{"type":"x","title":"x","status":400,"code":"made_up"}' }, 400, false],
  ])('turns %s into unexpected_response', async (_label, answer, status, retryable) => {
    rogueAnswer = answer;
    const client = new CouncilClient({ baseUrl: rogueUrl, deviceCredential: 'dc.whatever-credential', getRetryLimit: 0 });
    expect(await failure(client.getSiteConfiguration())).toMatchObject({ code: 'unexpected_response', status, retryable });
  });

  it('reads Retry-After from the header when the problem has no retryAfterSeconds', async () => {
    rogueAnswer = { status: 429, headers: { 'retry-after': '12', 'content-type': 'application/problem+json' }, body: '{"type":"x","title":"x","status":429,"code":"rate_limited"}' };
    const client = new CouncilClient({ baseUrl: rogueUrl, deviceCredential: 'dc.whatever-credential' });
    expect(await failure(client.submitAccountSetup(validSetup(), { idempotencyKey: key() }))).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 12, retryable: true });
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('never retries a POST inside got, and retries a GET once', async () => {
    rogueAnswer = { status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '0' }, body: '{"type":"x","title":"x","status":503,"code":"service_unavailable","retryAfterSeconds":0}' };
    const client = new CouncilClient({ baseUrl: rogueUrl, deviceCredential: 'dc.whatever-credential', getRetryLimit: 1 });
    let before = rogueHits;
    await failure(client.submitAccountSetup(validSetup(), { idempotencyKey: key() }));
    expect(rogueHits - before).toBe(1);
    before = rogueHits;
    await failure(client.getSiteConfiguration());
    expect(rogueHits - before).toBe(2);
  });

  it('reports a refused connection as a retryable network_error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(new CouncilClient({ baseUrl: url, getRetryLimit: 0 }).getSiteConfiguration());
    expect(error).toBeInstanceOf(CouncilApiError);
    expect(error).toMatchObject({ code: 'network_error', status: undefined, retryable: true });
    expect(error.message).toBe('getSiteConfiguration failed: network_error');
  });

  it('sends the Idempotency-Key as an sf-string and a fresh one when none is given', async () => {
    const stored = async () => (await h.anonymous.call('listTrainingAccountSetups')).setups.map((s) => s.idempotencyKey);
    const grants = (await h.anonymous.call('mintTrainingSetupGrants', { body: { count: 2 } })).grants;
    const body = (i: number) => ({
      setupGrant: grants[i]!.setupGrant,
      serviceId: grants[i]!.serviceId,
      recordIds: grants[i]!.recordIds,
      consent: { version: grants[i]!.consentVersion, statementIds: grants[i]!.consentStatementIds, givenAt: new Date().toISOString() },
    });
    const k = key();
    await h.client.submitAccountSetup(body(0), { idempotencyKey: k });
    await h.client.call('submitAccountSetup', { body: body(1) });
    const keys = await stored();
    expect(keys[0]).toBe(k);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

function validSetup() {
  return {
    setupGrant: 'sg.abcdefghijklmnopqrstuvwxyz',
    serviceId: 'social-care',
    recordIds: ['rec_1'],
    consent: { version: 'social-care-2026-01', statementIds: ['continue-setup'], givenAt: '2026-01-05T10:00:00.000Z' },
  };
}
