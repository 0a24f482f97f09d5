import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { useRegistrationStore } from '../../../renderer/stores/registrationStore.ts';
import { buildInviteCode } from '../../../shared/inviteCode.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import { startTestCore } from '../../main/kioskCoreFixture.ts';

// The store against main's real dispatcher (training mode), in Node, the transport reduced to a call.
let core: KioskCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  vi.unstubAllGlobals();
});

async function connect(): Promise<ReturnType<typeof useRegistrationStore>> {
  core = await startTestCore();
  const dispatcher = core.dispatcher;
  vi.stubGlobal('window', { kiosk: createKioskClient({ invoke: (channel, input) => dispatcher.dispatch(channel, input), subscribe: () => () => undefined }) });
  setActivePinia(createPinia());
  const store = useRegistrationStore();
  expect(await store.chooseService('social-care')).toBeUndefined();
  return store;
}

describe("the registration store's invite code", () => {
  it('asks main about the form and keeps a well-formed code in its printed form', async () => {
    const store = await connect();
    const code = buildInviteCode([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    store.inviteCode = ` ${code.toLowerCase()} `;
    expect(await store.checkInviteCode()).toEqual({ ok: true, value: { kind: 'ok', code } });
    expect(store.inviteCode).toBe(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
  });

  it('leaves a code that is not well formed as typed, with what is wrong with it', async () => {
    const store = await connect();
    store.inviteCode = 'ABCD-1EFG';
    const result = await store.checkInviteCode();
    expect(result.ok && result.value.kind).not.toBe('ok');
    expect(result.ok).toBe(true);
    expect(store.inviteCode).toBe('ABCD-1EFG');
  });
});
