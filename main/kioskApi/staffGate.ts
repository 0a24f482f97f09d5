import type { AssistedDesk } from '../assisted/assistedDesk.ts';
import type { StaffSessionPort } from '../assisted/staffSessionPort.ts';
import { KioskCallError } from './kioskCallError.ts';
import type { KioskCaller } from './kioskDispatcher.ts';

/**
 * The staff state every staff handler checks before it acts, beyond the audience rule: nobody
 * signed in is `staff_signed_out`; a locked console (or one still choosing its PIN), or the
 * kiosk page while the resident has the screen, is `staff_locked`.
 */
export class StaffGate {
  readonly #desk: Pick<AssistedDesk, 'screen'>;
  readonly #staff: Pick<StaffSessionPort, 'view' | 'requireReady'>;

  constructor(desk: Pick<AssistedDesk, 'screen'>, staff: Pick<StaffSessionPort, 'view' | 'requireReady'>) {
    this.#desk = desk;
    this.#staff = staff;
  }

  /** Signed in, unlocked, and (on the kiosk page) holding the screen; the call counts as the caseworker's activity. */
  ready(caller: KioskCaller): void {
    this.signedIn(caller);
    this.#staff.requireReady();
  }

  /** Signed in (locked or not), and on the kiosk page holding the screen unless `anyScreen`. */
  signedIn(caller: KioskCaller, anyScreen = false): void {
    if (this.#staff.view().state === 'signed_out') throw new KioskCallError('staff_signed_out', 'Nobody is signed in as staff on this kiosk: sign in first');
    if (!anyScreen) this.#holding(caller);
  }

  /** Signing in: nobody signed in yet; on the kiosk page a signed-in caseworker's console is not reopened without the PIN. */
  signingIn(caller: KioskCaller): void {
    if (this.#staff.view().state !== 'signed_out' && caller.page === 'kiosk' && this.#desk.screen() === 'resident') {
      throw new KioskCallError('staff_locked', 'A caseworker is signed in: hand back to staff with their PIN');
    }
  }

  #holding(caller: KioskCaller): void {
    if (caller.page === 'kiosk' && this.#desk.screen() !== 'staff') {
      throw new KioskCallError('staff_locked', 'The resident has the screen: hand back to staff with your PIN');
    }
  }
}
