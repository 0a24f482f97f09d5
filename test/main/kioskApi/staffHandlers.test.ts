import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../main/kioskCore.ts';
import type { ResidentAssist, StaffView } from '../../../shared/kioskApi/staffView.ts';
import { must, refusal, signInStaff, simulatorOf } from '../assisted/assistedFixture.ts';
import { startTestCore } from '../kioskCoreFixture.ts';

// The audience rule and the staff state, checked by every staff handler, on the real core.

let core: KioskCore;
let staffViews: StaffView[];
let resident: ResidentAssist[];
let kioskPageChannels: string[];

beforeEach(async () => {
  core = await startTestCore({ staff: { entry: true, lockSeconds: 300 } });
  staffViews = [];
  resident = [];
  kioskPageChannels = [];
  core.events.subscribe((channel, payload) => {
    if (channel === 'staff:view') staffViews.push(payload as StaffView);
    if (channel === 'assisted:resident') resident.push(payload as ResidentAssist);
  });
  core.events.subscribe((channel) => kioskPageChannels.push(channel), core.eventFilterFor('kiosk'));
});
afterEach(async () => {
  await core.close();
});

describe('staff calls on a one-display kiosk', () => {
  it('the kiosk page signs in, holds the screen, hands it over, and takes it back with the PIN', async () => {
    expect(await must(core, 'kiosk', 'getKioskInfo', {})).toMatchObject({ page: 'kiosk', staffEntry: true });
    expect(await refusal(core, 'kiosk', 'listStaffInvites', {})).toBe('staff_signed_out');
    await signInStaff(core, 'kiosk', '1357');
    expect(staffViews.at(-1)).toMatchObject({ displays: 'one', screen: 'staff', staff: { state: 'ready' } });
    expect(kioskPageChannels).toContain('staff:view');
    expect((await must(core, 'kiosk', 'listStaffInvites', {})).invites.length).toBeGreaterThan(0);

    await must(core, 'kiosk', 'handOverScreen', {});
    expect(resident.at(-1)?.screen).toBe('resident');
    const seenBefore = kioskPageChannels.length;
    expect(await refusal(core, 'kiosk', 'listStaffInvites', {})).toBe('staff_locked');
    expect(await refusal(core, 'kiosk', 'startStaffSignIn', {})).toBe('staff_locked');
    expect(await refusal(core, 'kiosk', 'unlockStaff', { pin: '0000' })).toBe('pin_incorrect');
    // While the resident has the screen, the kiosk page receives no staff view.
    expect(kioskPageChannels.slice(seenBefore)).not.toContain('staff:view');
    await must(core, 'kiosk', 'unlockStaff', { pin: '1357' });
    expect(staffViews.at(-1)?.screen).toBe('staff');
    expect((await must(core, 'kiosk', 'listStaffInvites', {})).invites.length).toBeGreaterThan(0);
  });

  it('device sign-in from the welcome screen: the code reaches the kiosk page, training approves it, cancel gives the screen back', async () => {
    const shown = await must(core, 'kiosk', 'startStaffSignIn', {});
    expect(shown.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(resident.at(-1)?.screen).toBe('staff');
    const kioskViews: StaffView[] = [];
    core.events.subscribe((channel, payload) => channel === 'staff:view' && kioskViews.push(payload as StaffView), core.eventFilterFor('kiosk'));
    expect(kioskViews.at(-1)?.staff).toMatchObject({ state: 'signed_out', deviceSignIn: { userCode: shown.userCode } });
    await must(core, 'kiosk', 'cancelStaffSignIn', {});
    expect(resident.at(-1)?.screen).toBe('resident');

    await must(core, 'kiosk', 'startStaffSignIn', {});
    await must(core, 'kiosk', 'approveTrainingStaffSignIn', {});
    const deadline = Date.now() + 10_000;
    while (staffViews.at(-1)?.staff.state !== 'choose_pin' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(staffViews.at(-1)).toMatchObject({ screen: 'staff', staff: { state: 'choose_pin', displayName: 'Training Caseworker' } });
  });

  it('with the Staff entry turned off, nobody signs in on the kiosk screen', async () => {
    const closed = await startTestCore({ staff: { entry: false, lockSeconds: 300 } });
    try {
      expect(await must(closed, 'kiosk', 'getKioskInfo', {})).toMatchObject({ staffEntry: false });
      const { caseworker } = simulatorOf(closed).seed;
      expect(await refusal(closed, 'kiosk', 'signInStaffWithPassword', { staffId: caseworker.staffId, password: caseworker.password })).toBe('forbidden');
      expect(await refusal(closed, 'kiosk', 'startStaffSignIn', {})).toBe('forbidden');
    } finally {
      await closed.close();
    }
  });

  it('a locked console refuses staff calls until the PIN', async () => {
    await signInStaff(core, 'kiosk', '1357');
    await must(core, 'kiosk', 'lockStaff', {});
    expect(await refusal(core, 'kiosk', 'listStaffInvites', {})).toBe('staff_locked');
    expect(staffViews.at(-1)).toMatchObject({ staff: { state: 'locked' }, assisted: null });
    await must(core, 'kiosk', 'unlockStaff', { pin: '1357' });
    expect(staffViews.at(-1)?.staff.state).toBe('ready');
  });
});

describe('staff calls with a staff window', () => {
  it('the kiosk page may not make staff calls, nor sees staff views; the staff page may not make resident calls', async () => {
    core.setStaffWindow(true);
    expect(await must(core, 'kiosk', 'getKioskInfo', {})).toMatchObject({ page: 'kiosk', staffEntry: false });
    expect(await refusal(core, 'kiosk', 'signInStaffWithPassword', { staffId: 'cw.training', password: 'x' })).toBe('forbidden');
    expect(await refusal(core, 'staff', 'startRegistration', { serviceId: 'social-care' })).toBe('forbidden');
    const seenBefore = kioskPageChannels.length;
    await signInStaff(core, 'staff');
    expect(staffViews.at(-1)).toMatchObject({ displays: 'two', screen: 'resident', staff: { state: 'ready' } });
    expect(kioskPageChannels.slice(seenBefore)).not.toContain('staff:view');
    expect(await refusal(core, 'staff', 'handOverScreen', {})).toBe('step_out_of_order');
  });

  it('pause holds the resident session without idling out; end wipes it; sign-out ends it too', async () => {
    core.setStaffWindow(true);
    await signInStaff(core, 'staff');
    const invite = simulatorOf(core).seed.invites.find((i) => i.email === 'sam.jones@example.org')!;
    expect(await refusal(core, 'staff', 'pauseAssisted', {})).toBe('no_assisted_session');
    await must(core, 'staff', 'startAssisted', { inviteId: invite.inviteId });
    const { session } = await must(core, 'kiosk', 'joinAssisted', {});
    expect(resident.at(-1)).toMatchObject({ helperName: 'Training Caseworker', assisted: { serviceId: 'childrens-services', phase: 'reading_code', paused: false } });

    await must(core, 'staff', 'pauseAssisted', {});
    expect(resident.at(-1)?.assisted?.paused).toBe(true);
    expect(Date.parse(staffViews.at(-1)!.assisted!.pausedUntil!)).toBeGreaterThan(Date.now());
    expect(core.openSessions()).toEqual({ sessions: 1, timers: 0 });
    await must(core, 'staff', 'resumeAssisted', {});
    expect(resident.at(-1)?.assisted?.paused).toBe(false);
    expect(core.openSessions()).toEqual({ sessions: 1, timers: 1 });

    await must(core, 'staff', 'endAssisted', {});
    expect(resident.at(-1)?.assisted).toBeNull();
    expect(staffViews.at(-1)?.assisted).toBeNull();
    expect(core.openSessions().sessions).toBe(0);
    expect(await refusal(core, 'kiosk', 'noteResidentTyping', { session, field: 'email' })).toBe('no_assisted_session');

    await must(core, 'staff', 'startAssisted', { inviteId: invite.inviteId });
    await must(core, 'staff', 'signOutStaff', {});
    expect(resident.at(-1)?.assisted).toBeNull();
    expect(core.openSessions().sessions).toBe(0);
    expect(await refusal(core, 'staff', 'listStaffInvites', {})).toBe('staff_signed_out');
  });

  it('the training phone answers any page, and shows the assisted invite', async () => {
    core.setStaffWindow(true);
    await signInStaff(core, 'staff');
    const invite = simulatorOf(core).seed.invites.find((i) => i.email === 'sam.jones@example.org')!;
    await must(core, 'staff', 'startAssisted', { inviteId: invite.inviteId });
    const { messages } = await must(core, 'staff', 'getTrainingPhone', {});
    expect(messages.map((m) => m.code)).toContain(invite.inviteCode);
    expect((await must(core, 'kiosk', 'getTrainingPhone', {})).messages.length).toBeGreaterThan(0);
  });
});
