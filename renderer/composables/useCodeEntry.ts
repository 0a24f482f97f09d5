import { nextTick, ref } from 'vue';
import type { Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { oneTimeCodeSchema } from '../../shared/councilApi/councilPrimitives.ts';
import type { RouteName } from '../router.ts';
import type { ActionError } from '../stores/registrationStore.ts';
import type { KioskCall } from './useKioskCall.ts';

/** A 6-digit code screen (e-mail or text): what was typed, and 'Send a new code'. */
export interface CodeEntry {
  code: Ref<string>;
  /** 'A new code has been sent' is showing. */
  sentAgain: Ref<boolean>;
  /** The template ref of that line, which takes focus when it appears. */
  sentAgainLine: Ref<HTMLElement | null>;
  /** Checks the typed code's form, then sends it; a refused code is shown at the field. */
  submit: (verify: (code: string) => Promise<ActionError>, options: { action: string; next: () => RouteName }) => Promise<boolean>;
  /** Asks for a new code; with no `next`, the field empties and the confirmation takes focus. */
  resend: (send: () => Promise<ActionError>, options: { action: string; next?: RouteName }) => Promise<boolean>;
}

/**
 * The code-submission part of the e-mail and phone code screens, on the screen's kiosk call.
 * The code's form is the council's one-time-code schema (six digits; spaces the resident typed
 * are dropped), so a mistyped code is named before anything is sent.
 */
export function useCodeEntry(call: KioskCall, fieldId: string): CodeEntry {
  const { t } = useI18n();
  const code = ref('');
  const sentAgain = ref(false);
  const sentAgainLine = ref<HTMLElement | null>(null);

  const submit: CodeEntry['submit'] = (verify, { action, next }) => {
    const typed = code.value.replace(/\s/g, '');
    return call.run(() => verify(typed), {
      action,
      check: () => ({ [fieldId]: oneTimeCodeSchema.safeParse(typed).success ? '' : t(typed === '' ? 'code.errors.empty' : 'code.errors.format') }),
      fields: { code_incorrect: fieldId, code_expired: fieldId, too_many_attempts: fieldId },
      next,
    });
  };

  // After 'Send a new code' the button may be gone: focus moves to the confirmation, not the page.
  const resend: CodeEntry['resend'] = async (send, { action, next }) => {
    if (call.busy.value) return false;
    sentAgain.value = false;
    return call.run(send, {
      action,
      done: async () => {
        code.value = '';
        if (next !== undefined) return;
        sentAgain.value = true;
        await nextTick();
        sentAgainLine.value?.focus();
      },
      ...(next !== undefined ? { next } : {}),
    });
  };

  return { code, sentAgain, sentAgainLine, submit, resend };
}
