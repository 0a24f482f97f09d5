import { EventEmitter } from 'node:events';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, Session, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppProtocolHandler } from '../../../main/electron/appProtocol.ts';
import { forwardKioskEvents, isTrustedSender, registerKioskIpc } from '../../../main/electron/ipcBridge.ts';
import { claimSingleInstance } from '../../../main/electron/singleInstance.ts';
import { denyAllPermissions, hardenWebContents } from '../../../main/electron/windowHardening.ts';
import { kioskMethods } from '../../../shared/kioskApi/kioskContract.ts';
import { startTestCore } from '../kioskCoreFixture.ts';

// Electron cannot start on the build machines, so its objects are stood in for by small fakes
// that record what the wiring does to them; the types still come from Electron's own.

function preventable(url = ''): { url: string; prevented: boolean; preventDefault(): void } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function frame(url: string, parent: unknown = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain;
}

describe('web contents hardening', () => {
  const contents = new EventEmitter() as EventEmitter & { openHandler?: (d: { url: string }) => { action: string } };
  const fake = Object.assign(contents, {
    setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
      contents.openHandler = handler;
    },
  });
  hardenWebContents(fake as unknown as WebContents);

  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'not a url'])('blocks navigation to %s', (url) => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = preventable(url);
      contents.emit(name, event);
      expect(event.prevented).toBe(true);
    }
  });

  it('lets the kiosk page navigate within its own origin', () => {
    const event = preventable(`${APP_ORIGIN}/index.html`);
    contents.emit('will-navigate', event);
    expect(event.prevented).toBe(false);
  });

  it('denies new windows and webviews', () => {
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const event = preventable();
    contents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });
});

describe('permissions', () => {
  it('are all denied, and so are downloads', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    const session = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    });
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined;
      request?.({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
    }
    expect(check?.()).toBe(false);
    const download = preventable();
    session.emit('will-download', download);
    expect(download.prevented).toBe(true);
  });
});

describe('IPC bridge', () => {
  it('trusts only the top frame of the kiosk origin', () => {
    expect(isTrustedSender({ senderFrame: frame(`${APP_ORIGIN}/index.html`) })).toBe(true);
    expect(isTrustedSender({ senderFrame: frame(`${APP_ORIGIN}/index.html`, frame(`${APP_ORIGIN}/`)) })).toBe(false);
    expect(isTrustedSender({ senderFrame: frame('https://evil.example/') })).toBe(false);
    expect(isTrustedSender({ senderFrame: frame('file:///index.html') })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });

  it('serves every contract channel through the dispatcher and refuses untrusted frames', async () => {
    const core = await startTestCore();
    const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>();
    registerKioskIpc({ handle: (channel: string, h: never) => handlers.set(channel, h) }, core.dispatcher, (id) => (id === 1 ? 'kiosk' : undefined));
    expect([...handlers.keys()].sort()).toEqual(Object.values(kioskMethods).map((m) => m.channel).sort());

    const check = handlers.get('invite:check-format')!;
    const trusted = { sender: { id: 1 }, senderFrame: frame(`${APP_ORIGIN}/index.html`) } as unknown as IpcMainInvokeEvent;
    const untrusted = { sender: { id: 1 }, senderFrame: frame('https://evil.example/') } as unknown as IpcMainInvokeEvent;
    expect(await check(trusted, { code: 'K7QM3XPD9WT8' })).toEqual({ ok: true, value: { kind: 'ok', code: 'K7QM3XPD9WT8' } });
    expect(await check(untrusted, { code: 'K7QM3XPD9WT8' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await check(trusted, { code: 7 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await core.close();
  });

  it('forwards events to the window until it is destroyed or forwarding stops', async () => {
    const core = await startTestCore();
    const sent: unknown[][] = [];
    let destroyed = false;
    const stop = forwardKioskEvents(core.events, { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => destroyed }, core.eventFilterFor('kiosk'));
    const status = { depth: 1, oldestWaitingSeconds: 0, lastSuccessAt: null, deadLetterCount: 0, online: false, storageFull: false };
    core.events.publish('queueStatus', status);
    destroyed = true;
    core.events.publish('queueStatus', { ...status, depth: 2 });
    destroyed = false;
    stop();
    core.events.publish('queueStatus', { ...status, depth: 3 });
    expect(sent.filter(([, payload]) => (payload as { depth: number }).depth > 0)).toEqual([['queue:status', status]]);
    await core.close();
  });
});

describe('app:// protocol', async () => {
  const base = await mkdtemp(join(tmpdir(), 'kiosk-protocol-'));
  const dir = join(base, 'renderer');
  await mkdir(dir);
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(base, 'secret.txt'), 'outside');
  const handle = createAppProtocolHandler(dir);

  it('serves renderer files with the CSP', async () => {
    const response = await handle(new Request(`${APP_ORIGIN}/index.html`));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it.each([`${APP_ORIGIN}/../secret.txt`, `${APP_ORIGIN}/%2e%2e/secret.txt`, 'app://other/index.html', `${APP_ORIGIN}/missing.js`])(
    'answers 404 for %s',
    async (url) => {
      const response = await handle(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside');
    },
  );

  it('refuses methods other than GET', async () => {
    expect((await handle(new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});

describe('single instance', () => {
  function fakeApp(gotLock: boolean) {
    const app = new EventEmitter() as EventEmitter & { quitCalled: boolean };
    app.quitCalled = false;
    return Object.assign(app, {
      requestSingleInstanceLock: () => gotLock,
      quit: () => {
        app.quitCalled = true;
      },
    });
  }

  it('the second instance quits without starting', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, () => {})).toBe(false);
    expect(app.quitCalled).toBe(true);
  });

  it('the first instance focuses its window when a second one is launched', () => {
    const app = fakeApp(true);
    let focused = 0;
    expect(claimSingleInstance(app as never, () => focused++)).toBe(true);
    app.emit('second-instance');
    expect(focused).toBe(1);
    expect(app.quitCalled).toBe(false);
  });
});
