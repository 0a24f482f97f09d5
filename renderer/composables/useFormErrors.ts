import { computed, ref } from 'vue';
import type { ComputedRef, Ref } from 'vue';
import type { ErrorSummaryItem } from '../components/errorSummaryItem.ts';

/** A form's errors: one message per field, and general ones (the council cannot be reached). */
export interface FormErrors {
  /** Message per field id; '' or missing when the field is fine. */
  fields: Ref<Record<string, string>>;
  general: Ref<string>;
  /** For `BaseErrorSummary`: general errors first, then fields in the order they were set. */
  summary: ComputedRef<ErrorSummaryItem[]>;
  /** The message of one field ('' when none), for its inline error. */
  field: (id: string) => string;
  /** Replaces every error at once (a new array each time, so the summary takes focus again). */
  show: (fields: Record<string, string>, general?: string) => void;
  clear: () => void;
}

/**
 * The GOV.UK error pattern for one form: the same message inline at the field and in the summary
 * at the top, which links to the field. Set all errors of a submit at once with `show`.
 */
export function useFormErrors(): FormErrors {
  const fields = ref<Record<string, string>>({});
  const general = ref('');
  const summary = computed<ErrorSummaryItem[]>(() => [
    ...(general.value !== '' ? [{ message: general.value }] : []),
    ...Object.entries(fields.value)
      .filter(([, message]) => message !== '')
      .map(([fieldId, message]) => ({ fieldId, message })),
  ]);
  return {
    fields,
    general,
    summary,
    field: (id) => fields.value[id] ?? '',
    show: (next, nextGeneral = '') => {
      fields.value = { ...next };
      general.value = nextGeneral;
    },
    clear: () => {
      fields.value = {};
      general.value = '';
    },
  };
}
