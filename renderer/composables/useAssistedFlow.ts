import { watch } from 'vue';
import { useRouter } from 'vue-router';
import { useResidentSession } from '../session/residentSession.ts';
import { useAssistStore } from '../stores/assistStore.ts';

/**
 * Follows the caseworker's lead on the resident's page. When a caseworker starts an assisted
 * registration and this page is at the welcome screen, it joins it and asks the resident to read
 * their code out; once the caseworker has confirmed the code, it takes the invitation and moves
 * on to "Do you already have an account?". When the registration this page joined ends (the
 * caseworker ended it, signed out, or started the next), the resident's side is wiped exactly as
 * 'Finish' does.
 */
export function useAssistedFlow(onJoinFailed: (failed: boolean) => void): void {
  const assist = useAssistStore();
  const router = useRouter();
  const session = useResidentSession();
  let working = false;
  let again = false;

  async function follow(): Promise<void> {
    const offered = assist.assisted;
    if (assist.joinedId !== undefined) {
      if (offered?.assistId !== assist.joinedId) {
        session.end('finished');
        return;
      }
      if (offered.phase === 'confirmed' && router.currentRoute.value.name === 'read-code') {
        if ((await assist.takeInvitation()) === undefined) await router.push({ name: 'have-account' });
      }
      return;
    }
    if (offered === null || router.currentRoute.value.name !== 'welcome') return;
    const refused = await assist.join();
    onJoinFailed(refused !== undefined);
    if (refused === undefined) await router.push({ name: 'read-code' });
  }

  // One step at a time: an event (or a move) arriving mid-join is looked at once the join is done.
  async function followInTurn(): Promise<void> {
    again = true;
    if (working) return;
    working = true;
    try {
      while (again) {
        again = false;
        await follow();
      }
    } finally {
      working = false;
    }
  }

  watch(() => [assist.state, router.currentRoute.value.name], () => void followInTurn(), { immediate: true });
}
