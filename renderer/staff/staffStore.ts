import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PhoneMethod } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { KioskResult } from '../../shared/kioskApi/kioskResult.ts';
import type { StaffInviteList } from '../../shared/kioskApi/staffMethods.ts';
import type { IdentityCheck, StaffDeviceSignIn, StaffView } from '../../shared/kioskApi/staffView.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import type { ActionError } from '../stores/registrationStore.ts';

/** Only whether a call worked: the console's state itself arrives by the `staffView` event. */
async function outcome(call: Promise<KioskResult<unknown>>): Promise<ActionError> {
  const result = await call;
  return result.ok ? undefined : result.error;
}

/**
 * The caseworker's console: the latest staff view main pushed (`staff:view`, the whole state
 * each time, so a late or reloaded page is right at once), the day's invites (asked for, not
 * pushed), and one action per staff method. The staff session itself lives in main only; this
 * holds nothing the page could not be told again, and never a password or a code's value.
 */
export const useStaffStore = defineStore('staff', () => {
  const view = ref<StaffView | undefined>(undefined);
  const invites = ref<StaffInviteList | undefined>(undefined);
  /** The device sign-in main answered with, until the staff view carries it. */
  const started = ref<StaffDeviceSignIn | undefined>(undefined);
  let stopListening: (() => void) | undefined;

  /** Listens to main's staff view (once; the hub sends the latest at once). */
  function listen(): void {
    stopListening ??= useKiosk().on('staffView', (next) => {
      view.value = next;
      if (next.staff.state !== 'signed_out') started.value = undefined;
      // Signed out or locked: the list of residents goes with the console.
      if (next.staff.state !== 'ready') invites.value = undefined;
    });
  }

  /** Stops listening (the staff page is going). */
  function stop(): void {
    stopListening?.();
    stopListening = undefined;
  }

  const state = computed(() => view.value?.staff.state);
  const training = computed(() => view.value?.mode === 'training');
  const displayName = computed(() => (view.value === undefined || view.value.staff.state === 'signed_out' ? '' : view.value.staff.displayName));
  const deviceSignIn = computed(() => (view.value?.staff.state === 'signed_out' ? (view.value.staff.deviceSignIn ?? started.value) : undefined));
  const lockAt = computed(() => (view.value?.staff.state === 'ready' ? view.value.staff.lockAt : undefined));
  const assisted = computed(() => (view.value?.staff.state === 'ready' ? view.value.assisted : null));

  /** 'Sign in with your work device': main shows a code and QR code, and waits for approval. */
  async function startSignIn(): Promise<ActionError> {
    const result = await useKiosk().startStaffSignIn();
    if (!result.ok) return result.error;
    started.value = result.value;
    return undefined;
  }

  function cancelSignIn(): Promise<ActionError> {
    started.value = undefined;
    return outcome(useKiosk().cancelStaffSignIn());
  }

  /** The fallback: the password is sent once and kept nowhere here. */
  const signInWithPassword = (staffId: string, password: string): Promise<ActionError> => outcome(useKiosk().signInStaffWithPassword({ staffId, password }));
  const approveTrainingSignIn = (): Promise<ActionError> => outcome(useKiosk().approveTrainingStaffSignIn());
  const choosePin = (pin: string): Promise<ActionError> => outcome(useKiosk().chooseStaffPin({ pin }));
  const unlock = (pin: string): Promise<ActionError> => outcome(useKiosk().unlockStaff({ pin }));
  const lock = (): Promise<ActionError> => outcome(useKiosk().lockStaff());
  const signOut = (): Promise<ActionError> => outcome(useKiosk().signOutStaff());
  const noteActivity = (): Promise<ActionError> => outcome(useKiosk().noteStaffActivity());

  /** The day's open invites, masked; asked for again whenever the list is shown. */
  async function loadInvites(): Promise<ActionError> {
    const result = await useKiosk().listStaffInvites();
    if (!result.ok) return result.error;
    invites.value = result.value;
    return undefined;
  }

  const startAssisted = (inviteId: string): Promise<ActionError> => outcome(useKiosk().startAssisted({ inviteId }));
  const confirmInvite = (inviteCode: string, check: IdentityCheck): Promise<ActionError> => outcome(useKiosk().confirmAssistedInvite({ inviteCode, check }));
  const sendNewCode = (): Promise<ActionError> => outcome(useKiosk().sendAssistedNewCode());
  const switchPhoneMethod = (method: PhoneMethod): Promise<ActionError> => outcome(useKiosk().switchAssistedPhoneMethod({ method }));
  const handOver = (): Promise<ActionError> => outcome(useKiosk().handOverScreen());
  const pause = (): Promise<ActionError> => outcome(useKiosk().pauseAssisted());
  const resume = (): Promise<ActionError> => outcome(useKiosk().resumeAssisted());
  const end = (): Promise<ActionError> => outcome(useKiosk().endAssisted());

  return {
    view,
    invites,
    state,
    training,
    displayName,
    deviceSignIn,
    lockAt,
    assisted,
    listen,
    stop,
    startSignIn,
    cancelSignIn,
    signInWithPassword,
    approveTrainingSignIn,
    choosePin,
    unlock,
    lock,
    signOut,
    noteActivity,
    loadInvites,
    startAssisted,
    confirmInvite,
    sendNewCode,
    switchPhoneMethod,
    handOver,
    pause,
    resume,
    end,
  };
});
