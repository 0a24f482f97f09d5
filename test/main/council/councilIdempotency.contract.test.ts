import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { formatIdempotencyKey } from '../../../shared/councilApi/councilPrimitives.ts';
import type { TrainingSetupGrant } from '../../../shared/councilApi/trainingApi.ts';
import { failure, key, startHarness } from './simulatorHarness.ts';
import type { Harness } from './simulatorHarness.ts';

// Idempotent replay and the faults a client cannot see through (slow, timeout, dropped
// connection): the same Idempotency-Key always ends in exactly one stored setup.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function grantBody(serviceId = 'social-care') {
  const grant: TrainingSetupGrant = (await h.anonymous.call('mintTrainingSetupGrants', { body: { count: 1, serviceId } })).grants[0]!;
  return {
    setupGrant: grant.setupGrant,
    serviceId: grant.serviceId,
    recordIds: grant.recordIds,
    consent: { version: grant.consentVersion, statementIds: grant.consentStatementIds, givenAt: '2026-01-05T10:00:00.000Z' },
  };
}

async function setupsWithKey(idempotencyKey: string) {
  return (await h.anonymous.call('listTrainingAccountSetups')).setups.filter((s) => s.idempotencyKey === idempotencyKey);
}

describe('idempotent replay', () => {
  it('answers a replay with the first result, marked Idempotent-Replayed, and stores one setup', async () => {
    const body = await grantBody();
    const k = key();
    const first = await h.client.submitAccountSetup(body, { idempotencyKey: k });
    const again = await h.client.submitAccountSetup(body, { idempotencyKey: k });
    expect(again).toEqual(first);
    // Same body in another key order is the same request.
    const reordered = { consent: body.consent, recordIds: body.recordIds, serviceId: body.serviceId, setupGrant: body.setupGrant };
    const raw = await fetch(`${h.simulator.url}/v1/account-setups`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${deviceCredentialOf(h)}`, 'Idempotency-Key': formatIdempotencyKey(k) },
      body: JSON.stringify(reordered),
    });
    expect(raw.status).toBe(201);
    expect(raw.headers.get('idempotent-replayed')).toBe('true');
    expect(await raw.json()).toEqual(first);
    expect(await setupsWithKey(k)).toHaveLength(1);
  });

  it('replays a business refusal too, without counting another wrong try', async () => {
    const seed = h.simulator.seed.invites[0]!;
    const confirmation = await h.client.confirmInvite({ inviteCode: seed.inviteCode, email: seed.email });
    const session = { registrationSession: confirmation.registrationSessionId };
    const verification = await h.client.startEmailVerification(seed.email, session);
    const right = await h.latestCode(seed.email);
    const wrong = right === '000000' ? '111111' : '000000';
    const k = key();
    const first = await failure(h.client.verifyEmail(verification.verificationId, wrong, { ...session, idempotencyKey: k }));
    const replay = await failure(h.client.verifyEmail(verification.verificationId, wrong, { ...session, idempotencyKey: k }));
    expect([first.attemptsRemaining, replay.attemptsRemaining]).toEqual([4, 4]);
    const next = await failure(h.client.verifyEmail(verification.verificationId, wrong, session));
    expect(next.attemptsRemaining).toBe(3);
  });

  it('keeps keys per device: two kiosks may use the same key for different requests', async () => {
    const token = (await h.anonymous.call('mintTrainingEnrolmentTokens', { body: { count: 1 } })).enrolmentTokens[0]!;
    const other = new CouncilClient({ baseUrl: h.simulator.url, deviceCredential: (await h.anonymous.enrolDevice({ enrolmentToken: token, deviceName: 'other' })).credential });
    const k = key();
    const a = await h.client.submitAccountSetup(await grantBody(), { idempotencyKey: k });
    const b = await other.submitAccountSetup(await grantBody(), { idempotencyKey: k });
    expect(a.reference).not.toBe(b.reference);
    expect(await setupsWithKey(k)).toHaveLength(2);
  });

  it('does not keep 503 answers: the retry with the same key is processed', async () => {
    const body = await grantBody();
    const k = key();
    await h.anonymous.call('setTrainingFaults', { body: { unavailable503: 1 } });
    expect((await failure(h.client.submitAccountSetup(body, { idempotencyKey: k }))).code).toBe('service_unavailable');
    expect(await setupsWithKey(k)).toHaveLength(0);
    await h.anonymous.call('setTrainingFaults', { body: {} });
    expect((await h.client.submitAccountSetup(body, { idempotencyKey: k })).state).toBe('pending_activation');
    expect(await setupsWithKey(k)).toHaveLength(1);
  });
});

describe('faults where the client cannot know whether the request took effect', () => {
  it.each([
    ['a timeout (answer withheld)', { timeout: 1, timeoutHoldMs: 5_000 }, 'timeout'],
    ['a dropped connection', { drop: 1 }, 'network_error'],
    ['a slow answer past the client timeout', { slow: 1, slowMs: 600 }, 'timeout'],
  ] as const)('%s: retryable, and the retry with the same key replays the one setup', async (_label, faults, code) => {
    const impatient = new CouncilClient({ baseUrl: h.simulator.url, deviceCredential: deviceCredentialOf(h), timeoutMs: 300 });
    const body = await grantBody();
    const k = key();
    await h.anonymous.call('setTrainingFaults', { body: faults });
    const error = await failure(impatient.submitAccountSetup(body, { idempotencyKey: k }));
    expect(error).toMatchObject({ code, status: undefined, retryable: true });
    if ('slowMs' in faults) await new Promise((r) => setTimeout(r, faults.slowMs));
    const stored = await setupsWithKey(k);
    expect(stored).toHaveLength(1);
    await h.anonymous.call('setTrainingFaults', { body: {} });
    const retried = await impatient.submitAccountSetup(body, { idempotencyKey: k });
    expect(retried.reference).toBe(stored[0]!.reference);
    expect(await setupsWithKey(k)).toHaveLength(1);
  });

  it('a replay can lose its answer too: the fault applies to it, and the next replay still finds the one setup', async () => {
    const body = await grantBody();
    const k = key();
    const first = await h.client.submitAccountSetup(body, { idempotencyKey: k });
    await h.anonymous.call('setTrainingFaults', { body: { drop: 1 } });
    expect(await failure(h.client.submitAccountSetup(body, { idempotencyKey: k }))).toMatchObject({ code: 'network_error', retryable: true });
    await h.anonymous.call('setTrainingFaults', { body: {} });
    expect((await h.client.submitAccountSetup(body, { idempotencyKey: k })).reference).toBe(first.reference);
    expect(await setupsWithKey(k)).toHaveLength(1);
  });

  it('a slow answer within the client timeout simply arrives', async () => {
    await h.anonymous.call('setTrainingFaults', { body: { slow: 1, slowMs: 150 } });
    const started = Date.now();
    expect((await h.client.getSiteConfiguration()).siteId).toBe('site_training');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('limits faults to chosen paths, and repeats the same draws for the same seed', async () => {
    await h.anonymous.call('setTrainingFaults', { body: { error500: 1, paths: ['/v1/account-setups'] } });
    expect((await h.client.getSiteConfiguration()).siteId).toBe('site_training');
    expect((await failure(h.client.submitAccountSetup(await grantBody(), { idempotencyKey: key() }))).code).toBe('internal_error');
    const outcomes = async () => {
      await h.anonymous.call('setTrainingFaults', { body: { error500: 0.5, seed: 42 } });
      const results = [];
      for (let i = 0; i < 12; i++) results.push(await h.client.getSiteConfiguration().then(() => 'ok', (e: unknown) => (e as { code: string }).code));
      return results;
    };
    const first = await outcomes();
    expect(first).toContain('ok');
    expect(first).toContain('internal_error');
    expect(await outcomes()).toEqual(first);
    expect(await h.anonymous.call('getTrainingFaults')).toMatchObject({ error500: 0.5, seed: 42, drop: 0 });
  });
});

// The harness's device credential, read back from the client it built.
function deviceCredentialOf(harness: Harness): string {
  const device = [...harness.simulator.state.devices.values()].find((d) => d.deviceId === harness.deviceId);
  if (device === undefined) throw new Error('harness device missing');
  return device.credential;
}
