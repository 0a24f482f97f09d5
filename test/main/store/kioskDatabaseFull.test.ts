import { afterAll, describe, expect, it } from 'vitest';
import { createKioskDispatcher } from '../../../main/kioskApi/kioskDispatcher.ts';
import { createKioskHandlers } from '../../../main/kioskApi/kioskHandlers.ts';
import { testAssistedParts } from '../assisted/assistedFixture.ts';
import { RegistrationSession } from '../../../main/registration/registrationSession.ts';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import { DatabaseFullError } from '../../../main/store/storeErrors.ts';
import { councilOutboxSender } from '../../../main/sync/councilOutboxSender.ts';
import { startSyncEngine } from '../../../main/sync/syncEngine.ts';
import type { QueueStatus } from '../../../main/sync/queueStatus.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import { accountSetupPayload, captureLogs, openTempDatabase, sessionId } from './storeFixtures.ts';

// A full disk seen from the resident: 'Submit' on a real encrypted database that cannot grow
// (SQLite's page limit stands in for the disk) answers `storage_full`, which the screen words as
// "This kiosk cannot save your setup at the moment, please ask staff"; nothing saved before is
// lost, and the resident's answers are still there once staff have freed space. IT sees the full
// disk in the queue status (the status bar at the foot of every screen) until a save succeeds.

const logs = captureLogs();
const catalog = await loadServiceCatalog();
const harness = await startHarness();
afterAll(() => harness.close());

describe('a full disk at Submit', () => {
  it('answers storage_full, shows it in the queue status, keeps every earlier setup and the resident’s answers, and saves once there is room', async () => {
    const { database } = await openTempDatabase();
    const outbox = createOutbox(database);
    const earlier = [1, 2, 3].map(() => outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload() }));
    const registration = new RegistrationSession({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(outbox), deliveryWaitMs: 50 });
    const dispatcher = createKioskDispatcher(createKioskHandlers({ catalog, registration, assisted: testAssistedParts(catalog, registration, () => harness.client) }));
    // The engine sends nothing during the test (its start delay is an hour): only its status is watched.
    const sync = startSyncEngine({ outbox, sender: councilOutboxSender(() => harness.client), startJitterMs: 3_600_000, random: () => 1, statusThrottleMs: 1 });
    const statuses: QueueStatus[] = [];
    sync.onStatus((status) => statuses.push(status));
    const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

    const service = catalog.services[1]!;
    const invite = harness.simulator.seed.invites.find((i) => i.serviceId === service.id && i.email === harness.simulator.seed.existingAccount.email);
    const started = await dispatcher.dispatch('registration:start', { serviceId: service.id });
    expect(started.ok).toBe(true);
    const session = (started as { value: { session: string } }).value.session;
    const confirmed = await dispatcher.dispatch('invite:confirm', { session, inviteCode: invite!.inviteCode, email: invite!.email });
    expect(confirmed.ok).toBe(true);
    const recordIds = (confirmed as { value: { records: { recordId: string }[] } }).value.records.map((r) => r.recordId);
    await dispatcher.dispatch('account:sign-in', { session, email: invite!.email, password: harness.simulator.seed.existingAccount.password });

    // Fill the database to its limit with setups of the same size as the resident's.
    const db = database.connection;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    for (let i = 0; i < 1000; i++) {
      try {
        outbox.enqueue({ kind: 'account-setup', sessionId: sessionId(), payload: accountSetupPayload({ recordIds }) });
      } catch (error) {
        expect(error).toBeInstanceOf(DatabaseFullError);
        break;
      }
    }
    const depth = outbox.counts().depth;
    const submit = { session, recordIds, consentStatementIds: service.consent.statements.map((s) => s.id) };
    const full = await dispatcher.dispatch('setup:submit', submit);
    expect(full).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect(logs.some((line) => (JSON.parse(line) as { event?: unknown }).event === 'kiosk_api.storage_full')).toBe(true);
    expect(outbox.counts().depth).toBe(depth);
    await settled();
    expect(statuses.at(-1)).toMatchObject({ storageFull: true, depth });
    const waiting = outbox.dueHeads(Date.now() + 1, 2000).map((item) => item.sequence);
    for (const item of earlier) expect(waiting).toContain(item.sequence);

    db.pragma('max_page_count = 1073741823');
    const saved = await dispatcher.dispatch('setup:submit', submit);
    expect(saved).toMatchObject({ ok: true, value: { receipt: expect.stringMatching(/^KSK-/) as unknown } });
    expect(outbox.counts().depth).toBe(depth + 1);
    await settled();
    expect(statuses.at(-1)).toMatchObject({ storageFull: false, depth: depth + 1 });
    await sync.stop();
    database.close();
  });
});
