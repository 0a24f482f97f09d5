import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CouncilClient } from '../../main/council/councilClient.ts';
import { startCouncilSimulator } from '../../main/council/simulator/councilSimulator.ts';
import { report } from './benchReport.ts';

/**
 * The council API client against the simulator over real HTTP on 127.0.0.1: account setups a
 * second (zod on both sides, idempotency store, one new setup each), sequential and 10 at a
 * time; idempotent replays a second; and how many requests a second the global rate limit lets
 * through when a fleet pushes harder than 50/s.
 */
export async function run(): Promise<void> {
  const simulator = await startCouncilSimulator();
  try {
    const anonymous = new CouncilClient({ baseUrl: simulator.url });
    const token = (await anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } })).enrolmentTokens[0]!;
    const device = await anonymous.enrolDevice({ enrolmentToken: token, deviceName: 'bench' });
    const client = new CouncilClient({ baseUrl: simulator.url, deviceCredential: device.credential });
    const count = 2000;
    const { grants } = await anonymous.call('mintTrainingSetupGrants', { body: { count } });
    const bodies = grants.map((g) => ({
      setupGrant: g.setupGrant,
      serviceId: g.serviceId,
      recordIds: g.recordIds,
      consent: { version: g.consentVersion, statementIds: g.consentStatementIds, givenAt: new Date().toISOString() },
    }));
    const keys = bodies.map(() => randomUUID());

    const half = count / 2;
    let start = performance.now();
    for (let i = 0; i < half; i++) await client.submitAccountSetup(bodies[i]!, { idempotencyKey: keys[i]! });
    report({ name: 'council_api.account_setups_sequential', value: Math.round(half / ((performance.now() - start) / 1000)), unit: 'requests/s' });

    start = performance.now();
    let next = half;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < count) {
          const i = next++;
          await client.submitAccountSetup(bodies[i]!, { idempotencyKey: keys[i]! });
        }
      }),
    );
    report({ name: 'council_api.account_setups_10_concurrent', value: Math.round(half / ((performance.now() - start) / 1000)), unit: 'requests/s' });

    start = performance.now();
    for (let i = 0; i < half; i++) await client.submitAccountSetup(bodies[i]!, { idempotencyKey: keys[i]! });
    report({ name: 'council_api.idempotent_replays_sequential', value: Math.round(half / ((performance.now() - start) / 1000)), unit: 'requests/s' });
  } finally {
    await simulator.close();
  }

  const limited = await startCouncilSimulator({ rateLimitPerSecond: 50 });
  try {
    const anonymous = new CouncilClient({ baseUrl: limited.url });
    const token = (await anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } })).enrolmentTokens[0]!;
    const device = await anonymous.enrolDevice({ enrolmentToken: token, deviceName: 'bench' });
    const client = new CouncilClient({ baseUrl: limited.url, deviceCredential: device.credential, getRetryLimit: 0 });
    // Two seconds of 5 callers hammering: what gets through is the limit (plus the first second's burst).
    let accepted = 0;
    let refused = 0;
    const until = performance.now() + 2000;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        while (performance.now() < until) {
          await client.getSiteConfiguration().then(() => accepted++, () => refused++);
        }
      }),
    );
    report({ name: 'council_api.rate_limit_accepted', value: Math.round(accepted / 2), unit: 'requests/s', target: '≈ 50 (+ 50 burst over the run)' });
    report({ name: 'council_api.rate_limit_refused_429', value: refused, unit: 'requests' });
  } finally {
    await limited.close();
  }
}
