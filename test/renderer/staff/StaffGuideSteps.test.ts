// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import catalogueFile from '../../../main/services/norfolk.services.json';
import StaffConsoleRoot from '../../../renderer/staff/StaffConsoleRoot.vue';
import type { AssistedProgress } from '../../../shared/kioskApi/staffView.ts';
import { serviceCatalogSchema } from '../../../shared/serviceDefinition.ts';
import { closeStaffPage, mountStaffPage } from './staffMount.ts';
import { readyStaff, staffView } from './staffViews.ts';
import type { StaffPage } from './staffMount.ts';
import { assistedProgress } from './staffProgress.ts';

const catalogue = serviceCatalogSchema.parse(catalogueFile);
const NOW = Date.UTC(2026, 10, 30, 10, 45, 0);
const at = (msFromNow: number): string => new Date(NOW + msFromNow).toISOString();

let page: StaffPage | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  closeStaffPage(page);
  page = undefined;
  vi.useRealTimers();
});

const steps = (now: AssistedProgress['steps'][number]['id'], skipped: AssistedProgress['steps'][number]['id'][] = ['accept_email']): AssistedProgress['steps'] => {
  const ids = assistedProgress().steps.map((step) => step.id);
  const nowIndex = ids.indexOf(now);
  return ids.map((id, index) => ({ id, status: skipped.includes(id) ? 'skipped' : index < nowIndex ? 'done' : index === nowIndex ? 'now' : 'next' }));
};
const confirmed = { check: 'photo_id_seen' as const, at: at(-10 * 60_000) };
const stepText = (p: StaffPage, index: number): string => p.wrapper.findAll('.staff-steps__step')[index]?.text() ?? '';
const button = (p: StaffPage, text: string) => p.wrapper.findAll('button').find((b) => b.text() === text);

async function helping(progress: AssistedProgress, displays: 'one' | 'two' = 'two'): Promise<StaffPage> {
  const opened = await mountStaffPage(StaffConsoleRoot, staffView({ displays, screen: 'staff', staff: readyStaff(), assisted: progress }), {
    'services:list': { ok: true, value: { council: catalogue.council, services: catalogue.services } },
  });
  await flushPromises();
  return opened;
}

describe("the guide's steps, live", () => {
  it('writes each status out in words, in the guide\'s words, and marks the current step', async () => {
    page = await helping(assistedProgress({ confirmed, steps: steps('email_code'), path: 'sign_up' }));
    expect(stepText(page, 0)).toMatch(/^Done.*'Set up your My Norfolk Social Care Account' email/);
    expect(stepText(page, 0)).toContain('Photo ID seen');
    expect(stepText(page, 1)).toMatch(/^Skipped/);
    expect(stepText(page, 2)).toContain('The resident is signing up');
    expect(stepText(page, 3)).toMatch(/^Now.*'Send verification code'/);
    expect(stepText(page, 4)).toMatch(/^Next/);
    expect(page.wrapper.findAll('[aria-current="step"]').map((step) => step.text())).toEqual([stepText(page, 3)]);
  });

  it('shows the e-mail code sent, its tries left and its time left counting down, never the code', async () => {
    page = await helping(
      assistedProgress({
        confirmed,
        steps: steps('email_code'),
        emailCode: { state: 'code_sent', sentAt: at(-60_000), codeExpiresAt: at(8 * 60_000 + 12_000), attemptsRemaining: 4 },
        typing: 'email_code',
      }),
    );
    expect(stepText(page, 3)).toContain('Code sent at');
    expect(stepText(page, 3)).toContain('4 tries left');
    expect(stepText(page, 3)).toContain('Valid for 8:12');
    expect(page.wrapper.get('[role="status"] .staff-steps__typing').text()).toBe('The resident is typing their email code');
    vi.advanceTimersByTime(12_000);
    await flushPromises();
    expect(stepText(page, 3)).toContain('Valid for 8:00');
  });

  it('shows a call ringing to the number ending 123, and that # is not pressed yet', async () => {
    page = await helping(
      assistedProgress({
        confirmed,
        steps: steps('phone_check'),
        phoneCheck: { method: 'call', phoneKind: 'landline', numberEnding: '123', round: 1, state: 'ringing', sentAt: at(-5000), codeExpiresAt: null, attemptsRemaining: null, phoneEnrolled: false },
      }),
    );
    const text = stepText(page, 6);
    expect(text).toContain('Calling ••• 123: ringing');
    expect(text).toContain('# not pressed yet');
    expect(text).toContain('Check 1 of 2');
    // A landline only takes calls: no switch to a text; a new code is a new call.
    expect(button(page, 'Switch to a text')).toBeUndefined();
    expect(button(page, 'Send a new code')).toBeUndefined();
    await button(page, 'Call again')?.trigger('click');
    await flushPromises();
    expect(page.sent.at(-1)).toEqual({ channel: 'assisted:new-code', input: {} });
    expect(page.wrapper.text()).toContain("The resident's phone is being called again.");
  });
});

describe("the caseworker's actions", () => {
  const textRound: Partial<AssistedProgress> = {
    confirmed,
    steps: steps('phone_confirm'),
    phoneCheck: { method: 'sms', phoneKind: 'mobile', numberEnding: '987', round: 2, state: 'code_sent', sentAt: at(-5000), codeExpiresAt: at(600_000), attemptsRemaining: 3, phoneEnrolled: false },
  };

  it('sends a new code, switches a mobile to a call, pauses', async () => {
    page = await helping(assistedProgress(textRound));
    expect(stepText(page, 7)).toContain('Text to ••• 987: code sent');
    await button(page, 'Send a new code')?.trigger('click');
    await flushPromises();
    expect(page.wrapper.text()).toContain('A new code was sent.');
    await button(page, 'Switch to a call')?.trigger('click');
    await flushPromises();
    await button(page, 'Pause')?.trigger('click');
    await flushPromises();
    expect(page.sent.slice(-3)).toEqual([
      { channel: 'assisted:new-code', input: {} },
      { channel: 'assisted:phone-method', input: { method: 'call' } },
      { channel: 'assisted:pause', input: {} },
    ]);
    // Two displays: the resident has their own screen, nothing to hand over.
    expect(button(page, 'Pass the screen to the resident')).toBeUndefined();
  });

  it('on one display passes the screen over; a paused session shows when the pause ends, and resumes', async () => {
    page = await helping(assistedProgress({ ...textRound, pausedUntil: at(15 * 60_000) }), 'one');
    expect(page.wrapper.text()).toContain('Paused. The pause ends by itself at');
    expect(button(page, 'Pause')).toBeUndefined();
    await button(page, 'Resume')?.trigger('click');
    await flushPromises();
    await button(page, 'Pass the screen to the resident')?.trigger('click');
    await flushPromises();
    expect(page.channels().slice(-2)).toEqual(['assisted:resume', 'staff:hand-over']);
  });

  it('asks before ending the session, and can be talked out of it', async () => {
    page = await helping(assistedProgress(textRound));
    await button(page, 'End session')?.trigger('click');
    await flushPromises();
    expect(page.wrapper.text()).toContain("This clears everything on the resident's screen");
    expect(document.activeElement?.id).toBe('staff-end-title');
    expect(page.channels()).not.toContain('assisted:end');
    await button(page, 'No, go back')?.trigger('click');
    expect(page.channels()).not.toContain('assisted:end');
    await button(page, 'End session')?.trigger('click');
    await button(page, 'Yes, end the session')?.trigger('click');
    await flushPromises();
    expect(page.channels()).toContain('assisted:end');
    page.show(staffView({ staff: readyStaff(), assisted: null }));
    await flushPromises();
    expect(page.wrapper.text()).toContain("The resident's session has ended. Their screen is cleared.");
    expect(page.wrapper.text()).toContain("Today's invites");
    await button(page, 'Help the next resident')?.trigger('click');
    await flushPromises();
    expect(page.wrapper.text()).not.toContain('session has ended');
    // The list could not load here (no invites answered): its heading takes focus instead of the search box.
    expect(document.activeElement?.id).toBe('staff-invites-title');
  });

  it("says the session ended even when main's new view comes before the answer to 'End session'", async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: readyStaff(), assisted: assistedProgress(textRound) }), {
      'assisted:end': (hub) => {
        hub.publish('staffView', staffView({ staff: readyStaff(), assisted: null }));
        return { ok: true, value: {} };
      },
    });
    await flushPromises();
    await button(page, 'End session')?.trigger('click');
    await button(page, 'Yes, end the session')?.trigger('click');
    await flushPromises();
    expect(page.wrapper.text()).toContain("The resident's session has ended. Their screen is cleared.");
    // A later view (a new lock time, say) does not hide it.
    page.show(staffView({ staff: readyStaff(), assisted: null }));
    await flushPromises();
    expect(page.wrapper.text()).toContain("The resident's session has ended.");
  });

  it("after the setup is submitted, 'Help the next resident' ends the session without asking", async () => {
    page = await helping(assistedProgress({ ...textRound, steps: steps('activation'), submitted: true }));
    expect(button(page, 'End session')).toBeUndefined();
    await button(page, 'Help the next resident')?.trigger('click');
    await flushPromises();
    expect(page.channels().at(-1)).toBe('assisted:end');
  });
});

describe('before the service catalogue has loaded', () => {
  it('names the e-mail steps in plain words rather than with an empty title', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: readyStaff(), assisted: assistedProgress({ confirmed, steps: steps('account') }) }));
    await flushPromises();
    expect(stepText(page, 0)).toMatch(/^DoneCode from the invitation email/);
    expect(page.wrapper.text()).not.toContain("''");
  });
});
