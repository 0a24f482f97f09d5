import { onBeforeUnmount, onMounted, watch } from 'vue';
import type { Ref } from 'vue';

/** The least time between two "the caseworker is here" reports to main. */
export const ACTIVITY_REPORT_MS = 15_000;

/** What the inactivity lock needs: when main will lock, and the two calls. */
export interface StaffInactivityLockOptions {
  /** From the staff view (`ready` only): when the console locks without activity. */
  lockAt: Readonly<Ref<string | undefined>>;
  lock: () => unknown;
  noteActivity: () => unknown;
}

/**
 * The console's own inactivity lock, beside main's: when the staff view's `lockAt` passes with
 * no touch or key on this page, the console is locked at once rather than left showing a
 * resident's progress until main's timer acts. A touch or key tells main the caseworker is here,
 * at most every 15 seconds (input in between is told when the 15 seconds are up); main answers
 * with a later `lockAt`. Input in the last 15 seconds when the time comes means main's answer is
 * still on its way: no lock. Plain `setTimeout` and `Date`, so a test's clock can move them.
 */
export function useStaffInactivityLock(options: StaffInactivityLockOptions): void {
  let lockTimer: ReturnType<typeof setTimeout> | undefined;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReport = Number.NEGATIVE_INFINITY;
  let lastInput = Number.NEGATIVE_INFINITY;

  const report = (): void => {
    clearTimeout(reportTimer);
    reportTimer = undefined;
    lastReport = Date.now();
    void options.noteActivity();
  };

  const onInput = (): void => {
    if (options.lockAt.value === undefined) return;
    lastInput = Date.now();
    const wait = lastReport + ACTIVITY_REPORT_MS - lastInput;
    if (wait <= 0) report();
    else reportTimer ??= setTimeout(report, wait);
  };

  const schedule = (lockAt: string | undefined): void => {
    clearTimeout(lockTimer);
    lockTimer = undefined;
    if (lockAt === undefined) {
      clearTimeout(reportTimer);
      reportTimer = undefined;
      return;
    }
    lockTimer = setTimeout(
      () => {
        lockTimer = undefined;
        if (Date.now() - lastInput < ACTIVITY_REPORT_MS) {
          if (lastInput > lastReport) report();
        } else void options.lock();
      },
      Math.max(0, Date.parse(lockAt) - Date.now()),
    );
  };

  watch(options.lockAt, schedule, { immediate: true });
  onMounted(() => {
    window.addEventListener('pointerdown', onInput, true);
    window.addEventListener('keydown', onInput, true);
  });
  onBeforeUnmount(() => {
    clearTimeout(lockTimer);
    clearTimeout(reportTimer);
    window.removeEventListener('pointerdown', onInput, true);
    window.removeEventListener('keydown', onInput, true);
  });
}
