import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskCore } from '../../main/kioskCore.ts';
import { startKioskCore } from '../../main/kioskCore.ts';
import { explicitKeyProvider } from '../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../main/store/kioskDatabase.ts';
import type { KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';
import { startTestCore } from './kioskCoreFixture.ts';

// The kiosk core as a host runs it, driven through its dispatcher exactly as the renderer calls
// it: training mode (the embedded simulator over HTTP), a real encrypted outbox, the real sync engine.

async function call(core: KioskCore, channel: string, input: unknown = {}): Promise<unknown> {
  const result = await core.dispatcher.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

/** Signs the seeded existing resident in; returns the session handle and the invite's records. */
async function signInExistingResident(core: KioskCore, serviceId: string): Promise<{ session: string; recordIds: string[] }> {
  const simulator = core.training!.simulator;
  const { email, password } = simulator.seed.existingAccount;
  const invite = simulator.seed.invites.find((i) => i.serviceId === serviceId && i.email === email)!;
  const { session } = (await call(core, 'registration:start', { serviceId })) as { session: string };
  const invitation = (await call(core, 'invite:confirm', { session, inviteCode: invite.inviteCode, email })) as { records: { recordId: string }[] };
  await call(core, 'account:sign-in', { session, email, password });
  return { session, recordIds: invitation.records.map((r) => r.recordId) };
}

const SOCIAL_CARE_CONSENT = ['continue-setup', 'privacy-policy'];

describe('kiosk core', () => {
  it('delivers an account setup at once when the council answers, and keeps no personal data after', async () => {
    const core = await startTestCore();
    try {
      const { session, recordIds } = await signInExistingResident(core, 'social-care');
      const receipt = (await call(core, 'setup:submit', { session, recordIds, consentStatementIds: SOCIAL_CARE_CONSENT })) as {
        receipt: string;
        delivered: boolean;
        councilReference: string | null;
      };
      expect(receipt.delivered).toBe(true);
      expect(receipt.councilReference).toMatch(/^[A-Z0-9-]+$/);
      const setups = [...core.training!.simulator.state.accountSetups.values()];
      expect(setups.map((s) => s.reference)).toEqual([receipt.councilReference]);
      expect(setups[0]!.recordIds).toEqual(recordIds);
      expect(core.sync.status()).toMatchObject({ depth: 0, online: true });
    } finally {
      await core.close();
    }
  });

  it('offline at Submit: the resident still gets a receipt, and the setup arrives exactly once when the council is back', async () => {
    const core = await startTestCore({ deliveryWaitMs: 300, sync: { backoff: { baseMs: 50, capMs: 200 }, requestTimeoutMs: 2_000 } });
    const statuses: KioskEventPayload<'queueStatus'>[] = [];
    core.events.subscribe((channel, payload) => channel === 'queue:status' && statuses.push(payload as KioskEventPayload<'queueStatus'>));
    try {
      const simulator = core.training!.simulator;
      const { session, recordIds } = await signInExistingResident(core, 'childrens-services');
      simulator.faults.set({ drop: 1, paths: ['/v1/account-setups'] });
      const receipt = (await call(core, 'setup:submit', { session, recordIds, consentStatementIds: ['confirm-access'] })) as { receipt: string; delivered: boolean };
      expect(receipt).toMatchObject({ receipt: expect.stringMatching(/^KSK-/) as unknown, delivered: false });
      await expect.poll(() => statuses.at(-1)?.depth, { timeout: 5_000 }).toBe(1);
      // A dropped connection may come after the council stored the setup (the answer is lost):
      // either way the kiosk keeps it and sends it again with the same Idempotency-Key.

      simulator.faults.set({});
      await expect.poll(() => core.sync.status().depth, { timeout: 10_000 }).toBe(0);
      const setups = [...simulator.state.accountSetups.values()];
      expect(setups).toHaveLength(1);
      expect(setups[0]!.recordIds).toEqual(recordIds);
      await expect.poll(() => statuses.at(-1), { timeout: 5_000 }).toMatchObject({ depth: 0, online: true });
    } finally {
      await core.close();
    }
  });

  it('closes the simulator and the database even when an earlier clean-up step fails', async () => {
    const key = randomBytes(32);
    const databasePath = join(await mkdtemp(join(tmpdir(), 'kiosk-core-')), 'kiosk.db');
    const core = await startKioskCore({ databasePath, keyProvider: explicitKeyProvider(Buffer.from(key)) });
    const url = core.training!.simulator.url;
    // A sync engine that fails to stop (the first step of close), injected as a fault.
    core.sync.stop = () => Promise.reject(new Error('sync engine stuck'));
    await expect(core.close()).rejects.toThrow('1 clean-up step(s) failed');
    await expect(fetch(`${url}/training/clock`)).rejects.toThrow();
    // The database's exclusive lock is released: it opens again.
    const reopened = await openKioskDatabase({ path: databasePath, keyProvider: explicitKeyProvider(Buffer.from(key)) });
    reopened.close();
  });
});
