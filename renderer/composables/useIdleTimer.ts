import { onBeforeUnmount, ref, toValue, watch } from 'vue';
import type { MaybeRefOrGetter, Ref } from 'vue';

/** How long a kiosk waits: time without activity before the warning, then time to answer it. */
export interface IdleTimerOptions {
  /** Milliseconds without any touch, click or key before "Are you still there?" (read at each restart: IT's setting arrives after start). */
  idleMs: MaybeRefOrGetter<number>;
  /** Milliseconds the resident has to answer the warning (at least 20 s: WCAG 2.2.1; read when the warning opens). */
  warningMs: MaybeRefOrGetter<number>;
  /** Whether the timer runs at all (not on the welcome screen, where there is nothing to clear). */
  enabled: Ref<boolean>;
  /** Called when the warning runs out. */
  onExpire: () => void;
}

/** The idle timer's state, for the warning dialog. */
export interface IdleTimer {
  warning: Ref<boolean>;
  secondsLeft: Ref<number>;
  /** The resident answered "I'm still here": close the warning and start counting again. */
  stayActive: () => void;
}

const MIN_WARNING_MS = 20_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/**
 * Watches for a resident walking away mid-registration. After `idleMs` of no activity it raises
 * the warning; activity no longer counts then (only an answer does, so a passer-by's bump cannot
 * keep someone else's details on screen); after `warningMs` more it calls `onExpire`.
 */
export function useIdleTimer(options: IdleTimerOptions): IdleTimer {
  const warningMs = (): number => Math.max(toValue(options.warningMs), MIN_WARNING_MS);
  const warning = ref(false);
  const secondsLeft = ref(Math.ceil(warningMs() / 1000));
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let tick: ReturnType<typeof setInterval> | undefined;
  let deadline = 0;

  const clear = (): void => {
    clearTimeout(idleTimer);
    clearInterval(tick);
  };

  const startWarning = (): void => {
    warning.value = true;
    deadline = Date.now() + warningMs();
    secondsLeft.value = Math.ceil(warningMs() / 1000);
    tick = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      secondsLeft.value = left;
      if (left === 0) {
        clear();
        warning.value = false;
        options.onExpire();
      }
    }, 250);
  };

  const restart = (): void => {
    clear();
    warning.value = false;
    if (options.enabled.value) idleTimer = setTimeout(startWarning, toValue(options.idleMs));
  };

  const onActivity = (): void => {
    if (!warning.value) restart();
  };

  for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
  watch(options.enabled, restart, { immediate: true });
  onBeforeUnmount(() => {
    clear();
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
  });

  return { warning, secondsLeft, stayActive: restart };
}
