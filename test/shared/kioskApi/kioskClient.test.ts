import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore } from '../../main/kioskCoreFixture.ts';
import { createKioskClient } from '../../../shared/kioskApi/kioskClient.ts';
import type { KioskTransport } from '../../../shared/kioskApi/kioskClient.ts';
import { kioskMethods } from '../../../shared/kioskApi/kioskContract.ts';

const core = await startTestCore();
afterAll(() => core.close());

// An in-process transport over the real dispatcher and event hub: the same path as IPC, minus Electron.
const direct: KioskTransport = {
  invoke: (channel, input) => core.dispatcher.dispatch(channel, input),
  subscribe: (channel, listener) => core.events.subscribe((c, payload) => c === channel && listener(payload)),
};

describe('kiosk client', () => {
  it('has one method per contract entry, plus on()', () => {
    const client = createKioskClient(direct);
    for (const name of Object.keys(kioskMethods)) expect(typeof (client as unknown as Record<string, unknown>)[name]).toBe('function');
    expect(typeof client.on).toBe('function');
  });

  it('calls main and returns its typed value', async () => {
    const client = createKioskClient(direct);
    const services = await client.listServices();
    expect(services.ok && services.value.services.map((s) => s.id)).toEqual(['social-care', 'childrens-services']);
    expect(await client.checkInviteCodeFormat({ code: '' })).toEqual({ ok: true, value: { kind: 'empty' } });
  });

  it('turns a transport failure into an internal error instead of rejecting', async () => {
    const client = createKioskClient({ ...direct, invoke: () => Promise.reject(new Error('socket hang up')) });
    expect(await client.listServices()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses an answer that breaks the contract', async () => {
    const client = createKioskClient({ ...direct, invoke: () => Promise.resolve({ ok: true, value: { kind: 'sure' } }) });
    expect(await client.checkInviteCodeFormat({ code: 'x' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('keeps the session handle to itself: adds it to each registration call, forgets it at the end', async () => {
    const sent: unknown[] = [];
    const client = createKioskClient({ ...direct, invoke: (channel, input) => (sent.push(input), direct.invoke(channel, input)) });
    expect(await client.startRegistration({ serviceId: 'social-care' })).toEqual({ ok: true, value: {} });
    const handle = (sent[0] as { session?: string }).session;
    expect(handle).toBeUndefined();
    const confirmed = await client.confirmInvite({ inviteCode: 'K7QM3XPD9WT8', email: 'nobody@example.org' });
    expect(confirmed).toMatchObject({ ok: false, error: { code: 'invite_not_found' } });
    const carried = (sent[1] as { session: string }).session;
    expect(carried).toMatch(/^[\w-]{32}$/);
    expect(await client.endRegistration()).toEqual({ ok: true, value: {} });
    expect((sent[2] as { session: string }).session).toBe(carried);
    expect(await client.getPhoneCheck()).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    expect((sent[3] as { session: string }).session).toBe('');
  });

  it('delivers valid events and drops malformed ones', () => {
    let emit: (payload: unknown) => void = () => {};
    const client = createKioskClient({ ...direct, subscribe: (_c, listener) => ((emit = listener), () => {}) });
    const received: unknown[] = [];
    client.on('queueStatus', (status) => received.push(status));
    const good = { depth: 0, oldestWaitingSeconds: null, lastSuccessAt: '2026-11-21T10:00:00.000Z', deadLetterCount: 0, online: true, storageFull: false };
    emit(good);
    emit({ depth: -1 });
    expect(received).toEqual([good]);
  });

  it('gives a listener added late the latest state this page received, once, and nothing after it stops', async () => {
    const emitters: ((payload: unknown) => void)[] = [];
    const client = createKioskClient({ ...direct, subscribe: (_c, listener) => (emitters.push(listener), () => {}) });
    const early: unknown[] = [];
    client.on('queueStatus', (status) => early.push(status));
    const first = { depth: 1, oldestWaitingSeconds: 5, lastSuccessAt: null, deadLetterCount: 0, online: true, storageFull: false };
    for (const emit of emitters) emit(first);
    const late: unknown[] = [];
    client.on('queueStatus', (status) => late.push(status));
    const stopped: unknown[] = [];
    client.on('queueStatus', (status) => stopped.push(status))();
    await Promise.resolve();
    expect(late).toEqual([first]);
    expect(stopped).toEqual([]);
    expect(early).toEqual([first]);
    const none: unknown[] = [];
    client.on('staffView', (view) => none.push(view));
    await Promise.resolve();
    expect(none).toEqual([]);
  });
});
