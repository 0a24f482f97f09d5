import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_IDLE_SETTINGS } from '../../shared/kioskConfig.ts';
import type { KioskResult } from '../../shared/kioskApi/kioskResult.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';

/**
 * Whether this kiosk is in training or live mode, has a slip printer, IT's idle times, and which
 * page this is (the resident's or the staff window) with its 'Staff' entry, asked of main once
 * per session; and printing the slip there. Not personal data.
 */
export const useKioskInfoStore = defineStore('kioskInfo', () => {
  const mode = ref<'training' | 'live' | undefined>(undefined);
  const slipPrinter = ref(false);
  /** The council this kiosk is connected to, in its own words ('Norfolk County Council'). */
  const councilName = ref('');
  /** IT's idle times (kiosk.json `idle`): the defaults until main has answered. */
  const idleSeconds = ref<number>(DEFAULT_IDLE_SETTINGS.timeoutSeconds);
  const warningSeconds = ref<number>(DEFAULT_IDLE_SETTINGS.warningSeconds);
  /** Which page this is, as the host knows it: the resident's kiosk page, or the staff window. */
  const page = ref<'kiosk' | 'staff' | undefined>(undefined);
  /** Whether the welcome screen offers the discreet 'Staff' entry (one display, IT allows it). */
  const staffEntry = ref(false);
  let loading: Promise<void> | undefined;

  /** Asks main once; later calls wait for the same answer. Unknown (undefined) if main cannot say. */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const info = await useKiosk().getKioskInfo();
        if (info.ok) {
          mode.value = info.value.mode;
          slipPrinter.value = info.value.slipPrinter;
          councilName.value = info.value.councilName;
          idleSeconds.value = info.value.idle.timeoutSeconds;
          warningSeconds.value = info.value.idle.warningSeconds;
          page.value = info.value.page;
          staffEntry.value = info.value.staffEntry;
        }
      } catch {
        mode.value = undefined;
      }
    })();
    return loading;
  }

  /** Asks main again (the displays changed, and with them whether the 'Staff' entry is offered). */
  function reload(): Promise<void> {
    loading = undefined;
    return load();
  }

  /** Prints the slip on the kiosk's own printer, silently: never the browser's print dialog. */
  function printSlip(): Promise<KioskResult<Record<string, never>>> {
    return useKiosk().printSlip();
  }

  return { mode, slipPrinter, councilName, idleSeconds, warningSeconds, page, staffEntry, load, reload, printSlip };
});
