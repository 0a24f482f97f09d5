import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KioskEventPayload } from '../../shared/kioskApi/kioskContract.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';

/** The outbox's state, as main pushes it. */
type QueueStatus = KioskEventPayload<'queueStatus'>;

// Main pushes the outbox's state when it changes (and once to each new connection), while every
// resident gets a fresh Pinia on the same connection: without this, the next resident's status
// bar would stay empty until something changed. Counts only, never a resident's data.
let lastSeen: QueueStatus | undefined;

/** The outbox's state as main last reported it; `undefined` until the first event arrives. */
export const useQueueStatusStore = defineStore('queueStatus', () => {
  const status = ref<QueueStatus | undefined>(lastSeen);
  let stop: (() => void) | undefined;

  /** Starts listening to main's `queueStatus` events (once). */
  function listen(): void {
    stop ??= useKiosk().on('queueStatus', (next) => {
      lastSeen = next;
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
