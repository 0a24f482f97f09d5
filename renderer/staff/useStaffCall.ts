import { useI18n } from 'vue-i18n';
import type { KioskError } from '../../shared/kioskApi/kioskResult.ts';
import { useKioskCall } from '../composables/useKioskCall.ts';
import type { KioskCall } from '../composables/useKioskCall.ts';

/**
 * Words for the refusals only a caseworker meets (`staff.errors.*`): a wrong staff password with
 * the tries left before the staff id locks, a locked staff id with the wait, a wrong PIN with the
 * tries left before sign-out. Undefined for any other code, which keeps the resident's wording.
 */
export function useStaffErrorText(): (error: KioskError) => string | undefined {
  const i18n = useI18n();
  const { t } = i18n;
  return (error) => {
    const tries = error.attemptsRemaining;
    if ((error.code === 'caseworker_sign_in_failed' || error.code === 'pin_incorrect') && tries !== undefined) {
      return t(`staff.errors.${error.code}_tries`, { n: tries }, tries);
    }
    if (error.code === 'caseworker_locked') {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return t('staff.errors.caseworker_locked', { wait: t('time.minutes', { n: minutes }, minutes) });
    }
    const key = `staff.errors.${error.code}`;
    return i18n.te(key) ? t(key) : undefined;
  };
}

/**
 * `useKioskCall` for the staff console: the same busy flag, errors at their fields and plain
 * words, with the caseworker's own refusals worded for a caseworker.
 */
export function useStaffCall(): KioskCall {
  const call = useKioskCall();
  const staffText = useStaffErrorText();
  return {
    ...call,
    run: (action, options) =>
      call.run(action, {
        ...options,
        refused: (error) => {
          const message = staffText(error);
          if (message !== undefined) {
            const field = options.fields?.[error.code];
            if (field === undefined) call.errors.show({}, message);
            else call.errors.show({ [field]: message });
          }
          options.refused?.(error);
        },
      }),
  };
}
