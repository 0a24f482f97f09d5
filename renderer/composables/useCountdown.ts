import { computed, onBeforeUnmount, ref } from 'vue';
import type { ComputedRef, Ref } from 'vue';

/**
 * Seconds left until a deadline on the kiosk's own clock, ticking once a second while the screen
 * is shown. Deadlines come from main's relative answers (`codeExpiresInSeconds` added to the
 * moment the answer arrived), so the count never depends on the council's clock.
 *
 * The value is for the eye: a screen reader is not told every second (that would drown
 * everything else); screens announce the moments that matter (expired, a new code available).
 */
export function useCountdown(deadlineMs: Readonly<Ref<number | undefined>>): ComputedRef<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, 1000);
  onBeforeUnmount(() => clearInterval(timer));
  return computed(() => (deadlineMs.value === undefined ? 0 : Math.max(0, Math.ceil((deadlineMs.value - now.value) / 1000))));
}

/** Formats seconds as `m:ss` ("9:05"), the way the code screens show how long a code works. */
export function formatMinutesSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
