import { onBeforeUnmount } from 'vue';

/** Controls of a polling loop. */
export interface Polling {
  /** Starts polling (again); a loop already running is left alone. */
  start: () => void;
  /** Stops polling; a call in flight finishes but schedules nothing more. */
  stop: () => void;
}

/**
 * Runs `task` now and then `intervalMs` after each run ends, for as long as it answers `true`
 * and the screen is shown. One call at a time: a slow answer delays the next call rather than
 * stacking calls up. Used for the phone call screen, which asks main about once a second.
 */
export function usePolling(task: () => Promise<boolean>, intervalMs: number): Polling {
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Read afresh after an await: `stop` may have run while the task was in flight.
  const isRunning = (): boolean => running;

  const run = async (): Promise<void> => {
    if (!running) return;
    const again = await task();
    if (isRunning() && again) timer = setTimeout(() => void run(), intervalMs);
    else running = false;
  };

  const stop = (): void => {
    running = false;
    clearTimeout(timer);
  };

  onBeforeUnmount(stop);
  return {
    start: () => {
      if (running) return;
      running = true;
      void run();
    },
    stop,
  };
}
