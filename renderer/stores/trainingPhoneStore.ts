import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TrainingPhoneMessage } from '../../shared/kioskApi/trainingPhoneMethods.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import type { ActionError } from './registrationStore.ts';

/**
 * The training phone and inbox: what the practice council "sent" to the resident at this kiosk
 * (e-mails, texts, calls), newest first, as main answers it. Training codes open nothing real;
 * live, main refuses with `not_training` and the phone is never offered.
 */
export const useTrainingPhoneStore = defineStore('trainingPhone', () => {
  const messages = ref<TrainingPhoneMessage[]>([]);
  const state = ref<'idle' | 'ready' | 'failed'>('idle');

  /** Asks main for the messages now; answers whether to keep asking (false once main says it is live). */
  async function refresh(): Promise<boolean> {
    const result = await useKiosk().getTrainingPhone();
    if (result.ok) {
      messages.value = result.value.messages;
      state.value = 'ready';
      return true;
    }
    state.value = 'failed';
    return result.error.code !== 'not_training';
  }

  /** A key on the keypad during a call ('#' answers a ringing call and confirms it). */
  async function press(callId: string, key: string): Promise<ActionError> {
    const result = await useKiosk().pressTrainingPhoneKey({ callId, key });
    if (!result.ok) return result.error;
    const call = messages.value.find((message) => message.call?.callId === callId)?.call;
    if (call) call.state = result.value.state;
    return undefined;
  }

  return { messages, state, refresh, press };
});
