import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { clearResidentTraces, endSessionWithPage } from '../../../main/electron/residentSessionGuard.ts';
import type { ResidentTraceStore } from '../../../main/electron/residentSessionGuard.ts';

// Electron's objects stood in for by fakes that record what is done to them (Electron cannot
// start on the build machines); the types come from Electron's own.

function fakeStore(): ResidentTraceStore & { cleared: string[] } {
  const cleared: string[] = [];
  return {
    cleared,
    clearStorageData: () => {
      cleared.push('storage');
      return Promise.resolve();
    },
    clearCache: () => {
      cleared.push('cache');
      return Promise.resolve();
    },
    clearAuthCache: () => {
      cleared.push('auth');
      return Promise.resolve();
    },
  };
}

function fakeContents(): { contents: WebContents; emitter: EventEmitter; store: ReturnType<typeof fakeStore> } {
  const emitter = new EventEmitter();
  const store = fakeStore();
  Object.assign(emitter, { session: store });
  return { contents: emitter as unknown as WebContents, emitter, store };
}

const navigation = (isMainFrame: boolean, isSameDocument: boolean) => ({ url: 'app://kiosk/index.html?ended=finished', isMainFrame, isSameDocument });

describe("the resident's session ends with the page", () => {
  it('clears storage, cache and HTTP authentication', async () => {
    const store = fakeStore();
    await clearResidentTraces(store);
    expect(store.cleared.toSorted()).toEqual(['auth', 'cache', 'storage']);
  });

  it('ends the session and clears traces when the main frame loads a new document', async () => {
    const { contents, emitter, store } = fakeContents();
    let ended = 0;
    endSessionWithPage(contents, () => (ended += 1));
    emitter.emit('did-start-navigation', navigation(true, true));
    emitter.emit('did-start-navigation', navigation(false, false));
    expect(ended).toBe(0);
    emitter.emit('did-start-navigation', navigation(true, false));
    expect(ended).toBe(1);
    await Promise.resolve();
    expect(store.cleared.toSorted()).toEqual(['auth', 'cache', 'storage']);
  });

  it('ends the session when the renderer process is gone or the page destroyed', () => {
    const { contents, emitter } = fakeContents();
    let ended = 0;
    endSessionWithPage(contents, () => (ended += 1));
    emitter.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(ended).toBe(1);
    emitter.emit('destroyed');
    expect(ended).toBe(2);
  });
});
