// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import StaffConsoleRoot from '../../../renderer/staff/StaffConsoleRoot.vue';
import { closeStaffPage, mountStaffPage } from './staffMount.ts';
import { readyStaff, staffView } from './staffViews.ts';
import type { StaffPage } from './staffMount.ts';
import { assistedProgress } from './staffProgress.ts';

let page: StaffPage | undefined;
afterEach(() => {
  closeStaffPage(page);
  page = undefined;
});

async function submit(p: StaffPage): Promise<void> {
  await p.wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('choosing the PIN after sign-in', () => {
  it('asks for 4 to 8 digits, typed twice the same, before sending anything', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'choose_pin', displayName: 'Sam Carter' } }));
    await page.wrapper.get('#staff-pin').setValue('12a4');
    await submit(page);
    expect(page.wrapper.get('#staff-pin-error').text()).toContain('4 to 8 digits');
    await page.wrapper.get('#staff-pin').setValue('123456789');
    await submit(page);
    expect(page.wrapper.get('#staff-pin-error').text()).toContain('4 to 8 digits');
    await page.wrapper.get('#staff-pin').setValue('2468');
    await page.wrapper.get('#staff-pin-again').setValue('2469');
    await submit(page);
    expect(page.wrapper.get('#staff-pin-again-error').text()).toContain('not the same');
    expect((page.wrapper.get('#staff-pin-again').element as HTMLInputElement).value).toBe('');
    expect(page.sent).toEqual([]);
  });

  it('sends the PIN once both agree', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'choose_pin', displayName: 'Sam Carter' } }));
    await page.wrapper.get('#staff-pin').setValue('24680');
    await page.wrapper.get('#staff-pin-again').setValue('24680');
    await submit(page);
    expect(page.sent).toEqual([{ channel: 'staff:pin-choose', input: { pin: '24680' } }]);
  });
});

describe('the locked console', () => {
  it('shows nothing of the resident, only who is signed in and the PIN field', async () => {
    // Even were main to send the registration while locked, the locked screen would not show it.
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'locked', displayName: 'Sam Carter' }, assisted: assistedProgress() }));
    await flushPromises();
    const text = page.wrapper.text();
    expect(page.wrapper.get('h1').text()).toBe('Console locked');
    expect(text).toContain('Sam Carter');
    expect(text).not.toContain('J*** S****');
    expect(text).not.toContain('j*******@example.org');
    expect(page.sent).toEqual([]);
  });

  it('sends the PIN, empties the field, and says how many tries are left when it is wrong', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'locked', displayName: 'Sam Carter' } }), {
      'staff:unlock': { ok: false, error: { code: 'pin_incorrect', message: 'PIN incorrect', attemptsRemaining: 2 } },
    });
    await page.wrapper.get('#staff-unlock-pin').setValue('1357');
    await submit(page);
    expect(page.sent).toEqual([{ channel: 'staff:unlock', input: { pin: '1357' } }]);
    expect((page.wrapper.get('#staff-unlock-pin').element as HTMLInputElement).value).toBe('');
    expect(page.wrapper.get('#staff-unlock-pin-error').text()).toContain('You have 2 tries left, then you will be signed out');
  });

  it('goes to the console when main says it is unlocked', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'locked', displayName: 'Sam Carter' } }));
    page.show(staffView({ staff: readyStaff() }));
    await flushPromises();
    expect(page.wrapper.get('h1').text()).toBe('Staff console');
    expect(page.wrapper.text()).toContain('Signed in as Sam Carter');
  });
});
