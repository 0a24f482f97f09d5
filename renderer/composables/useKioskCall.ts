import { ref } from 'vue';
import type { Ref } from 'vue';
import { useRouter } from 'vue-router';
import type { KioskError, KioskErrorCode } from '../../shared/kioskApi/kioskResult.ts';
import type { RouteName } from '../router.ts';
import type { ActionError } from '../stores/registrationStore.ts';
import { useErrorText } from './useErrorText.ts';
import { useFormErrors } from './useFormErrors.ts';
import type { FormErrors } from './useFormErrors.ts';

/** How one screen's kiosk call is asked for, put into words and followed. */
export interface KioskCallOptions {
  /** Label of the button that made the call, so "try again" can name it. */
  action: string;
  /** Checks made here before anything is sent: a message per field id ('' when fine). */
  check?: () => Record<string, string>;
  /** Error codes that are about one field (shown there); any other code is a general error. */
  fields?: Partial<Record<KioskErrorCode, string>>;
  /** Runs once the call worked, before moving on (forget a password, confirm a resend). */
  done?: () => void | Promise<void>;
  /** The screen to go to once the call worked; none stays on this screen. */
  next?: RouteName | (() => RouteName | undefined);
  /** Told about every refused call, after its words are shown (a final invite, say). */
  refused?: (error: KioskError) => void;
}

/** One screen's kiosk calls: its busy flag, its errors, and where it goes on success. */
export interface KioskCall {
  busy: Ref<boolean>;
  errors: FormErrors;
  /** Runs `call` unless one is already running; answers true when it worked. */
  run: (call: () => Promise<ActionError>, options: KioskCallOptions) => Promise<boolean>;
}

/**
 * The one way a screen runs a kiosk call (after Elk's `usePublish`): a second press while a call
 * is running does nothing; local checks show their messages and send nothing; a refused call is
 * put into plain words, at its field when the code is about one, and everything the resident
 * typed stays; a call that worked clears the errors and goes on to the next screen.
 */
export function useKioskCall(errors: FormErrors = useFormErrors()): KioskCall {
  const router = useRouter();
  const errorText = useErrorText();
  const busy = ref(false);

  async function run(call: () => Promise<ActionError>, options: KioskCallOptions): Promise<boolean> {
    if (busy.value) return false;
    const problems = Object.fromEntries(Object.entries(options.check?.() ?? {}).filter(([, message]) => message !== ''));
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return false;
    }
    busy.value = true;
    let error: ActionError;
    try {
      error = await call();
    } finally {
      busy.value = false;
    }
    if (error !== undefined) {
      const message = errorText(error, options.action);
      const field = options.fields?.[error.code];
      if (field === undefined) errors.show({}, message);
      else errors.show({ [field]: message });
      options.refused?.(error);
      return false;
    }
    errors.clear();
    await options.done?.();
    const next = typeof options.next === 'function' ? options.next() : options.next;
    if (next !== undefined) await router.push({ name: next });
    return true;
  }

  return { busy, errors, run };
}
