import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../../main/council/councilClient.ts';
import { startCouncilSimulator } from '../../../../main/council/simulator/councilSimulator.ts';
import type { CouncilSimulator } from '../../../../main/council/simulator/councilSimulator.ts';

/** A request with a chosen `Host` header, as a page that rebound its DNS name to 127.0.0.1 sends it. */
function requestWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { ...headers, Host: host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject).end();
  });
}

describe('training endpoints of an embedded simulator (no token)', () => {
  let simulator: CouncilSimulator;
  beforeAll(async () => {
    simulator = await startCouncilSimulator();
  });
  afterAll(() => simulator.close());

  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('answer a request addressed to %s', async (name) => {
    const answer = await requestWithHost(`${simulator.url}/training/messages`, `${name}:${simulator.port}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('jane.smith@example.org');
  });

  it.each(['rebound.example', 'rebound.example:80', '127.0.0.1.rebound.example', 'localhost.'])(
    'refuse a request addressed to %j (DNS rebinding), without a word of the messages',
    async (host) => {
      const answer = await requestWithHost(`${simulator.url}/training/messages`, host);
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('header.Host');
      expect(answer.body).not.toContain('@example.org');
    },
  );

  it('leave the council API itself to its own rules', async () => {
    expect((await requestWithHost(`${simulator.url}/v1/site`, 'council.example')).status).toBe(401);
  });
});

describe('training endpoints of a simulator with a training token', () => {
  let simulator: CouncilSimulator;
  beforeAll(async () => {
    simulator = await startCouncilSimulator({ trainingToken: 'T'.repeat(32) });
  });
  afterAll(() => simulator.close());

  it('need the token, which the council client sends when given', async () => {
    const without = new CouncilClient({ baseUrl: simulator.url, getRetryLimit: 0 });
    await expect(without.call('listTrainingMessages')).rejects.toMatchObject({ code: 'unauthorized' });
    const wrong = new CouncilClient({ baseUrl: simulator.url, getRetryLimit: 0, trainingToken: 'T'.repeat(31) });
    await expect(wrong.call('listTrainingMessages')).rejects.toMatchObject({ code: 'unauthorized' });
    const right = new CouncilClient({ baseUrl: simulator.url, getRetryLimit: 0, trainingToken: 'T'.repeat(32) });
    expect((await right.call('listTrainingMessages')).messages.length).toBeGreaterThan(0);
  });

  it('check the Host even with the token', async () => {
    expect((await requestWithHost(`${simulator.url}/training/messages`, 'rebound.example', { 'X-Training-Token': 'T'.repeat(32) })).status).toBe(400);
  });
});
