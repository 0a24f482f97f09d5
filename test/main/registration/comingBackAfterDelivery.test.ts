import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { RegistrationSession } from '../../../main/registration/registrationSession.ts';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';
import { formatInviteCode } from '../../../shared/inviteCode.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';
import { openTempDatabase } from '../store/storeFixtures.ts';

// Real parts: the council API simulator over HTTP on 127.0.0.1, the got client, the sync engine
// and a real encrypted outbox. A resident whose setup this kiosk delivered comes back to it.

let harness: Harness;
const catalog = await loadServiceCatalog();
const DAY_MS = 24 * 3600 * 1000;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

async function refusal(promise: Promise<unknown>): Promise<KioskCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskCallError);
  return error as KioskCallError;
}

describe('a resident who comes back after their setup was delivered', () => {
  it("is told this kiosk's reference and when it was sent; another invite's refusal says nothing more", async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    const registration = new RegistrationSession({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(outbox), deliveryWaitMs: 5_000 });
    const { seed } = harness.simulator;
    const { inviteCode, email } = seed.invites.find((i) => i.serviceId === 'childrens-services' && i.email === seed.existingAccount.email && i.state === 'sent')!;
    const engine = startSyncEngine({ outbox, sender: councilOutboxSender(() => harness.client), startJitterMs: 0, requestsPerSecond: Infinity });

    const h = registration.start('childrens-services');
    const invitation = await registration.confirmInvite(h, inviteCode, email);
    await registration.signIn(h, email, seed.existingAccount.password);
    const consent = catalog.services[1]!.consent.statements.map((s) => s.id);
    const slip = await registration.submitAccountSetup(h, invitation.records.map((r) => r.recordId), consent);
    await engine.idle();
    await engine.stop();
    expect(slip.delivered).toBe(true);
    const [receipt] = outbox.history.listReceipts();

    // Back again, typing the code as residents do (lower case, grouped) and the address in capitals.
    const again = registration.start('childrens-services');
    const back = await refusal(registration.confirmInvite(again, formatInviteCode(inviteCode).toLowerCase(), ` ${email.toUpperCase()} `));
    expect(back.code).toBe('invite_already_used');
    expect(back.details.earlierSetup).toEqual({
      receipt: slip.receipt,
      submittedAt: new Date(receipt!.enqueuedAt).toISOString(),
      deliveredAt: new Date(receipt!.deliveredAt).toISOString(),
    });

    // Someone else's used invitation: the council's refusal, and nothing of this kiosk's.
    const other = seed.invites.find((i) => i.state === 'used')!;
    const stranger = await refusal(registration.confirmInvite(again, other.inviteCode, other.email));
    expect(stranger.code).toBe('invite_already_used');
    expect(stranger.details.earlierSetup).toBeUndefined();
    // The right code with another address is not found at all (the council checks both first).
    expect((await refusal(registration.confirmInvite(again, inviteCode, 'someone.else@example.org'))).code).toBe('invite_not_found');

    // Only a keyed hash is kept: neither the code nor its plain digest is in the database.
    const kept = database.connection.prepare('SELECT lookup_key, session_id FROM invitation_lookup').all() as { lookup_key: string }[];
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept)).not.toContain(inviteCode);

    // Once the receipt is past its retention, its lookup goes with it, and so do the facts.
    outbox.history.purgeExpired(Date.now() + 91 * DAY_MS);
    expect(database.connection.prepare('SELECT count(*) AS n FROM invitation_lookup').get()).toEqual({ n: 0 });
    expect((await refusal(registration.confirmInvite(again, inviteCode, email))).details.earlierSetup).toBeUndefined();
  });
});
