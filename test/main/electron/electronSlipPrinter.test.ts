import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronSlipPrinter } from '../../../main/electron/electronSlipPrinter.ts';
import { capturedLog } from './electronFakes.ts';

const logged = capturedLog();

describe('slip printing', () => {
  function page(printers: string[], outcome: [boolean, string] = [true, '']) {
    const jobs: unknown[] = [];
    return {
      jobs,
      contents: {
        getPrintersAsync: () => Promise.resolve(printers.map((name) => ({ name, displayName: name, description: '', options: {} }))),
        print: (options: unknown, callback: (success: boolean, reason: string) => void) => {
          jobs.push(options);
          callback(...outcome);
        },
      } as unknown as WebContents,
    };
  }

  it('prints silently to the printer IT named: never a dialog', async () => {
    const { contents, jobs } = page(['Office', 'Slip-Printer']);
    const printer = electronSlipPrinter(() => contents, 'Slip-Printer');
    expect(await printer.available()).toBe(true);
    await printer.print();
    expect(jobs).toEqual([{ silent: true, deviceName: 'Slip-Printer', printBackground: false, color: false }]);
  });

  it('is unavailable without a configured printer, or when the machine does not have it', async () => {
    const { contents, jobs } = page(['Office']);
    for (const printer of [electronSlipPrinter(() => contents, undefined), electronSlipPrinter(() => contents, 'Slip-Printer')]) {
      expect(await printer.available()).toBe(false);
      await expect(printer.print()).rejects.toMatchObject({ code: 'printer_unavailable' });
    }
    expect(jobs).toEqual([]);
  });

  it('says when the printer did not print, and logs why', async () => {
    const { contents } = page(['Slip-Printer'], [false, 'Print job failed']);
    await expect(electronSlipPrinter(() => contents, 'Slip-Printer').print()).rejects.toMatchObject({ code: 'print_failed' });
    expect(logged).toMatchObject([{ event: 'electron.print_failed', reason: 'failed' }]);
  });
});
