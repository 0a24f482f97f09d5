import type { KioskError, KioskErrorCode } from '../../shared/kioskApi/kioskResult.ts';

/**
 * An expected failure of a kiosk API call (a wrong code, the council unreachable, a step out of
 * order), thrown by a handler and answered by the dispatcher as `{ ok: false, error }`. Its
 * message is for developers and never carries personal data.
 */
export class KioskCallError extends Error {
  override name = 'KioskCallError';
  readonly code: KioskErrorCode;
  readonly details: Omit<KioskError, 'code' | 'message'>;

  constructor(code: KioskErrorCode, message: string, details: Omit<KioskError, 'code' | 'message'> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
