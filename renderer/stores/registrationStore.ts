import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * One resident's registration session. Everything here is personal and lives in memory only;
 * `$reset` at the end of a session leaves nothing of it behind.
 */
export const useRegistrationStore = defineStore('registration', () => {
  const serviceId = ref<string | undefined>(undefined);
  const inviteCode = ref('');

  /** Starts a registration for the chosen service. */
  function chooseService(id: string): void {
    serviceId.value = id;
    inviteCode.value = '';
  }

  /** Forgets everything about the current resident. */
  function $reset(): void {
    serviceId.value = undefined;
    inviteCode.value = '';
  }

  return { serviceId, inviteCode, chooseService, $reset };
});
