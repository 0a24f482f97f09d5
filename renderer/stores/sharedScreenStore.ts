import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { StaffSessionView } from '../../shared/kioskApi/staffView.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import { useAssistStore } from './assistStore.ts';
import type { ActionError } from './registrationStore.ts';

/**
 * The kiosk page as one shared screen (one display): the caseworker takes it from the welcome
 * screen's 'Staff' entry (signing in gives them the screen), passes it to the resident, and takes
 * it back with their PIN ('Hand back to staff'). Main decides who has the screen; this page shows
 * the staff console while the caseworker has it. Main sends this page the staff view only then.
 */
export const useSharedScreenStore = defineStore('sharedScreen', () => {
  const assist = useAssistStore();
  /** The 'Staff' entry was chosen, and main has not yet given the caseworker the screen. */
  const opening = ref(false);
  /** The staff session's state as the console sees it, while the caseworker has the screen. */
  const staffState = ref<StaffSessionView['state'] | undefined>(undefined);
  let stop: (() => void) | undefined;

  /** The staff console shows on this page instead of the resident's screens. */
  const staffShown = computed(() => opening.value || assist.staffHasScreen);
  /** Nobody has signed in yet: the console offers the way back to the welcome screen. */
  const canClose = computed(() => staffShown.value && !assist.inSession && (staffState.value ?? 'signed_out') === 'signed_out');
  watch(
    () => assist.staffHasScreen,
    (now) => {
      if (now) opening.value = false;
    },
  );

  /** Starts listening to the staff view (once), for whether anyone is signed in. */
  function listen(): void {
    stop ??= useKiosk().on('staffView', (view) => {
      staffState.value = view.staff.state;
    });
  }

  /** Stops listening (the app is being unmounted at the end of a session). */
  function unlisten(): void {
    stop?.();
    stop = undefined;
  }

  /** The welcome screen's 'Staff': the device sign-in starts, and with it the caseworker has the screen. */
  async function open(): Promise<ActionError> {
    opening.value = true;
    const result = await useKiosk().startStaffSignIn();
    if (result.ok) return undefined;
    opening.value = false;
    return result.error;
  }

  /** 'Back to the welcome screen' before anyone signed in: the sign-in stops and the screen returns. */
  async function close(): Promise<ActionError> {
    opening.value = false;
    const result = await useKiosk().cancelStaffSignIn();
    return result.ok ? undefined : result.error;
  }

  /** 'Hand back to staff': the caseworker's PIN gives them the screen again. */
  async function handBack(pin: string): Promise<ActionError> {
    const result = await useKiosk().unlockStaff({ pin });
    return result.ok ? undefined : result.error;
  }

  return { opening, staffState, staffShown, canClose, listen, unlisten, open, close, handBack };
});
