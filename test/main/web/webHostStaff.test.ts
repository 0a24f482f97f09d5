import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { startWebHost } from '../../../main/web/webHost.ts';
import type { WebHost } from '../../../main/web/webHost.ts';
import { simulatorOf } from '../assisted/assistedFixture.ts';
import { startTestCore } from '../kioskCoreFixture.ts';
import { cookieFor, httpCall, openEventStream } from './webHostClient.ts';

// The web host's two pages over real HTTP on 127.0.0.1: the kiosk page and the staff page, each
// with its own one-time address and cookie, each call and stream taking its role from the cookie.

let core: KioskCore;
let host: WebHost;
let kioskCookie: string;
let staffCookie: string;
let staticDir: string;

beforeAll(async () => {
  staticDir = join(await mkdtemp(join(tmpdir(), 'kiosk-static-')), 'renderer');
  await mkdir(staticDir, { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  core = await startTestCore();
  host = await startWebHost({ core, staticDir, port: 0 });
  kioskCookie = await cookieFor(host, host.launchUrl);
  staffCookie = await cookieFor(host, host.staffUrl);
});
afterAll(async () => {
  await host.close();
  await core.close();
});

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

const info = async (cookie: string) => (await httpCall(host, cookie, 'kiosk:info', {})).value as { page: string; staffEntry: boolean };

describe('the web host with a staff page', () => {
  it('serves both pages to one browser: each area admits its own cookie only', async () => {
    const both = `${kioskCookie}; ${staffCookie}`;
    const call = async (base: string, cookie: string) => {
      const response = await fetch(`${host.origin}${base}/api/call/kiosk%3Ainfo`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
      return { status: response.status, body: (await response.json()) as { ok: boolean; value?: { page: string } } };
    };
    expect((await call('', both)).body.value?.page).toBe('kiosk');
    expect((await call('/staff', both)).body.value?.page).toBe('staff');
    // Neither cookie opens the other's area.
    expect((await call('/staff', kioskCookie)).status).toBe(401);
    expect((await call('', staffCookie)).status).toBe(401);
    // The staff page is the same renderer, at /staff/.
    const page = await fetch(`${host.origin}/staff/`, { headers: { Cookie: both } });
    expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>kiosk</title>']);
  });

  it('prints a second one-time address whose cookie is the staff page', async () => {
    expect(host.staffUrl).toMatch(new RegExp(`^${host.origin}/staff/\\?staff=[\\w-]{32}$`));
    expect(staffCookie).toMatch(/^kiosk-staff=[\w-]{43}$/);
    expect(await cookieFor(host, host.staffUrl).catch(() => 'used')).toBe('used');
    expect(await info(kioskCookie)).toEqual(expect.objectContaining({ page: 'kiosk', staffEntry: true }));
    expect(await info(staffCookie)).toEqual(expect.objectContaining({ page: 'staff' }));
  });

  it('with the staff stream open: two displays, staff calls only from the staff page, and each stream gets its own events', async () => {
    const kioskStream = await openEventStream(host, kioskCookie);
    const staffStream = await openEventStream(host, staffCookie);
    await until(async () => !(await info(kioskCookie)).staffEntry);

    const { caseworker, invites } = simulatorOf(core).seed;
    const refused = await httpCall(host, kioskCookie, 'staff:sign-in-password', { staffId: caseworker.staffId, password: caseworker.password });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await httpCall(host, staffCookie, 'registration:start', { serviceId: 'social-care' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect((await httpCall(host, staffCookie, 'staff:sign-in-password', { staffId: caseworker.staffId, password: caseworker.password })).ok).toBe(true);
    expect((await httpCall(host, staffCookie, 'staff:pin-choose', { pin: '4321' })).ok).toBe(true);
    const invite = invites.find((i) => i.email === 'alex.green@example.org')!;
    expect((await httpCall(host, staffCookie, 'assisted:start', { inviteId: invite.inviteId })).ok).toBe(true);
    const joined = (await httpCall(host, kioskCookie, 'assisted:join', {})).value as { session: string };
    expect((await httpCall(host, kioskCookie, 'assisted:typing', { session: joined.session, field: 'email' })).ok).toBe(true);
    await staffStream.next((e) => e.channel === 'staff:view' && e.data.includes('"typing":"email"'));
    await kioskStream.next((e) => e.channel === 'assisted:resident' && e.data.includes('"phase":"reading_code"'));

    expect(staffStream.events.map((e) => e.channel)).not.toContain('assisted:resident');
    expect(kioskStream.events.filter((e) => e.channel === 'staff:view' && e.data.includes('"displays":"two"'))).toEqual([]);
    expect(staffStream.events.some((e) => e.data.includes(joined.session))).toBe(false);

    // The staff page goes away: one display again, and the resident carries on.
    staffStream.close();
    await until(async () => (await info(kioskCookie)).staffEntry);
    expect(core.openSessions().sessions).toBe(1);
    // The kiosk page goes away: the resident's session ends with it.
    kioskStream.close();
    await until(() => core.openSessions().sessions === 0);
  });
});
