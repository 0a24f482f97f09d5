import { useI18n } from 'vue-i18n';
import { passwordRuleSchema } from '../../shared/passwordPolicy.ts';
import type { KioskError } from '../../shared/kioskApi/kioskResult.ts';

/** Turns a kiosk API error into plain words for the resident. */
export type ErrorText = (error: KioskError, action?: string) => string;

/**
 * Plain words for every kiosk API error code (`errors.*` in the locale files), with the details
 * the error carries: tries left, how long to wait, which password rules were broken. `action`
 * is the label of the button that made the call, so "try again" can name it ("select 'Send
 * verification code' again"). A code with no words falls back to a general message rather than
 * showing a machine code.
 */
export function useErrorText(): ErrorText {
  const i18n = useI18n();
  const { t } = i18n;

  const wait = (seconds: number | undefined): string => {
    if (seconds === undefined || seconds <= 0) return t('time.aMoment');
    if (seconds < 60) return t('time.seconds', { n: seconds }, seconds);
    const minutes = Math.ceil(seconds / 60);
    return t('time.minutes', { n: minutes }, minutes);
  };

  return (error, action) => {
    const named = { action: action ?? t('common.continue'), wait: wait(error.retryAfterSeconds) };
    if (error.code === 'code_incorrect' && error.attemptsRemaining !== undefined) {
      return t('errors.code_incorrect_tries', { ...named, attempts: error.attemptsRemaining }, error.attemptsRemaining);
    }
    if (error.code === 'password_too_weak' && error.failedRules !== undefined) {
      const rules = error.failedRules
        .filter((rule) => passwordRuleSchema.safeParse(rule).success)
        .map((rule) => t(`password.failed.${rule}`));
      if (rules.length > 0) return t('errors.password_too_weak_rules', { ...named, rules: rules.join('; ') });
    }
    // A call asked for within the council's 30 seconds is "another call", not "another code".
    if (error.code === 'resend_too_soon' && action === t('phone.callMe')) return t('errors.resend_too_soon_call', named);
    const key = `errors.${error.code}`;
    return i18n.te(key) ? t(key, named) : t('common.somethingWentWrong');
  };
}
