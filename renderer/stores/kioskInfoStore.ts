import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useKiosk } from '../kiosk/kioskApi.ts';

/** Whether this kiosk is in training or live mode, asked of main once per session. Not personal data. */
export const useKioskInfoStore = defineStore('kioskInfo', () => {
  const mode = ref<'training' | 'live' | undefined>(undefined);
  /** The council this kiosk is connected to, in its own words ('Norfolk County Council'). */
  const councilName = ref('');
  let loading: Promise<void> | undefined;

  /** Asks main once; later calls wait for the same answer. Unknown (undefined) if main cannot say. */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const info = await useKiosk().getKioskInfo();
        if (info.ok) {
          mode.value = info.value.mode;
          councilName.value = info.value.councilName;
        }
      } catch {
        mode.value = undefined;
      }
    })();
    return loading;
  }

  return { mode, councilName, load };
});
