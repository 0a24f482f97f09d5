import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { SEED_CASEWORKER } from '../../../main/council/simulator/simulatorSeed.ts';
import { trainingSeedSchema } from '../../../shared/councilApi/trainingApi.ts';
import { useAssistStore } from '../../../renderer/stores/assistStore.ts';
import { useKioskInfoStore } from '../../../renderer/stores/kioskInfoStore.ts';
import { useRegistrationStore } from '../../../renderer/stores/registrationStore.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import type { KioskApi } from '../../../shared/kioskApi/kioskContract.ts';
import { startTestCore } from '../../main/kioskCoreFixture.ts';

// The resident's assist store against main's real assisted desk (training mode, the embedded
// simulator): the caseworker's calls come from a staff page's client, the resident's from the
// kiosk page's, each with its page role and its own filtered events, as the hosts wire them.
let core: KioskCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  vi.unstubAllGlobals();
});

function clientFor(running: KioskCore, page: 'kiosk' | 'staff'): KioskApi {
  return createKioskClient({
    invoke: (channel, input) => running.dispatcher.dispatch(channel, input, { page }),
    subscribe: (channel, listener) => running.events.subscribe((c, payload) => c === channel && listener(payload), running.eventFilterFor(page)),
  });
}

/** Waits for `check` to hold (events arrive after the calls that cause them). */
async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('the assist store', () => {
  it("follows a staff screen attached and gone: the 'Staff' entry is offered on one display only", async () => {
    core = await startTestCore();
    vi.stubGlobal('window', { kiosk: clientFor(core, 'kiosk') });
    setActivePinia(createPinia());
    const assist = useAssistStore();
    const info = useKioskInfoStore();
    await info.load();
    assist.listen();
    expect(info.staffEntry).toBe(true);
    core.setStaffWindow(true);
    await until(() => assist.state.displays === 'two' && !info.staffEntry);
    core.setStaffWindow(false);
    await until(() => assist.state.displays === 'one' && info.staffEntry);
  });

  it('joins the registration a caseworker starts, takes the invitation once confirmed, pauses, and sees it end', async () => {
    core = await startTestCore();
    core.setStaffWindow(true);
    const staff = clientFor(core, 'staff');
    vi.stubGlobal('window', { kiosk: clientFor(core, 'kiosk') });
    setActivePinia(createPinia());
    const assist = useAssistStore();
    assist.listen();
    expect(assist.state).toEqual({ helperName: null, screen: 'resident', assisted: null, displays: 'two' });

    expect(await staff.signInStaffWithPassword({ staffId: SEED_CASEWORKER.staffId, password: SEED_CASEWORKER.password })).toMatchObject({ ok: true });
    expect(await staff.chooseStaffPin({ pin: '2468' })).toMatchObject({ ok: true });
    const invites = await staff.listStaffInvites();
    if (!invites.ok) throw new Error(invites.error.message);
    const invite = invites.value.invites.find((i) => i.serviceId === 'social-care' && i.state === 'sent');
    if (invite === undefined) throw new Error('no open social care invite');
    expect(await staff.startAssisted({ inviteId: invite.inviteId })).toMatchObject({ ok: true });
    await until(() => assist.assisted?.phase === 'reading_code');
    expect(assist.inSession).toBe(false);

    expect(await assist.join()).toBeUndefined();
    const registration = useRegistrationStore();
    expect(registration.serviceId).toBe('social-care');
    expect(assist.helperName).toBe(SEED_CASEWORKER.displayName);
    expect(assist.inSession).toBe(true);
    // Before the caseworker confirmed the code there is no invitation to take.
    expect(await assist.takeInvitation()).toMatchObject({ code: 'step_out_of_order' });

    // The code the resident reads out: the simulator's seed, as the training phone would show it.
    const seed = trainingSeedSchema.parse(await (await fetch(`${core.training?.simulator.url ?? ''}/training/seed`)).json());
    const inviteCode = seed.invites.find((i) => i.inviteId === invite.inviteId)?.inviteCode ?? '';
    expect(await staff.confirmAssistedInvite({ inviteCode, check: 'known_to_me' })).toMatchObject({ ok: true });
    await until(() => assist.assisted?.phase === 'confirmed');
    expect(await assist.takeInvitation()).toBeUndefined();
    expect(registration.invitation?.serviceId).toBe('social-care');

    expect(await staff.pauseAssisted()).toMatchObject({ ok: true });
    await until(() => assist.paused);
    expect(await staff.resumeAssisted()).toMatchObject({ ok: true });
    await until(() => !assist.paused);

    expect(await staff.endAssisted()).toMatchObject({ ok: true });
    await until(() => assist.assisted === null);
    expect(assist.inSession).toBe(false);
    assist.unlisten();
  });
});
