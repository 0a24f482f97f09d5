import { useI18n } from 'vue-i18n';
import type { PhoneMethod } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { RouteName } from '../router.ts';
import { usePhoneEnrolmentStore } from '../stores/phoneEnrolmentStore.ts';
import type { PhoneNumberChoice } from '../stores/phoneEnrolmentStore.ts';
import type { KioskCall, KioskCallOptions } from './useKioskCall.ts';

/** What one 'Send Code' or 'Call Me' may change from the usual. */
export interface PhoneCheckOptions extends Partial<Pick<KioskCallOptions, 'action' | 'check' | 'done' | 'fields'>> {
  /** The number to check; the one already being checked when left out. */
  choice?: () => PhoneNumberChoice | undefined;
  /** Where to go once it started; by default the code screen for a text, the call screen for a call. */
  next?: RouteName | null;
}

/** Starting phone checks from a screen, on the screen's kiosk call. */
export interface PhoneCheckStart {
  /** The label of a method's button ('Send Code' or 'Call Me'), for "select … again". */
  label: (method: PhoneMethod) => string;
  /** Starts a round by text or call, shows what went wrong, and goes on. */
  start: (method: PhoneMethod, options?: PhoneCheckOptions) => Promise<boolean>;
  /** The screen after a confirmed round: the confirming repeat, or account setup once enrolled. */
  afterConfirmed: () => RouteName;
}

/** The phone screens' "start a check, show errors, go on" step (seed steps 10–11). */
export function usePhoneCheck(call: KioskCall): PhoneCheckStart {
  const { t } = useI18n();
  const phone = usePhoneEnrolmentStore();
  const label = (method: PhoneMethod): string => (method === 'sms' ? t('phone.sendCode') : t('phone.callMe'));

  const start: PhoneCheckStart['start'] = (method, options = {}) => {
    const { choice, next, action, ...rest } = options;
    const target = next === undefined ? (method === 'sms' ? 'phone-code' : 'phone-call') : next;
    return call.run(() => phone.startCheck(method, choice?.() ?? phone.number), {
      action: action ?? label(method),
      ...rest,
      ...(target !== null ? { next: target } : {}),
    });
  };

  return { label, start, afterConfirmed: () => (phone.phoneEnrolled ? 'account-setup' : 'phone-confirm') };
}
