/**
 * When the kiosk may look for an update and when it may install one. Updates come from a
 * council-hosted server and are off unless IT's configuration names one. Installing restarts the
 * app, so it happens only at the welcome screen with nobody using the kiosk (no resident's
 * registration, no caseworker session, no touch for a while), and, if IT set an hour, only in
 * that hour. Never during a session. A pure function of the situation, so every rule is tested.
 */

/** What the updater knows when it asks. */
export interface UpdateSituation {
  /** Local time now. */
  now: Date;
  /** The council's update server (`updates.url`); undefined: updates are off. */
  updateUrl: string | undefined;
  /** IT's install hour (`updates.hour`, 0–23, local time); undefined: any quiet moment. */
  installHour: number | undefined;
  /** Whether the welcome screen is showing. */
  atWelcome: boolean;
  /** Whether a resident's registration or a caseworker's session is open in main. */
  sessionOpen: boolean;
  /** Milliseconds since the last touch or key on the kiosk. */
  quietForMs: number;
  /** Whether an update has been downloaded and waits to be installed. */
  updateReady: boolean;
  /** When the server was last asked (ms since the epoch), or null if never. */
  lastCheckAt: number | null;
}

/** What the updater should do now, and why (for the log). */
export type UpdateDecision =
  | { action: 'install' }
  | { action: 'check' }
  | { action: 'wait'; reason: 'updates_off' | 'in_use' | 'not_quiet' | 'not_install_hour' | 'checked_recently' };

/** Nobody has touched the kiosk for this long at the welcome screen: nobody is using it. */
export const QUIET_BEFORE_INSTALL_MS = 5 * 60 * 1000;

/** The update server is asked at most this often. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** Decides whether to install a waiting update, look for one, or wait. */
export function decideUpdate(situation: UpdateSituation): UpdateDecision {
  if (situation.updateUrl === undefined) return { action: 'wait', reason: 'updates_off' };
  if (situation.sessionOpen || !situation.atWelcome) return { action: 'wait', reason: 'in_use' };
  if (situation.updateReady) {
    if (situation.quietForMs < QUIET_BEFORE_INSTALL_MS) return { action: 'wait', reason: 'not_quiet' };
    if (situation.installHour !== undefined && situation.now.getHours() !== situation.installHour) return { action: 'wait', reason: 'not_install_hour' };
    return { action: 'install' };
  }
  if (situation.lastCheckAt !== null && situation.now.getTime() - situation.lastCheckAt < CHECK_INTERVAL_MS) {
    return { action: 'wait', reason: 'checked_recently' };
  }
  return { action: 'check' };
}
