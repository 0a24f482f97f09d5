import { describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import type { SlipPrinter } from '../../../main/kioskApi/slipPrinter.ts';
import { startTestCore } from '../kioskCoreFixture.ts';

// The slip printer is the host's (Electron's silent printing, tested in test/main/electron/);
// here a stand-in printer records what main asks of it through the kiosk API.
function recordingPrinter(available: boolean, fails = false): SlipPrinter & { printed: number } {
  return {
    printed: 0,
    available: () => Promise.resolve(available),
    print() {
      if (fails) return Promise.reject(new KioskCallError('print_failed', 'The slip printer did not print'));
      this.printed += 1;
      return Promise.resolve();
    },
  };
}

describe('slip:print', () => {
  it('without a printer (the web host): kiosk:info says so, and printing is refused', async () => {
    const core = await startTestCore();
    try {
      expect(await core.dispatcher.dispatch('kiosk:info', {})).toMatchObject({ ok: true, value: { slipPrinter: false } });
      expect(await core.dispatcher.dispatch('slip:print', {})).toMatchObject({ ok: false, error: { code: 'printer_unavailable' } });
    } finally {
      await core.close();
    }
  });

  it("with the host's printer: kiosk:info says so, and main prints", async () => {
    const printer = recordingPrinter(true);
    const core = await startTestCore({ slipPrinter: printer });
    try {
      expect(await core.dispatcher.dispatch('kiosk:info', {})).toMatchObject({ ok: true, value: { slipPrinter: true } });
      expect(await core.dispatcher.dispatch('slip:print', {})).toEqual({ ok: true, value: {} });
      expect(printer.printed).toBe(1);
      expect(await core.dispatcher.dispatch('slip:print', { copies: 99 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(printer.printed).toBe(1);
    } finally {
      await core.close();
    }
  });

  it("passes on the printer's failure as print_failed", async () => {
    const core = await startTestCore({ slipPrinter: recordingPrinter(true, true) });
    try {
      expect(await core.dispatcher.dispatch('slip:print', {})).toMatchObject({ ok: false, error: { code: 'print_failed' } });
    } finally {
      await core.close();
    }
  });
});
