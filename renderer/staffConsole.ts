import { defineAsyncComponent, defineComponent, h } from 'vue';
import { useI18n } from 'vue-i18n';

/** Said where the console should be, if its code could not be loaded (a broken install). */
const StaffConsoleLoadFailed = defineComponent({
  setup() {
    const { t } = useI18n();
    return () => h('p', { class: 'error-text', role: 'alert' }, t('assisted.staffLoadFailed'));
  },
});

/**
 * The caseworker's console (sign-in, PIN, the assisted registration), loaded only when a page
 * shows it: the staff window, or the shared kiosk screen while the caseworker holds it. The
 * resident's first screen never carries its code.
 */
export const StaffConsole = defineAsyncComponent({
  loader: () => import('./staff/StaffConsoleRoot.vue'),
  errorComponent: StaffConsoleLoadFailed,
});
