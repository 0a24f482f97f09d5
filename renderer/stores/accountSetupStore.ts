import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SetupReceipt } from '../../shared/kioskApi/registrationMethods.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import type { ActionError } from './registrationStore.ts';

/**
 * The account setup (seed steps 12–13): the records ticked, the consent statements agreed, and,
 * after 'Submit', the receipt. Main writes the setup to the outbox before it answers, so a
 * receipt comes back whether or not the council could be reached (`delivered` says which).
 */
export const useAccountSetupStore = defineStore('accountSetup', () => {
  const recordIds = ref<string[]>([]);
  const consentStatementIds = ref<string[]>([]);
  const receipt = ref<SetupReceipt | undefined>(undefined);

  /** 'Submit'. Submitting twice is refused here: the receipt already says it was sent. */
  async function submit(): Promise<ActionError> {
    if (receipt.value !== undefined) return undefined;
    const result = await useKiosk().submitAccountSetup({
      recordIds: [...recordIds.value],
      consentStatementIds: [...consentStatementIds.value],
    });
    if (!result.ok) return result.error;
    receipt.value = result.value;
    return undefined;
  }

  return { recordIds, consentStatementIds, receipt, submit };
});
