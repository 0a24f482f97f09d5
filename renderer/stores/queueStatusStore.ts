import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';

/** The outbox's state as main last reported it; `undefined` until the first event arrives. */
export const useQueueStatusStore = defineStore('queueStatus', () => {
  const status = ref<KioskEventPayload<'queueStatus'> | undefined>(undefined);
  let stop: (() => void) | undefined;

  /** Starts listening to main's `queueStatus` events (once). */
  function listen(): void {
    stop ??= useKiosk().on('queueStatus', (next) => {
      status.value = next;
    });
  }

  /** Stops listening (the app is being unmounted at the end of a session). */
  function unlisten(): void {
    stop?.();
    stop = undefined;
  }

  return { status, listen, unlisten };
});
