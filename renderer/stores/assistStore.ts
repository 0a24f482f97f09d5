import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { ResidentAssist, ResidentField } from '../../shared/kioskApi/staffView.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import { useKioskInfoStore } from './kioskInfoStore.ts';
import type { ActionError } from './registrationStore.ts';
import { useRegistrationStore } from './registrationStore.ts';

/** Self-service: nobody helping, nothing to join. */
const SELF_SERVICE: ResidentAssist = { helperName: null, screen: 'resident', assisted: null, displays: 'one' };

/**
 * Assisted mode as the resident's page knows it, from main's `residentAssist` events: who is
 * helping, whether the caseworker has the shared screen, and the registration a caseworker
 * started for this resident (with its phase and pause). Joining it hands this page the session
 * handle (kept by the kiosk client, never here) and the service; the invitation follows once
 * the caseworker has confirmed the code the resident read out.
 */
export const useAssistStore = defineStore('assist', () => {
  const state = ref<ResidentAssist>(SELF_SERVICE);
  /** The assisted registration this page joined (its `assistId`), if any. */
  const joinedId = ref<string | undefined>(undefined);
  /** "Helping you today: …", kept from the join so it stays while this page's session lasts. */
  const helperName = ref<string | undefined>(undefined);
  let stop: (() => void) | undefined;

  const assisted = computed(() => state.value.assisted);
  /** This page is in the assisted registration it joined (not merely offered one). */
  const inSession = computed(() => joinedId.value !== undefined && assisted.value?.assistId === joinedId.value);
  const paused = computed(() => inSession.value && assisted.value?.paused === true);
  /** On one shared display: the caseworker has the screen, and the resident's screens are hidden. */
  const staffHasScreen = computed(() => state.value.screen === 'staff');
  // A staff screen attached or gone: whether this page offers the 'Staff' entry and 'Hand back
  // to staff' changes with it, so the kiosk's answer read at start is asked for again.
  watch(
    () => state.value.displays,
    () => void useKioskInfoStore().reload(),
  );

  /** Starts listening to main's `residentAssist` events (once); main replays the latest at once. */
  function listen(): void {
    stop ??= useKiosk().on('residentAssist', (next) => {
      state.value = next;
    });
  }

  /** Stops listening (the app is being unmounted at the end of a session). */
  function unlisten(): void {
    stop?.();
    stop = undefined;
  }

  /** Joins the registration the caseworker started: the service goes into the registration store. */
  async function join(): Promise<ActionError> {
    const started = assisted.value;
    if (started === null) return undefined;
    const result = await useKiosk().joinAssisted();
    if (!result.ok) return result.error;
    const registration = useRegistrationStore();
    registration.$reset();
    registration.serviceId = result.value.serviceId;
    helperName.value = result.value.helperName;
    joinedId.value = started.assistId;
    return undefined;
  }

  /** Once the caseworker confirmed the code: the invitation, as `confirmInvite` would have given it. */
  async function takeInvitation(): Promise<ActionError> {
    const result = await useKiosk().getAssistedInvitation();
    if (!result.ok) return result.error;
    useRegistrationStore().invitation = result.value;
    return undefined;
  }

  /** Tells the caseworker's console which field the resident is typing in (null: none); never its value. */
  async function noteTyping(field: ResidentField | null): Promise<void> {
    if (!inSession.value) return;
    await useKiosk().noteResidentTyping({ field });
  }

  return { state, assisted, joinedId, helperName, inSession, paused, staffHasScreen, listen, unlisten, join, takeInvitation, noteTyping };
});
