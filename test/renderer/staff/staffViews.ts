import { staffViewSchema } from '../../../shared/kioskApi/staffView.ts';
import type { StaffView } from '../../../shared/kioskApi/staffView.ts';

const MINUTE = 60_000;

/** A staff view main could publish: training, two displays, nobody signed in. Parts replaced by `change`. */
export function staffView(change: Partial<StaffView> = {}): StaffView {
  return staffViewSchema.parse({ mode: 'training', displays: 'two', screen: 'resident', staff: { state: 'signed_out', deviceSignIn: null }, assisted: null, ...change });
}

/** `ready`, locking five minutes from now. */
export function readyStaff(name = 'Sam Carter'): StaffView['staff'] {
  return { state: 'ready', displayName: name, lockAt: new Date(Date.now() + 5 * MINUTE).toISOString() };
}
