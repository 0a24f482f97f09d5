import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { useTrainingPhoneStore } from '../../../renderer/stores/trainingPhoneStore.ts';
import { trainingSeedSchema } from '../../../shared/councilApi/trainingApi.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import type { KioskApi } from '../../../shared/kioskApi/kioskContract.ts';
import { startTestCore } from '../../main/kioskCoreFixture.ts';

// The training phone's store against main's real training phone (the embedded simulator), as a
// trainee at the kiosk page uses it: before the kiosk knows who they are, and during a call.
let core: KioskCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  vi.unstubAllGlobals();
});

async function connect(): Promise<{ kiosk: KioskApi; store: ReturnType<typeof useTrainingPhoneStore>; running: KioskCore }> {
  const running = await startTestCore();
  core = running;
  const kiosk = createKioskClient({ invoke: (channel, input) => running.dispatcher.dispatch(channel, input, { page: 'kiosk' }), subscribe: () => () => undefined });
  vi.stubGlobal('window', { kiosk });
  setActivePinia(createPinia());
  return { kiosk, store: useTrainingPhoneStore(), running };
}

describe('the training phone store', () => {
  it("lists the chosen service's practice invitations, each with its code, and no other service's", async () => {
    const { kiosk, store, running } = await connect();
    expect(await kiosk.startRegistration({ serviceId: 'social-care' })).toMatchObject({ ok: true });
    expect(await store.refresh()).toBe(true);
    expect(store.state).toBe('ready');
    const seed = trainingSeedSchema.parse(await (await fetch(`${running.training?.simulator.url ?? ''}/training/seed`)).json());
    const open = seed.invites.filter((i) => i.serviceId === 'social-care' && i.state === 'sent').map((i) => i.inviteCode);
    expect(store.messages.map((m) => m.code).sort()).toEqual([...open].sort());
    expect(store.messages.every((m) => m.title === 'Set up your My Norfolk Social Care Account')).toBe(true);
  });

  it('shows a landline call ringing, and # on its keypad answers and confirms it', async () => {
    const { kiosk, store, running } = await connect();
    const seed = trainingSeedSchema.parse(await (await fetch(`${running.training?.simulator.url ?? ''}/training/seed`)).json());
    expect(await kiosk.startRegistration({ serviceId: 'social-care' })).toMatchObject({ ok: true });
    const invite = seed.invites.find((i) => i.serviceId === 'social-care' && i.state === 'sent' && i.residentName === 'Priya Patel');
    if (invite === undefined) throw new Error('no open invite');
    expect(await kiosk.confirmInvite({ inviteCode: invite.inviteCode, email: invite.email })).toMatchObject({ ok: true });
    expect(await kiosk.sendEmailCode({ email: invite.email })).toMatchObject({ ok: true });
    await store.refresh();
    const emailCode = store.messages[0];
    expect(emailCode?.title).toBe('Norfolk County Council account verification code');
    expect(emailCode?.code).toMatch(/^\d{6}$/);
    expect(await kiosk.verifyEmailCode({ code: emailCode?.code ?? '' })).toMatchObject({ ok: true });
    expect(await kiosk.createAccount({ givenName: 'Jane', surname: 'Smith', password: 'Kiosk-Test-2026' })).toMatchObject({ ok: true });
    expect(await kiosk.startPhoneCheck({ phoneNumber: '+441603222222', method: 'call' })).toMatchObject({ ok: true });
    await store.refresh();
    const call = store.messages[0]?.call;
    expect(call?.state).toBe('ringing');
    expect(await store.press(call?.callId ?? '', '#')).toBeUndefined();
    expect(store.messages[0]?.call?.state).toBe('confirmed');
  });
});
