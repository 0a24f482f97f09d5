import type { staffMethods } from '../../shared/kioskApi/staffMethods.ts';
import type { AssistedDesk } from '../assisted/assistedDesk.ts';
import type { StaffSessionPort } from '../assisted/staffSessionPort.ts';
import { KioskCallError } from './kioskCallError.ts';
import type { KioskCaller, KioskHandlers } from './kioskDispatcher.ts';
import { StaffGate } from './staffGate.ts';

/** What the caseworker's handlers work with. */
export interface StaffHandlerDeps {
  desk: AssistedDesk;
  staff: StaffSessionPort;
  mode: 'training' | 'live';
  /** IT's `staff.entry`: without it, a caseworker cannot sign in from the resident's page. */
  staffEntry: boolean;
}

/**
 * The caseworker's methods: each checks the staff state (`StaffGate`), then delegates to the
 * staff session or the assisted desk. Signing in from the kiosk page (one display) gives the
 * caseworker the screen first, so the sign-in's own view reaches that page; so does the PIN
 * that hands the screen back to staff.
 */
export function staffHandlers(deps: StaffHandlerDeps): Pick<KioskHandlers, keyof typeof staffMethods> {
  const { desk, staff } = deps;
  const gate = new StaffGate(desk, staff);
  const signingIn = (caller: KioskCaller): void => {
    if (caller.page === 'kiosk' && !deps.staffEntry) throw new KioskCallError('forbidden', 'Staff sign-in on the kiosk screen is turned off here');
    gate.signingIn(caller);
    if (caller.page === 'kiosk') desk.takeScreen();
  };
  const ready = <T>(caller: KioskCaller, act: () => T): T => {
    gate.ready(caller);
    return act();
  };
  return {
    startStaffSignIn: (_args, caller) => (signingIn(caller), staff.startDeviceSignIn()),
    cancelStaffSignIn: (_args, caller) => {
      gate.signingIn(caller);
      staff.cancelDeviceSignIn();
      // Back to the welcome screen on a shared screen when the caseworker gave up signing in.
      if (caller.page === 'kiosk' && staff.view().state === 'signed_out' && desk.displays() === 'one') desk.handOver();
      return {};
    },
    signInStaffWithPassword: async ({ staffId, password }, caller) => (signingIn(caller), await staff.signInWithPassword(staffId, password), {}),
    approveTrainingStaffSignIn: async (_args, caller) => {
      if (deps.mode !== 'training') throw new KioskCallError('not_training', 'Only a training kiosk approves its own sign-in');
      gate.signingIn(caller);
      await staff.approveTraining();
      return {};
    },
    chooseStaffPin: async ({ pin }, caller) => (gate.signedIn(caller), await staff.choosePin(pin), {}),
    unlockStaff: async ({ pin }, caller) => {
      gate.signedIn(caller, true);
      await staff.unlock(pin);
      if (caller.page === 'kiosk') desk.takeScreen();
      return {};
    },
    lockStaff: (_args, caller) => (gate.signedIn(caller, true), staff.lock(), {}),
    signOutStaff: (_args, caller) => ready(caller, () => (staff.signOut(), {})),
    noteStaffActivity: (_args, caller) => ready(caller, () => (staff.noteActivity(), {})),
    listStaffInvites: (_args, caller) => ready(caller, () => desk.invites()),
    startAssisted: ({ inviteId }, caller) => ready(caller, async () => (await desk.start(inviteId), {})),
    confirmAssistedInvite: ({ inviteCode, check }, caller) => ready(caller, async () => (await desk.confirmInvite(inviteCode, check), {})),
    sendAssistedNewCode: (_args, caller) => ready(caller, async () => (await desk.sendNewCode(), {})),
    switchAssistedPhoneMethod: ({ method }, caller) => ready(caller, async () => (await desk.switchPhoneMethod(method), {})),
    handOverScreen: (_args, caller) => ready(caller, () => (desk.handOver(), {})),
    pauseAssisted: (_args, caller) => ready(caller, () => (desk.pause(), {})),
    resumeAssisted: (_args, caller) => ready(caller, () => (desk.resume(), {})),
    endAssisted: (_args, caller) => ready(caller, () => (desk.end(), {})),
  };
}
