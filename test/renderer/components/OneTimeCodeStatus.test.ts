// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import OneTimeCodeStatus from '../../../renderer/components/OneTimeCodeStatus.vue';
import { formatMinutesSeconds } from '../../../renderer/composables/useCountdown.ts';
import { createKioskI18n } from '../../../renderer/i18n.ts';

const START = Date.UTC(2026, 0, 5, 10, 0, 0);

function mountStatus(props: { expiresInMs: number; resendInMs: number; attemptsRemaining: number | null; spent?: boolean }) {
  return mount(OneTimeCodeStatus, {
    props: {
      expiresAt: START + props.expiresInMs,
      resendAt: START + props.resendInMs,
      attemptsRemaining: props.attemptsRemaining,
      spent: props.spent ?? false,
      busy: false,
    },
    global: { plugins: [createKioskI18n()] },
  });
}

describe('the live state of a one-time code', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('formats seconds as m:ss', () => {
    expect(formatMinutesSeconds(600)).toBe('10:00');
    expect(formatMinutesSeconds(65)).toBe('1:05');
    expect(formatMinutesSeconds(9.7)).toBe('0:09');
    expect(formatMinutesSeconds(-3)).toBe('0:00');
  });

  it('counts down, then offers a new code once the cooldown has passed, and announces it once', async () => {
    const wrapper = mountStatus({ expiresInMs: 600_000, resendInMs: 30_000, attemptsRemaining: 5 });
    expect(wrapper.text()).toContain('This code works for 10:00');
    expect(wrapper.text()).toContain('You have 5 tries left');
    expect(wrapper.text()).toContain('You can ask for a new code in 0:30.');
    expect(wrapper.find('button').exists()).toBe(false);

    await vi.advanceTimersByTimeAsync(29_000);
    expect(wrapper.text()).toContain('This code works for 9:31');
    expect(wrapper.text()).toContain('You can ask for a new code in 0:01.');

    await vi.advanceTimersByTimeAsync(1_000);
    const button = wrapper.get('button');
    expect(button.text()).toBe('Send a new code');
    expect(wrapper.get('[aria-live="polite"]').text()).toBe('You can now ask for a new code if you need one.');
    await button.trigger('click');
    expect(wrapper.emitted('resend')).toHaveLength(1);
  });

  it('says the code no longer works when its time is up, and offers a new one', async () => {
    const wrapper = mountStatus({ expiresInMs: 5_000, resendInMs: 30_000, attemptsRemaining: 2 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(wrapper.text()).toContain("This code no longer works. Select 'Send a new code' to get a new one.");
    expect(wrapper.text()).not.toContain('tries left');
    // The council's 30 seconds between codes still run: the countdown stands where the button will be.
    expect(wrapper.find('button').exists()).toBe(false);
    expect(wrapper.text()).toContain('You can ask for a new code in 0:25.');
    expect(wrapper.get('[aria-live="polite"]').text()).toBe('The code no longer works. You can ask for a new one in a few seconds.');
    await vi.advanceTimersByTimeAsync(25_000);
    expect(wrapper.get('button').text()).toBe('Send a new code');
    expect(wrapper.get('[aria-live="polite"]').text()).toBe('You can now ask for a new code if you need one.');
  });

  it('treats a code the council calls dead or expired as spent, whatever the local count says', async () => {
    const wrapper = mountStatus({ expiresInMs: 500_000, resendInMs: 20_000, attemptsRemaining: 0, spent: true });
    expect(wrapper.text()).toContain('This code no longer works.');
    expect(wrapper.find('button').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(wrapper.get('button').text()).toBe('Send a new code');
  });

  it('offers a new code at once for a spent code whose wait is over', () => {
    const wrapper = mountStatus({ expiresInMs: 0, resendInMs: 0, attemptsRemaining: 0, spent: true });
    expect(wrapper.get('button').text()).toBe('Send a new code');
  });

  it('leaves out tries for a code that has none to count (a call)', () => {
    const wrapper = mountStatus({ expiresInMs: 600_000, resendInMs: 30_000, attemptsRemaining: null });
    expect(wrapper.text()).not.toContain('tries left');
    expect(wrapper.text()).toContain('This code works for 10:00');
  });
});
