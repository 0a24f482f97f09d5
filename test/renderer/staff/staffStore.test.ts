import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { useStaffStore } from '../../../renderer/staff/staffStore.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import { startTestCore } from '../../main/kioskCoreFixture.ts';
import { readyStaff, staffView } from './staffViews.ts';
import { assistedProgress } from './staffProgress.ts';

// The store against main's real dispatcher and event hub (training mode), in Node, as the staff
// page: the transport reduced to a call, and the hub's events passed on for a staff page.
let core: KioskCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  vi.unstubAllGlobals();
});

async function connect(before?: (started: KioskCore) => void): Promise<ReturnType<typeof useStaffStore>> {
  const started = await startTestCore();
  core = started;
  before?.(started);
  vi.stubGlobal('window', {
    kiosk: createKioskClient({
      invoke: (channel, input) => started.dispatcher.dispatch(channel, input, { page: 'staff' }),
      subscribe: (channel, listener) =>
        started.events.subscribe(
          (published, payload) => {
            if (published === channel) listener(payload);
          },
          (audience) => audience !== 'resident',
        ),
    }),
  });
  setActivePinia(createPinia());
  const store = useStaffStore();
  store.listen();
  return store;
}

describe('the staff store', () => {
  it("holds main's latest staff view, and what follows from it", async () => {
    const store = await connect();
    expect(store.state).toBeUndefined();
    core?.events.publish('staffView', staffView({ staff: readyStaff('Sam Carter'), assisted: assistedProgress() }));
    expect(store.state).toBe('ready');
    expect(store.displayName).toBe('Sam Carter');
    expect(store.training).toBe(true);
    expect(store.lockAt).toMatch(/Z$/);
    expect(store.assisted?.invite.inviteId).toBe('inv-1');
    core?.events.publish('staffView', staffView({ mode: 'live', staff: { state: 'locked', displayName: 'Sam Carter' }, assisted: assistedProgress() }));
    // Locked: no lock time, and nothing of the resident, whatever the view carries.
    expect([store.state, store.lockAt, store.assisted, store.training]).toEqual(['locked', undefined, null, false]);
  });

  it('a staff page that opens late gets the view main already holds', async () => {
    const store = await connect((started) => started.events.publish('staffView', staffView({ staff: { state: 'choose_pin', displayName: 'Sam Carter' } })));
    expect(store.state).toBe('choose_pin');
  });

  it('with nobody signed in, main refuses the console\'s actions as signed out, and the store says so', async () => {
    const store = await connect();
    expect(await store.unlock('1234')).toMatchObject({ code: 'staff_signed_out' });
    expect(await store.lock()).toMatchObject({ code: 'staff_signed_out' });
    expect(await store.loadInvites()).toMatchObject({ code: 'staff_signed_out' });
    expect(store.invites).toBeUndefined();
    expect(await store.startAssisted('inv-1')).toMatchObject({ code: 'staff_signed_out' });
  });

  it('a PIN that breaks the contract is refused by main before any handler', async () => {
    const store = await connect();
    expect(await store.choosePin('12a4')).toMatchObject({ code: 'invalid_input' });
  });
});
