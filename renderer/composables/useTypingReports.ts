import { onBeforeUnmount, watch } from 'vue';
import type { Ref } from 'vue';
import type { ResidentField } from '../../shared/kioskApi/staffView.ts';
import { residentFieldOf } from './residentFieldOf.ts';

/** Focus leaving one field for the next within this time is one move, not "stopped typing". */
const SETTLE_MS = 200;
/** While typing in the same field, at most one report this often (the console shows it live). */
const REPEAT_MS = 5_000;

/**
 * Reports which field the resident is in, while `active`: one set of listeners on the document
 * (focus in, focus out, input), not a change to every screen. Only the kind of field is sent,
 * never what is typed; reports are coalesced (a move between fields sends only the new field)
 * and repeated at most every few seconds while typing goes on.
 */
export function useTypingReports(active: Ref<boolean>, routeName: () => string | undefined, report: (field: ResidentField | null) => unknown): void {
  let sent: ResidentField | null = null;
  let sentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (field: ResidentField | null, force = false): void => {
    clearTimeout(timer);
    if (!force && field === sent) return;
    sent = field;
    sentAt = Date.now();
    void report(field);
  };
  const onFocusIn = (event: FocusEvent): void => send(residentFieldOf(event.target, routeName()));
  const onFocusOut = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => send(residentFieldOf(document.activeElement, routeName())), SETTLE_MS);
  };
  const onInput = (event: Event): void => {
    const field = residentFieldOf(event.target, routeName());
    if (field !== null && (field !== sent || Date.now() - sentAt >= REPEAT_MS)) send(field, true);
  };

  const stop = (): void => {
    clearTimeout(timer);
    document.removeEventListener('focusin', onFocusIn, true);
    document.removeEventListener('focusout', onFocusOut, true);
    document.removeEventListener('input', onInput, true);
  };
  watch(
    active,
    (on) => {
      stop();
      if (!on) return;
      document.addEventListener('focusin', onFocusIn, true);
      document.addEventListener('focusout', onFocusOut, true);
      document.addEventListener('input', onInput, true);
      send(residentFieldOf(document.activeElement, routeName()));
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);
}
