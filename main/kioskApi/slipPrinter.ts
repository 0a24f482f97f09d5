/**
 * The printer for the resident's slip, as the host provides it: the Electron kiosk prints
 * silently to the printer IT configured; the web host has none (the browser's own print dialog
 * would be a way out of the kiosk).
 */
export interface SlipPrinter {
  /** Whether IT configured a printer and the machine has it now. */
  available(): Promise<boolean>;
  /** Prints the slip now, with no dialog; throws `KioskCallError` (`printer_unavailable`, `print_failed`). */
  print(): Promise<void>;
}
