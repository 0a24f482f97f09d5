import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { sessionIdleLimitMs } from '../../../main/kioskCore.ts';
import { SESSION_IDLE_LIMIT_MS } from '../../../main/registration/registrationSession.ts';
import { DEFAULT_IDLE_SETTINGS } from '../../../shared/kioskConfig.ts';
import { startTestCore } from '../kioskCoreFixture.ts';

// IT's idle times (kiosk.json `idle`) reach the renderer through `kiosk:info`, and main's own
// limit on a resident's session follows them, a minute later than the screen's.

let core: KioskCore | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await core?.close();
  core = undefined;
});

describe("IT's idle times", () => {
  it('are 120 s and a 30 s warning unless IT sets others, with main one minute behind', () => {
    expect(DEFAULT_IDLE_SETTINGS).toEqual({ timeoutSeconds: 120, warningSeconds: 30 });
    expect(sessionIdleLimitMs(DEFAULT_IDLE_SETTINGS)).toBe(SESSION_IDLE_LIMIT_MS);
    expect(sessionIdleLimitMs({ timeoutSeconds: 300, warningSeconds: 60 })).toBe(420_000);
  });

  it('reach the renderer through kiosk:info', async () => {
    core = await startTestCore({ idle: { timeoutSeconds: 45, warningSeconds: 25 } });
    expect(await core.dispatcher.dispatch('kiosk:info', {})).toMatchObject({ ok: true, value: { idle: { timeoutSeconds: 45, warningSeconds: 25 } } });
  });

  it("end main's copy of an abandoned session after the configured times plus a minute", async () => {
    // Main's clock and timers are faked from before start (it reads the time when it starts),
    // still moving with real time so the embedded simulator's start-up is unchanged.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    core = await startTestCore({ idle: { timeoutSeconds: 45, warningSeconds: 25 } });
    const started = await core.dispatcher.dispatch('registration:start', { serviceId: 'social-care' });
    expect(started.ok).toBe(true);
    expect(core.openSessions().sessions).toBe(1);
    vi.advanceTimersByTime((45 + 25 + 60) * 1000 - 1000);
    expect(core.openSessions().sessions).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(core.openSessions().sessions).toBe(0);
  });
});
