import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import type { SlipPrinter } from '../../../main/kioskApi/slipPrinter.ts';
import { useKioskInfoStore } from '../../../renderer/stores/kioskInfoStore.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import { startTestCore } from '../../main/kioskCoreFixture.ts';

// The store against main's real dispatcher (training mode), in Node (main's parts need it), the
// transport reduced to a call; the printer stands in for the Electron host's silent printing.
let core: KioskCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  vi.unstubAllGlobals();
});

async function connect(
  slipPrinter?: SlipPrinter,
  idle?: { timeoutSeconds: number; warningSeconds: number },
  page: 'kiosk' | 'staff' = 'kiosk',
): Promise<ReturnType<typeof useKioskInfoStore>> {
  core = await startTestCore({ ...(slipPrinter !== undefined ? { slipPrinter } : {}), ...(idle !== undefined ? { idle } : {}) });
  const dispatcher = core.dispatcher;
  vi.stubGlobal('window', {
    kiosk: createKioskClient({ invoke: (channel, input) => dispatcher.dispatch(channel, input, { page }), subscribe: () => () => undefined }),
  });
  setActivePinia(createPinia());
  const store = useKioskInfoStore();
  await store.load();
  return store;
}

describe('the kiosk info store', () => {
  it('knows when the kiosk has no printer (the web host), and printing is refused', async () => {
    const store = await connect();
    expect(store.mode).toBe('training');
    expect(store.slipPrinter).toBe(false);
    expect(await store.printSlip()).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
  });

  it("prints the slip through main on the host's printer", async () => {
    let printed = 0;
    const store = await connect({ available: () => Promise.resolve(true), print: () => {
        printed++;
        return Promise.resolve();
      } });
    expect(store.slipPrinter).toBe(true);
    expect(await store.printSlip()).toEqual({ ok: true, value: {} });
    expect(printed).toBe(1);
  });

  it("takes IT's idle times from main, and keeps the defaults when none are set", async () => {
    const configured = await connect(undefined, { timeoutSeconds: 300, warningSeconds: 60 });
    expect([configured.idleSeconds, configured.warningSeconds]).toEqual([300, 60]);
    await core?.close();
    const unset = await connect();
    expect([unset.idleSeconds, unset.warningSeconds]).toEqual([120, 30]);
  });

  it('knows which page it is, as the host says, so the staff window shows only the console', async () => {
    const kiosk = await connect();
    expect(kiosk.page).toBe('kiosk');
    await core?.close();
    const staff = await connect(undefined, undefined, 'staff');
    expect(staff.page).toBe('staff');
  });
});
