import type { WebContents } from 'electron';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import type { SlipPrinter } from '../kioskApi/slipPrinter.ts';
import { logEvent } from '../log.ts';

/** The parts of `WebContents` printing touches. */
export type PrintingContents = Pick<WebContents, 'print' | 'getPrintersAsync'>;

// Electron's failure reasons, as short codes for the log.
const FAILURE_CODES: Record<string, string> = {
  'Invalid printer settings': 'invalid_settings',
  'Print job canceled': 'canceled',
  'Print job failed': 'failed',
};

/**
 * Prints the kiosk page (whose print style sheet shows only the slip) silently, to the printer IT
 * named (`KIOSK_PRINTER`): never the OS print dialog, whose "print to file" opens a file chooser.
 * Without a configured printer, or when the machine does not have it, the printer is unavailable
 * and the slip screen says so. Printer names are not logged (IT chose them, but they may hold a
 * site's name); failures are, by Electron's reason.
 */
export function electronSlipPrinter(contents: () => PrintingContents | undefined, deviceName: string | undefined): SlipPrinter {
  const target = async (): Promise<PrintingContents | undefined> => {
    const page = contents();
    if (deviceName === undefined || page === undefined) return undefined;
    const printers = await page.getPrintersAsync();
    return printers.some((printer) => printer.name === deviceName) ? page : undefined;
  };
  return {
    available: async () => (await target()) !== undefined,
    async print() {
      const page = await target();
      if (page === undefined || deviceName === undefined) {
        throw new KioskCallError('printer_unavailable', 'No slip printer is configured on this kiosk, or it is not connected');
      }
      await new Promise<void>((resolve, reject) => {
        page.print({ silent: true, deviceName, printBackground: false, color: false }, (success, failureReason) => {
          if (success) {
            logEvent('electron.slip_printed', {});
            resolve();
            return;
          }
          logEvent('electron.print_failed', { reason: FAILURE_CODES[failureReason] ?? 'other' });
          reject(new KioskCallError('print_failed', 'The slip printer did not print'));
        });
      });
    },
  };
}
