import { inject } from 'vue';
import type { InjectionKey } from 'vue';

/** Every reason a resident's session can end; kept for the welcome screen's wording, never stored. */
export const SESSION_END_REASONS = ['finished', 'idle', 'cancelled'] as const;

/** Why a resident's session ended. */
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** What the kiosk app provides to every component for ending a resident's session. */
export interface ResidentSession {
  /**
   * Ends the session: main forgets it, and the page is loaded afresh (a new JavaScript world),
   * so nothing of this resident remains in the renderer.
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
