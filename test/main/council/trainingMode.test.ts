import { describe, expect, it } from 'vitest';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { startCouncilSimulator } from '../../../main/council/simulator/councilSimulator.ts';
import { startTestCore } from '../kioskCoreFixture.ts';

// Training mode: without a council API configured, the kiosk core starts the simulator
// embedded on 127.0.0.1 and enrols itself; with one, it does not, and says it is live.

describe('training mode', () => {
  it('starts the simulator embedded, enrolled, and says "training"', async () => {
    const core = await startTestCore();
    try {
      expect(core.training?.simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await core.dispatcher.dispatch('kiosk:info', {})).toEqual({ ok: true, value: { mode: 'training', councilName: 'Norfolk County Council', slipPrinter: false, idle: { timeoutSeconds: 120, warningSeconds: 30 }, page: 'kiosk', staffEntry: true } });
      // The seeded enrolment token was used by the kiosk itself: the embedded simulator has one device.
      expect(core.training!.simulator.state.devices.size).toBe(1);
      expect(core.training!.simulator.state.enrolmentTokens.size).toBe(0);
      const seed = await new CouncilClient({ baseUrl: core.training!.simulator.url }).call('getTrainingSeed');
      expect(seed.invites).toHaveLength(8);
    } finally {
      await core.close();
    }
  });

  it('stops the embedded simulator when the core closes', async () => {
    const core = await startTestCore();
    const url = core.training!.simulator.url;
    await core.close();
    await expect(fetch(`${url}/training/clock`)).rejects.toThrow();
  });

  it('runs live, with no simulator and no banner, when a council API is configured', async () => {
    const council = await startCouncilSimulator();
    try {
      const enrolment = await new CouncilClient({ baseUrl: council.url }).enrolDevice({ enrolmentToken: council.seed.enrolmentToken, deviceName: 'live-kiosk' });
      const core = await startTestCore({ councilApi: { baseUrl: council.url, deviceCredential: enrolment.credential } });
      try {
        expect(core.training).toBeUndefined();
        expect(await core.dispatcher.dispatch('kiosk:info', {})).toEqual({ ok: true, value: { mode: 'live', councilName: 'Norfolk County Council', slipPrinter: false, idle: { timeoutSeconds: 120, warningSeconds: 30 }, page: 'kiosk', staffEntry: true } });
      } finally {
        await core.close();
      }
    } finally {
      await council.close();
    }
  });

  it('refuses arguments on kiosk:info', async () => {
    const core = await startTestCore();
    try {
      expect(await core.dispatcher.dispatch('kiosk:info', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await core.close();
    }
  });
});
