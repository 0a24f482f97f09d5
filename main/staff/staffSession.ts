import type { CaseworkerSession } from '../../shared/councilApi/caseworkerApi.ts';
import type { StaffDeviceSignIn, StaffSessionView } from '../../shared/kioskApi/staffView.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { logEvent } from '../log.ts';
import type { SignedInCaseworker, StaffCouncil } from './staffCouncil.ts';
import { StaffPin } from './staffPin.ts';
import { StaffSignIn } from './staffSignIn.ts';
import type { StaffSignInMethod } from './staffSignIn.ts';

/** What a staff session needs from the rest of main. */
export interface StaffSessionDeps {
  /** The council API client (`CouncilClient`), or a function giving it. */
  council: () => StaffCouncil;
  /** Seconds without staff activity before the console locks (`kiosk.json` `staff.lockSeconds`). */
  lockSeconds: number;
  now?: () => number;
  /**
   * Training only: approves a device sign-in as the caseworker's work device would, e.g.
   * `(userCode) => client.call('approveTrainingDeviceAuthorization', { body: { userCode } })`.
   * Absent on a live kiosk.
   */
  approveTraining?: (userCode: string) => Promise<unknown>;
}

/** Wrong PINs in a row before the caseworker is signed out. */
export const MAX_PIN_TRIES = 5;

// The longest delay a Node timer takes (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

type Who = SignedInCaseworker & { expiresAt: number };
type State =
  | { state: 'signed_out' }
  | { state: 'choose_pin'; who: Who; lastActivityAt: number }
  | { state: 'ready'; who: Who; pin: StaffPin; lastActivityAt: number; wrongPins: number }
  | { state: 'locked'; who: Who; pin: StaffPin; wrongPins: number };
type SignOutReason = 'sign_out' | 'pin_tries' | 'session_expired' | 'no_pin';

/**
 * The caseworker's staff session, in main only (never in renderer storage). It is a small state
 * machine, `signed_out` → `choose_pin` → `ready` ⇄ `locked` → `signed_out`:
 *
 * - Sign-in: `startDeviceSignIn()` shows a code and QR code (RFC 8628) and polls the council in
 *   the background, never faster than its `interval`, until the caseworker approves on their
 *   work device (or refuses, or it expires: the view says `denied` or `expired`); or the fallback
 *   `signInWithPassword()`, whose council errors (`caseworker_sign_in_failed` with
 *   `attemptsRemaining`, `caseworker_locked` with `retryAfterSeconds`) pass through. In training,
 *   `approveTraining()` approves the code on show.
 * - `choosePin()`: 4 to 8 digits, kept as a salted scrypt hash in memory; the console is `ready`.
 * - Lock: after `lockSeconds` with no `noteActivity()` or staff call (`requireReady()`), or by
 *   `lock()`. Locked, `caseworker()` still gives the token (the council session lasts the day)
 *   but nothing of a resident may show. `unlock()` with the PIN; five wrong PINs sign out. A
 *   session never given a PIN is signed out instead of locked.
 * - The council session's `expiresAt` signs out, as does `signOut()`.
 *
 * Time is read from the injected `now` at every call, and an `unref`ed timer re-checks it at the
 * next deadline, so the lock happens even with nobody calling. `onChange` listeners hear every
 * change of `view()`. Errors are `KioskCallError`s: `staff_signed_out`, `staff_locked`,
 * `pin_incorrect` (with `attemptsRemaining`), `step_out_of_order`, `not_training`, council codes.
 * Logged: how the caseworker signed in, lock, unlock, sign-out and why; never the staff id, PIN,
 * password or token.
 */
export class StaffSession {
  readonly #now: () => number;
  readonly #lockMs: number;
  readonly #listeners = new Set<() => void>();
  readonly #signIn: StaffSignIn;
  #s: State = { state: 'signed_out' };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastView = '';
  #closed = false;

  constructor(deps: StaffSessionDeps) {
    this.#now = deps.now ?? Date.now;
    this.#lockMs = deps.lockSeconds * 1000;
    this.#signIn = new StaffSignIn({
      council: deps.council,
      now: this.#now,
      approveTraining: deps.approveTraining,
      signedOut: () => this.state() === 'signed_out',
      signedIn: (session, method) => {
        this.#signedIn(session, method);
      },
      changed: () => {
        this.#emit();
      },
    });
    this.#lastView = JSON.stringify(this.#viewNow());
  }

  /** The session as the staff page shows it (`StaffView.staff`). */
  view(): StaffSessionView {
    this.#refresh();
    return this.#viewNow();
  }

  /** `signed_out`, `choose_pin`, `ready` or `locked`, as of now. */
  state(): StaffSessionView['state'] {
    this.#refresh();
    return this.#s.state;
  }

  /** The signed-in caseworker while `ready` or `locked`; undefined otherwise. */
  caseworker(): SignedInCaseworker | undefined {
    this.#refresh();
    return this.#s.state === 'ready' || this.#s.state === 'locked' ? this.#caseworkerOf(this.#s.who) : undefined;
  }

  /**
   * For every staff call but sign-in and unlock: the caseworker, when the console is `ready`
   * (and the call counts as activity); else `staff_signed_out` or `staff_locked`.
   */
  requireReady(): SignedInCaseworker {
    this.#refresh();
    const s = this.#s;
    if (s.state === 'signed_out') throw new KioskCallError('staff_signed_out', 'No caseworker is signed in on this kiosk');
    if (s.state === 'choose_pin') throw new KioskCallError('staff_locked', 'The caseworker has not chosen a PIN yet');
    if (s.state === 'locked') throw new KioskCallError('staff_locked', 'The staff console is locked');
    s.lastActivityAt = this.#now();
    this.#emit();
    return this.#caseworkerOf(s.who);
  }

  /** Listens to every change of `view()`; returns the function that stops listening. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** 'Sign in with your work device': a new device authorization on show, polled in the background. Replaces one on show. */
  startDeviceSignIn(): Promise<StaffDeviceSignIn> {
    return this.#signIn.startDevice();
  }

  /** Stops waiting for the device sign-in on show, if any. */
  cancelDeviceSignIn(): void {
    this.#signIn.cancel();
  }

  /** The fallback sign-in with staff id and password; the council's refusals pass through. */
  signInWithPassword(staffId: string, password: string): Promise<void> {
    return this.#signIn.withPassword(staffId, password);
  }

  /** Training: approves the device sign-in on show, as the caseworker's work device would; the next poll signs in. */
  approveTraining(): Promise<void> {
    return this.#signIn.approveTraining();
  }

  /** After sign-in: the PIN that unlocks the console (4 to 8 digits, else `invalid_input`). The console is then `ready`. */
  async choosePin(pin: string): Promise<void> {
    this.#refresh();
    const s = this.#s;
    if (s.state === 'signed_out') throw new KioskCallError('staff_signed_out', 'No caseworker is signed in on this kiosk');
    if (s.state !== 'choose_pin') throw new KioskCallError('step_out_of_order', 'A PIN was already chosen');
    const hashed = await StaffPin.choose(pin);
    if (this.#s !== s) throw new KioskCallError('staff_signed_out', 'The caseworker was signed out meanwhile');
    this.#s = { state: 'ready', who: s.who, pin: hashed, lastActivityAt: this.#now(), wrongPins: 0 };
    logEvent('staff.pin_chosen', {});
    this.#changed();
  }

  /**
   * Unlocks a locked console with the PIN; when `ready` (one display, 'Hand back to staff') it
   * checks the PIN the same way. A wrong PIN is `pin_incorrect` with `attemptsRemaining`; the
   * fifth in a row signs the caseworker out (and says `attemptsRemaining: 0`).
   */
  async unlock(pin: string): Promise<void> {
    this.#refresh();
    const before = this.#s;
    if (before.state === 'signed_out') throw new KioskCallError('staff_signed_out', 'No caseworker is signed in on this kiosk');
    if (before.state === 'choose_pin') throw new KioskCallError('step_out_of_order', 'Choose a PIN first');
    const right = await before.pin.matches(pin);
    this.#refresh();
    const s = this.#s;
    if ((s.state !== 'ready' && s.state !== 'locked') || s.pin !== before.pin) {
      throw new KioskCallError('staff_signed_out', 'The caseworker was signed out meanwhile');
    }
    if (right) {
      if (s.state === 'locked') logEvent('staff.unlocked', {});
      this.#s = { state: 'ready', who: s.who, pin: s.pin, lastActivityAt: this.#now(), wrongPins: 0 };
      this.#changed();
      return;
    }
    s.wrongPins += 1;
    const attemptsRemaining = Math.max(0, MAX_PIN_TRIES - s.wrongPins);
    logEvent('staff.pin_refused', { attemptsRemaining });
    if (attemptsRemaining === 0) this.#signOut('pin_tries');
    throw new KioskCallError('pin_incorrect', attemptsRemaining === 0 ? 'Wrong PIN: signed out' : 'Wrong PIN', { attemptsRemaining });
  }

  /** Locks the console now. Before a PIN is chosen there is nothing to unlock with, so it signs out instead. */
  lock(): void {
    this.#refresh();
    if (this.#s.state === 'ready') this.#lockNow('manual');
    else if (this.#s.state === 'choose_pin') this.#signOut('no_pin');
  }

  /**
   * 'Sign out': forgets the council token and the PIN (or stops the device sign-in on show). Pass
   * `session_expired` when the council answered `caseworker_session_invalid` to a staff call.
   */
  signOut(reason: 'sign_out' | 'session_expired' = 'sign_out'): void {
    if (this.#s.state === 'signed_out') this.#signIn.cancel();
    else this.#signOut(reason);
  }

  /** The caseworker touched or typed on the console: the lock waits `lockSeconds` from now. */
  noteActivity(): void {
    this.#refresh();
    if (this.#s.state !== 'ready' && this.#s.state !== 'choose_pin') return;
    this.#s.lastActivityAt = this.#now();
    this.#emit();
  }

  /** Stops the timers (shutdown, tests). The state stays as it is. */
  close(): void {
    this.#closed = true;
    this.#signIn.clear();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #caseworkerOf(who: Who): SignedInCaseworker {
    return { token: who.token, staffId: who.staffId, displayName: who.displayName };
  }

  #signedIn(session: CaseworkerSession, method: StaffSignInMethod): void {
    const who = { token: session.caseworkerToken, staffId: session.staffId, displayName: session.displayName, expiresAt: Date.parse(session.expiresAt) };
    this.#s = { state: 'choose_pin', who, lastActivityAt: this.#now() };
    logEvent('staff.signed_in', { method });
    this.#changed();
  }

  #lockNow(reason: 'idle' | 'manual'): void {
    if (this.#s.state !== 'ready') return;
    this.#s = { state: 'locked', who: this.#s.who, pin: this.#s.pin, wrongPins: this.#s.wrongPins };
    logEvent('staff.locked', { reason });
    this.#changed();
  }

  #signOut(reason: SignOutReason): void {
    this.#s = { state: 'signed_out' };
    logEvent('staff.signed_out', { reason });
    this.#changed();
  }

  // Applies what the clock says: the council session's end, the inactivity lock, a device
  // sign-in's expiry (the poller ends it too, at its next wake-up).
  #refresh(): void {
    const s = this.#s;
    const now = this.#now();
    if (s.state === 'signed_out') {
      this.#signIn.refresh();
      return;
    }
    if (now >= s.who.expiresAt) this.#signOut('session_expired');
    else if (s.state === 'choose_pin' && now >= s.lastActivityAt + this.#lockMs) this.#signOut('no_pin');
    else if (s.state === 'ready' && now >= s.lastActivityAt + this.#lockMs) this.#lockNow('idle');
  }

  // One timer for the next deadline (lock or council expiry). It runs on real time and checks
  // the injected clock; when activity moved the deadline, it waits again for the rest.
  #arm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const s = this.#s;
    if (this.#closed || s.state === 'signed_out') return;
    const deadline = s.state === 'locked' ? s.who.expiresAt : Math.min(s.who.expiresAt, s.lastActivityAt + this.#lockMs);
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, deadline - this.#now()));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#refresh();
      this.#arm();
    }, delay);
    this.#timer.unref();
  }

  #changed(): void {
    this.#arm();
    this.#emit();
  }

  #viewNow(): StaffSessionView {
    const s = this.#s;
    if (s.state === 'signed_out') return { state: s.state, deviceSignIn: this.#signIn.view() };
    if (s.state === 'ready') return { state: s.state, displayName: s.who.displayName, lockAt: new Date(s.lastActivityAt + this.#lockMs).toISOString() };
    return { state: s.state, displayName: s.who.displayName };
  }

  // Tells the listeners when the view changed since they last heard.
  #emit(): void {
    const view = JSON.stringify(this.#viewNow());
    if (view === this.#lastView) return;
    this.#lastView = view;
    for (const listener of [...this.#listeners]) listener();
  }
}
