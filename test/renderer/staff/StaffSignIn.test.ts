// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import StaffConsoleRoot from '../../../renderer/staff/StaffConsoleRoot.vue';
import type { StaffDeviceSignIn } from '../../../shared/kioskApi/staffView.ts';
import { closeStaffPage, mountStaffPage } from './staffMount.ts';
import { staffView } from './staffViews.ts';
import type { StaffPage } from './staffMount.ts';

let page: StaffPage | undefined;
afterEach(() => {
  closeStaffPage(page);
  page = undefined;
});

const QR_PATH = 'M0 0h7v1H0zM0 6h7v1H0z';
function deviceSignIn(status: StaffDeviceSignIn['status'], expiresInMs = 9 * 60_000 + 30_000): StaffDeviceSignIn {
  return {
    userCode: 'BCDF-GHJK',
    verificationUri: 'http://127.0.0.1:4100/device',
    verificationUriComplete: 'http://127.0.0.1:4100/device?user_code=BCDF-GHJK',
    qr: { size: 25, path: QR_PATH },
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    status,
  };
}

describe('staff sign-in with a work device', () => {
  it('shows the code big, the address written out, the QR code with a name, and the time left', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'signed_out', deviceSignIn: deviceSignIn('waiting') } }));
    await flushPromises();
    const text = page.wrapper.text();
    expect(page.wrapper.get('.device-sign-in__code').text()).toContain('BCDF-GHJK');
    expect(text).toContain('http://127.0.0.1:4100/device');
    const svg = page.wrapper.get('svg[role="img"]');
    expect(svg.attributes('viewBox')).toBe('0 0 25 25');
    expect(svg.attributes('aria-label')).toMatch(/QR code/);
    expect(svg.get('path').attributes('d')).toBe(QR_PATH);
    expect(text).toMatch(/The code works for 9:[23]\d more/);
    // The sign-in already waiting is shown as it is: no second one is asked for.
    expect(page.channels()).not.toContain('staff:sign-in-start');
  });

  it("in training, 'Approve (training)' approves it as the work device would", async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'signed_out', deviceSignIn: deviceSignIn('waiting') } }));
    await flushPromises();
    const approve = page.wrapper.findAll('button').find((b) => b.text() === 'Approve (training)');
    expect(approve).toBeDefined();
    await approve?.trigger('click');
    await flushPromises();
    expect(page.channels()).toContain('staff:training-approve');
  });

  it("live, there is no approve button; an expired or refused code offers 'Start again', which asks for a new one", async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView({ mode: 'live', staff: { state: 'signed_out', deviceSignIn: deviceSignIn('denied') } }));
    await flushPromises();
    expect(page.wrapper.text()).not.toContain('Approve (training)');
    expect(page.wrapper.get('[role="alert"]').text()).toContain('refused on your work device');
    page.show(staffView({ mode: 'live', staff: { state: 'signed_out', deviceSignIn: deviceSignIn('waiting', -1000) } }));
    await flushPromises();
    expect(page.wrapper.text()).toContain('This code has expired');
    await page.wrapper.findAll('button').find((b) => b.text() === 'Start again')?.trigger('click');
    await flushPromises();
    expect(page.channels()).toEqual(['staff:sign-in-start']);
  });

  it('with no sign-in on show, asks main for one at once', async () => {
    page = await mountStaffPage(StaffConsoleRoot, staffView());
    await flushPromises();
    expect(page.channels()[0]).toBe('staff:sign-in-start');
  });
});

describe('staff sign-in with staff id and password', () => {
  async function openPasswordForm(): Promise<StaffPage> {
    const opened = await mountStaffPage(StaffConsoleRoot, staffView({ staff: { state: 'signed_out', deviceSignIn: deviceSignIn('waiting') } }));
    await flushPromises();
    await opened.wrapper.findAll('button').find((b) => b.text() === 'Use staff id and password instead')?.trigger('click');
    await flushPromises();
    return opened;
  }

  it('stops waiting for the device, and says what is missing before sending anything', async () => {
    page = await openPasswordForm();
    expect(page.channels()).toEqual(['staff:sign-in-cancel']);
    await page.wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(page.wrapper.get('#staff-id-error').text()).toContain('Enter your staff id');
    expect(page.wrapper.get('#staff-password-error').text()).toContain('Enter your password');
    expect(page.channels()).toEqual(['staff:sign-in-cancel']);
  });

  it('sends the staff id and password once, and forgets the password whatever the answer', async () => {
    page = await openPasswordForm();
    await page.wrapper.get('#staff-id').setValue(' cw.sam ');
    await page.wrapper.get('#staff-password').setValue('correct horse');
    await page.wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(page.sent.at(-1)).toEqual({ channel: 'staff:sign-in-password', input: { staffId: 'cw.sam', password: 'correct horse' } });
    expect((page.wrapper.get('#staff-password').element as HTMLInputElement).value).toBe('');
    expect((page.wrapper.get('#staff-id').element as HTMLInputElement).value).toBe(' cw.sam ');
  });
});
