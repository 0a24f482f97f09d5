import { inject } from 'vue';
import type { InjectionKey } from 'vue';

/** Why a resident's session ended; kept for the welcome screen's wording, never stored. */
export type SessionEndReason = 'finished' | 'idle' | 'cancelled';

/** What the kiosk app provides to every component for ending a resident's session. */
export interface ResidentSession {
  /**
   * Ends the session: the whole Vue app (stores, router and its history, display options, every
   * screen) is unmounted and a fresh one mounted in its place, so nothing of this resident remains.
   */
  end(reason: SessionEndReason): void;
}

/** Injection key under which the kiosk app provides the session. */
export const residentSessionKey: InjectionKey<ResidentSession> = Symbol('residentSession');

/** The current resident's session; throws if used outside the kiosk app (a bug). */
export function useResidentSession(): ResidentSession {
  const session = inject(residentSessionKey);
  if (session === undefined) throw new Error('useResidentSession() used outside the kiosk app');
  return session;
}
