import type { StaffDeviceSignIn, StaffSessionView } from '../../shared/kioskApi/staffView.ts';

/** The signed-in caseworker, as main's parts need them: the council token and names, never a password or PIN. */
export interface StaffCaseworker {
  token: string;
  staffId: string;
  displayName: string;
}

/**
 * What the assisted desk and the staff handlers need of the staff session (`main/staff/`): who
 * is signed in, the view the console shows, its changes, and the caseworker's own actions.
 */
export interface StaffSessionPort {
  /** The caseworker, only while signed in (locked included); undefined otherwise. */
  caseworker(): StaffCaseworker | undefined;
  view(): StaffSessionView;
  /** Listens to every change of the staff session; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** The caseworker when the console is ready (the call counts as activity); else `staff_signed_out` or `staff_locked`. */
  requireReady(): StaffCaseworker;
  startDeviceSignIn(): Promise<StaffDeviceSignIn>;
  cancelDeviceSignIn(): void;
  signInWithPassword(staffId: string, password: string): Promise<void>;
  approveTraining(): Promise<void>;
  choosePin(pin: string): Promise<void>;
  unlock(pin: string): Promise<void>;
  lock(): void;
  signOut(): void;
  noteActivity(): void;
}
