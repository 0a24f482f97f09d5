import { useKiosk } from '../kiosk/kioskApi.ts';
import { useResidentSession } from '../session/residentSession.ts';
import type { SessionEndReason } from '../session/residentSession.ts';

/**
 * Ends the resident's registration from a screen ('Finish', 'Start again'): main is told to
 * forget the session's council credentials and details, then the whole app is remounted clean.
 * The remount happens even if main cannot be told (it also forgets at the next start).
 */
export function useEndRegistration(): (reason: SessionEndReason) => Promise<void> {
  const session = useResidentSession();
  return async (reason) => {
    try {
      await useKiosk().endRegistration();
    } catch {
      // Not connected: nothing in main to forget; the remount below still clears the screen.
    }
    session.end(reason);
  };
}
