// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, ref } from 'vue';
import { useIdleTimer } from '../../../renderer/composables/useIdleTimer.ts';
import type { IdleTimer } from '../../../renderer/composables/useIdleTimer.ts';

// The idle timer as App.vue uses it: its times are refs that change when main's answer (IT's
// kiosk.json `idle`) arrives after the page has started.

function mountTimer(idleSeconds: number, warningSeconds: number) {
  const idle = ref(idleSeconds);
  const warningTime = ref(warningSeconds);
  const expired = vi.fn();
  let timer: IdleTimer | undefined;
  const wrapper = mount(
    defineComponent({
      setup() {
        timer = useIdleTimer({ idleMs: () => idle.value * 1000, warningMs: () => warningTime.value * 1000, enabled: ref(true), onExpire: expired });
        return () => null;
      },
    }),
  );
  return { idle, warningTime, expired, timer: timer!, wrapper };
}

describe('the idle timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("obeys IT's times: warns after the idle time, ends after the warning time", () => {
    const { expired, timer, wrapper } = mountTimer(45, 25);
    vi.advanceTimersByTime(44_900);
    expect(timer.warning.value).toBe(false);
    vi.advanceTimersByTime(200);
    expect(timer.warning.value).toBe(true);
    expect(timer.secondsLeft.value).toBe(25);
    vi.advanceTimersByTime(24_000);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_250);
    expect(expired).toHaveBeenCalledOnce();
    wrapper.unmount();
  });

  it('takes times that arrive after start from the next restart on', () => {
    const { idle, warningTime, timer, wrapper } = mountTimer(120, 30);
    idle.value = 300;
    warningTime.value = 60;
    window.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(299_000);
    expect(timer.warning.value).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(timer.warning.value).toBe(true);
    expect(timer.secondsLeft.value).toBe(60);
    wrapper.unmount();
  });

  it('never gives less than 20 seconds to answer (WCAG 2.2.1)', () => {
    const { timer, wrapper } = mountTimer(30, 5);
    vi.advanceTimersByTime(30_000);
    expect(timer.secondsLeft.value).toBe(20);
    wrapper.unmount();
  });
});
