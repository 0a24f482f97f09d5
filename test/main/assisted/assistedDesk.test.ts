import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssistedDesk } from '../../../main/assisted/assistedDesk.ts';
import { KioskEventHub } from '../../../main/kioskApi/kioskEventHub.ts';
import { startKioskCore } from '../../../main/kioskCore.ts';
import { RegistrationSession } from '../../../main/registration/registrationSession.ts';
import { outboxSetupQueue } from '../../../main/registration/setupQueue.ts';
import { loadServiceCatalog } from '../../../main/services/serviceCatalogFile.ts';
import { StaffSession } from '../../../main/staff/staffSession.ts';
import { AuditLog } from '../../../main/store/auditLog.ts';
import { explicitKeyProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';
import { createOutbox } from '../../../main/store/outbox.ts';
import type { ResidentAssist, StaffView } from '../../../shared/kioskApi/staffView.ts';
import { startHarness } from '../council/simulatorHarness.ts';
import type { Harness } from '../council/simulatorHarness.ts';
import { captureLogs, openTempDatabase, tempFolder } from '../store/storeFixtures.ts';
import { must, simulatorOf } from './assistedFixture.ts';

const catalog = await loadServiceCatalog();
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('the assisted desk', () => {
  it('a pause ends by itself at its limit, and the resident’s session with it; nothing is written', async () => {
    const outbox = createOutbox((await openTempDatabase()).database);
    const registration = new RegistrationSession({ catalog, council: () => harness.client, setupQueue: outboxSetupQueue(outbox) });
    const staff = new StaffSession({ council: () => harness.client, lockSeconds: 300 });
    const events = new KioskEventHub();
    const resident: ResidentAssist[] = [];
    const staffViews: StaffView[] = [];
    events.subscribe((channel, payload) => (channel === 'assisted:resident' ? resident : (staffViews as unknown[])).push(payload));
    const audited: unknown[] = [];
    const desk = new AssistedDesk({ catalog, registration, staff, council: () => harness.client, events, mode: 'training', audit: (c) => audited.push(c), pauseLimitMs: 300 });
    const { caseworker } = harness.simulator.seed;
    await staff.signInWithPassword(caseworker.staffId, caseworker.password);
    await staff.choosePin('9753');
    const invite = harness.simulator.seed.invites.find((i) => i.email === 'priya.patel@example.org')!;
    await desk.start(invite.inviteId);
    await desk.confirmInvite(invite.inviteCode, 'security_questions');
    const depth = outbox.counts().depth;

    desk.pause();
    const until = Date.parse(staffViews.at(-1)!.assisted!.pausedUntil!);
    expect(until - Date.now()).toBeLessThanOrEqual(300);
    expect(registration.openSessions()).toEqual({ sessions: 1, timers: 0 });
    await sleep(500);
    expect(desk.current()).toBeNull();
    expect(resident.at(-1)?.assisted).toBeNull();
    expect(registration.openSessions()).toEqual({ sessions: 0, timers: 0 });
    expect(outbox.counts().depth).toBe(depth);
    expect(audited).toEqual([expect.objectContaining({ check: 'security_questions' })]);
    desk.close();
    staff.close();
  });

  it('a caseworker’s confirmation goes to the audit log: who, how and which invite, never the resident', async () => {
    const path = join(await tempFolder(), 'kiosk.db');
    const key = randomBytes(32);
    const logs = captureLogs();
    const core = await startKioskCore({ databasePath: path, keyProvider: explicitKeyProvider(key) });
    const { seed } = simulatorOf(core);
    core.setStaffWindow(true);
    await must(core, 'staff', 'signInStaffWithPassword', { staffId: seed.caseworker.staffId, password: seed.caseworker.password });
    await must(core, 'staff', 'chooseStaffPin', { pin: '1593' });
    const invite = seed.invites.find((i) => i.email === 'sam.jones@example.org')!;
    await must(core, 'staff', 'startAssisted', { inviteId: invite.inviteId });
    await must(core, 'staff', 'confirmAssistedInvite', { inviteCode: invite.inviteCode, check: 'known_to_me' });
    await core.close();

    const database = await openKioskDatabase({ path, keyProvider: explicitKeyProvider(key) });
    const entries = new AuditLog(database.connection).entries();
    database.close();
    expect(entries.at(-1)).toMatchObject({
      event: 'assisted.invite_confirmed',
      detail: { check: 'known_to_me', staffId: seed.caseworker.staffId, inviteId: invite.inviteId },
    });
    expect(Object.keys(entries.at(-1)!.detail).sort()).toEqual(['check', 'inviteId', 'staffId']);
    for (const secret of [invite.inviteCode, invite.email, 'Sam']) expect(JSON.stringify(entries.at(-1))).not.toContain(secret);
    const logged = logs.filter((line) => line.includes('assisted.invite_confirmed'));
    expect(logged).toHaveLength(1);
    for (const secret of [invite.inviteCode, invite.email, 'Sam', seed.caseworker.staffId]) expect(logged[0]).not.toContain(secret);
  });
});
