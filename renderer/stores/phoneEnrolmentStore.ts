import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { COUNCIL_RULES } from '../../shared/councilApi/councilPrimitives.ts';
import type { PhoneMethod } from '../../shared/councilApi/phoneEnrolmentApi.ts';
import type { PhoneCheckStatus } from '../../shared/kioskApi/registrationMethods.ts';
import { parsePhoneNumber } from '../../shared/phoneNumber.ts';
import type { ParsedPhoneNumber } from '../../shared/phoneNumber.ts';
import { useKiosk } from '../kiosk/kioskApi.ts';
import type { ActionError } from './registrationStore.ts';
import { applyCodeError } from './codeErrorState.ts';
import { useKioskInfoStore } from './kioskInfoStore.ts';
import { useRegistrationStore } from './registrationStore.ts';
import { useServiceCatalogStore } from './serviceCatalogStore.ts';

/** A number that parsed, as the phone screens show and send it. */
export type PhoneNumberChoice = Extract<ParsedPhoneNumber, { ok: true }>;

/** One phone check round as the screens need it: main's answer plus a local deadline. */
export interface PhoneCheck {
  status: PhoneCheckStatus;
  /** Texts: when the code stops working, on the kiosk's clock (ms). */
  expiresAt: number | undefined;
  /** When a new text or call may be asked for (the council's 30-second cooldown), kiosk clock. */
  retryAt: number;
}

/** The council's least time between two codes to the same number. */
const RETRY_COOLDOWN_MS = COUNCIL_RULES.resendCooldownSeconds * 1000;

/**
 * Phone enrolment for two-factor sign-in (seed steps 9–11): the number the resident typed, read
 * with libphonenumber (UK by default; its kind decides 'Send Code' and 'Call Me'), and the
 * current check round. Two confirmed rounds on the same number enrol it; `confirmedRounds` says
 * how far the resident is. Personal, in memory only.
 */
export const usePhoneEnrolmentStore = defineStore('phoneEnrolment', () => {
  const typedNumber = ref('');
  /** The number the checks are for, fixed when the first check starts. */
  const number = ref<PhoneNumberChoice | undefined>(undefined);
  const check = ref<PhoneCheck | undefined>(undefined);
  const confirmedRounds = ref(0);
  const phoneEnrolled = ref(false);

  // The service's countries (UK only for Norfolk's services), and Ofcom's drama ranges in training.
  const registration = useRegistrationStore();
  const catalog = useServiceCatalogStore();
  const kioskInfo = useKioskInfoStore();

  /** The typed number, read afresh on every keystroke (pure and fast). */
  const parsed = computed(() =>
    parsePhoneNumber(typedNumber.value, {
      countries: catalog.byId(registration.serviceId)?.phoneCountries ?? ['GB'],
      training: kioskInfo.mode === 'training',
    }),
  );

  const keep = (status: PhoneCheckStatus, fresh: boolean): void => {
    const now = Date.now();
    check.value = {
      status,
      expiresAt: status.codeExpiresInSeconds === null ? undefined : now + status.codeExpiresInSeconds * 1000,
      retryAt: fresh ? now + RETRY_COOLDOWN_MS : (check.value?.retryAt ?? now),
    };
    if (status.state === 'confirmed') confirmedRounds.value = Math.max(confirmedRounds.value, status.round);
    if (status.phoneEnrolled) phoneEnrolled.value = true;
  };

  /**
   * 'Send Code' or 'Call Me' for the typed number (round 1), or for the same number again (the
   * confirming round). A different number from the one already checked starts again at round 1.
   */
  async function startCheck(method: PhoneMethod, choice: PhoneNumberChoice | undefined = number.value): Promise<ActionError> {
    if (choice === undefined) return { code: 'step_out_of_order', message: 'No phone number chosen' };
    if (number.value !== undefined && number.value.e164 !== choice.e164) confirmedRounds.value = 0;
    number.value = choice;
    const result = await useKiosk().startPhoneCheck({ phoneNumber: choice.e164, method });
    if (!result.ok) {
      // The council's own wait wins over the kiosk's count: the countdowns show it.
      if (result.error.code === 'resend_too_soon' && result.error.retryAfterSeconds !== undefined && check.value !== undefined) {
        check.value.retryAt = Date.now() + result.error.retryAfterSeconds * 1000;
      }
      return result.error;
    }
    keep(result.value, true);
    return undefined;
  }

  /** The code from the text message. A wrong, old or dead code updates what the screen shows. */
  async function verifyCode(code: string): Promise<ActionError> {
    const result = await useKiosk().verifyPhoneCode({ code });
    if (result.ok) {
      keep(result.value, false);
      return undefined;
    }
    const current = check.value;
    if (current !== undefined) applyCodeError(current, result.error);
    return result.error;
  }

  /** Asks main where the current round is (the call screen polls this about once a second). */
  async function refresh(): Promise<ActionError> {
    const result = await useKiosk().getPhoneCheck();
    if (!result.ok) return result.error;
    keep(result.value, false);
    return undefined;
  }

  return { typedNumber, number, parsed, check, confirmedRounds, phoneEnrolled, startCheck, verifyCode, refresh };
});
