import { useI18n } from 'vue-i18n';
import { INPUT_LIMITS, isOverLimit, textLength } from '../../shared/inputLimits.ts';
import type { LimitedField } from '../../shared/inputLimits.ts';

/** Says what a field's limit is when `text` is over it; '' when it is within. */
export type LimitText = (field: LimitedField, text: string, label: string) => string;

/**
 * The error for a field over its length limit (`shared/inputLimits.ts`), naming the field, the
 * limit and how much was typed. Fields never cut what is typed, so this is the only way a limit
 * shows, and it shows before anything is sent.
 */
export function useLimitText(): LimitText {
  const { t } = useI18n();
  const n = (value: number): string => value.toLocaleString('en-GB');
  return (field, text, label) =>
    isOverLimit(field, text) ? t('common.tooLong', { label, max: n(INPUT_LIMITS[field]), length: n(textLength(text.trim())) }) : '';
}
