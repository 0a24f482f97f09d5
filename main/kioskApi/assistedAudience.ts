import type { KioskCaller, KioskAudienceCheck } from './kioskDispatcher.ts';

/** What the audience rule needs of the assisted desk. */
export interface DisplaysSource {
  displays(): 'one' | 'two';
}

/**
 * Assisted mode's audience rule: `any` for every page; `resident` for the kiosk page only;
 * `staff` for the staff page, or for the kiosk page only while there is one display (the
 * caseworker signs in there and holds the screen; each staff handler then checks the staff
 * session's state and who has the screen).
 */
export function assistedAudienceCheck(desk: DisplaysSource): KioskAudienceCheck {
  return (audience, caller: KioskCaller) => {
    if (audience === 'any') return true;
    if (audience === 'resident') return caller.page === 'kiosk';
    return caller.page === 'staff' || desk.displays() === 'one';
  };
}
