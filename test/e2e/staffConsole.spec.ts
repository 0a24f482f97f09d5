import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { KioskResult } from '../../shared/kioskApi/kioskResult.ts';
import { serviceCatalogSchema } from '../../shared/serviceDefinition.ts';
import { inviteListAnswers } from '../renderer/staff/staffInvites.ts';
import { assistedProgress } from '../renderer/staff/staffProgress.ts';
import { readyStaff, staffView } from '../renderer/staff/staffViews.ts';
import { expectNoAxeViolations } from './kioskFixture.ts';
import { buildStaffHarness, openStaffHarness, waitingDeviceSignIn } from './staffHarness/staffHarnessPage.ts';

// The staff console alone in Chromium (test/e2e/staffHarness/): every staff screen checked by
// axe, worked with the keyboard only, and photographed. The test stands where the host's
// transport is: it pushes staff views (checked against the contract) and records the calls.

const catalogue = serviceCatalogSchema.parse(JSON.parse(readFileSync(new URL('../../main/services/norfolk.services.json', import.meta.url), 'utf8')));
const answers = (): Record<string, KioskResult<unknown>> => inviteListAnswers(catalogue);
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/staff-${name}.png`, fullPage: true });
const at = (msFromNow: number): string => new Date(Date.now() + msFromNow).toISOString();

test.beforeAll(async () => {
  await buildStaffHarness();
});

test.describe('the staff console: every screen accessible', () => {
  test('sign-in with a work device, the password fallback, the PIN, the lock', async ({ page }) => {
    const harness = await openStaffHarness(page, staffView({ staff: { state: 'signed_out', deviceSignIn: waitingDeviceSignIn() } }), {
      'staff:sign-in-password': { ok: false, error: { code: 'caseworker_sign_in_failed', message: 'wrong', attemptsRemaining: 2 } },
      'staff:unlock': { ok: false, error: { code: 'pin_incorrect', message: 'wrong', attemptsRemaining: 4 } },
    });
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    await expect(page.getByText('BCDF-GHJK')).toBeVisible();
    await expect(page.getByText(/The code works for \d+:\d\d more/)).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, '01-sign-in-device');

    await page.getByRole('button', { name: 'Use staff id and password instead' }).click();
    await page.getByLabel('Staff id').fill('cw.sam');
    await page.getByLabel('Password').fill('not the one');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('You have 2 tries left before this staff id is locked');
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expectNoAxeViolations(page);
    await shot(page, '02-sign-in-password-wrong');

    harness.answers['staff:sign-in-password'] = { ok: false, error: { code: 'caseworker_locked', message: 'locked', retryAfterSeconds: 840 } };
    await page.getByLabel('Password').fill('still wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Try again in 14 minutes');

    await harness.show(staffView({ staff: { state: 'choose_pin', displayName: 'Sam Carter' } }));
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a PIN' })).toBeFocused();
    await page.getByRole('button', { name: 'Save PIN' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter a PIN of 4 to 8 digits');
    await expectNoAxeViolations(page);
    await shot(page, '03-choose-pin');

    await harness.show(staffView({ staff: { state: 'locked', displayName: 'Sam Carter' } }));
    await expect(page.getByRole('heading', { level: 1, name: 'Console locked' })).toBeFocused();
    await page.getByLabel('PIN').fill('0000');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText('You have 4 tries left, then you will be signed out');
    await expectNoAxeViolations(page);
    await shot(page, '04-locked-wrong-pin');
    expect(harness.sent.map((call) => call.channel)).toEqual(['staff:sign-in-cancel', 'staff:sign-in-password', 'staff:sign-in-password', 'staff:unlock']);
  });

  test('the console helping a resident: invites, the code, the steps live, the actions', async ({ page }) => {
    const harness = await openStaffHarness(page, staffView({ staff: readyStaff() }), answers());
    await expect(page.getByRole('table', { name: 'Invites open today' }).getByRole('row')).toHaveCount(4);
    await expectNoAxeViolations(page);
    await shot(page, '05-invites');
    await page.getByLabel('Search invites').fill('children');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
    await expect(page.getByText('Showing 1 of 3 invites')).toBeVisible();
    await expectNoAxeViolations(page);

    await harness.show(staffView({ staff: readyStaff(), assisted: assistedProgress() }));
    await page.getByRole('button', { name: 'Confirm code' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter the code the resident reads out');
    await expectNoAxeViolations(page);
    await shot(page, '06-confirm-code-errors');

    const confirmed = { check: 'photo_id_seen' as const, at: at(-5 * 60_000) };
    const ids = assistedProgress().steps.map((step) => step.id);
    await harness.show(
      staffView({
        staff: readyStaff(),
        assisted: assistedProgress({
          confirmed,
          path: 'sign_up',
          steps: ids.map((id, index) => ({ id, status: id === 'accept_email' ? 'skipped' : index < 3 ? 'done' : index === 3 ? 'now' : 'next' })),
          emailCode: { state: 'code_sent', sentAt: at(-60_000), codeExpiresAt: at(8 * 60_000 + 12_000), attemptsRemaining: 4 },
          typing: 'email_code',
        }),
      }),
    );
    await expect(page.getByText('The resident is typing their email code')).toBeVisible();
    await expect(page.getByText(/Valid for 8:\d\d/)).toBeVisible();
    await page.getByRole('button', { name: 'Show the training phone' }).click();
    await expectNoAxeViolations(page);
    await shot(page, '07-steps-email-code');

    await page.getByRole('button', { name: 'End session' }).click();
    await expect(page.getByRole('heading', { name: "End the resident's session?" })).toBeFocused();
    await expectNoAxeViolations(page);
    await shot(page, '08-end-confirm');
    expect(harness.sent.map((call) => call.channel)).not.toContain('assisted:end');

    await harness.show(
      staffView({
        displays: 'one',
        screen: 'staff',
        staff: readyStaff(),
        assisted: assistedProgress({
          confirmed,
          path: 'sign_up',
          steps: ids.map((id, index) => ({ id, status: id === 'accept_email' ? 'skipped' : index < 6 ? 'done' : index === 6 ? 'now' : 'next' })),
          phoneCheck: { method: 'call', phoneKind: 'mobile', numberEnding: '123', round: 1, state: 'ringing', sentAt: at(-4000), codeExpiresAt: null, attemptsRemaining: null, phoneEnrolled: false },
          pausedUntil: at(20 * 60_000),
        }),
      }),
    );
    await page.getByRole('button', { name: 'No, go back' }).click();
    await expect(page.getByText('Calling ••• 123: ringing')).toBeVisible();
    await expect(page.getByText('# not pressed yet')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pass the screen to the resident' })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, '09-steps-call-paused-one-display');

    await harness.show(staffView({ staff: readyStaff(), assisted: assistedProgress({ confirmed, path: 'sign_up', steps: ids.map((id) => ({ id, status: id === 'accept_email' ? 'skipped' : id === 'activation' ? 'next' : 'done' })), submitted: true }) }));
    await expect(page.getByText('The resident has submitted their account setup.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'End session' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await harness.show(staffView({ staff: readyStaff(), assisted: null }));
    await expect(page.getByRole('status').filter({ hasText: "The resident's session has ended." })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, '10-ended');
  });
});

test.describe('the staff console: keyboard only', () => {
  test('search, pick an invite, confirm the code, pause and end the session without a pointer', async ({ page }) => {
    const harness = await openStaffHarness(page, staffView({ staff: readyStaff() }), answers());
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
    const tabTo = async (name: string | RegExp, role: 'button' | 'textbox' | 'radio' = 'button'): Promise<void> => {
      const target = page.getByRole(role, { name });
      for (let presses = 0; presses < 30; presses++) {
        if (await target.evaluate((element) => element === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${String(name)}`);
    };

    await tabTo('Search invites', 'textbox');
    await page.keyboard.type('p*@');
    await tabTo(/^Help resident P, K/);
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.sent.at(-1)).toEqual({ channel: 'assisted:start', input: { inviteId: 'inv-3' } });

    await harness.show(staffView({ staff: readyStaff(), assisted: assistedProgress({ invite: { inviteId: 'inv-3', serviceId: 'social-care', residentMaskedName: 'P**** K***', maskedEmail: 'p*@council.test' } }) }));
    await tabTo('Code the resident reads out', 'textbox');
    await page.keyboard.type('ABCD-2EFG-345');
    await tabTo('Photo ID seen', 'radio');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Known to me' })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.sent.at(-1)).toEqual({ channel: 'assisted:confirm-invite', input: { inviteCode: 'ABCD-2EFG-345', check: 'known_to_me' } });

    await harness.show(staffView({ staff: readyStaff(), assisted: assistedProgress({ confirmed: { check: 'known_to_me', at: at(0) }, steps: assistedProgress().steps.map((step, index) => ({ id: step.id, status: index === 0 ? 'done' : index === 1 ? 'skipped' : index === 2 ? 'now' : 'next' })) }) }));
    await tabTo('Pause');
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.sent.at(-1)?.channel).toBe('assisted:pause');
    await tabTo('End session');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: "End the resident's session?" })).toBeFocused();
    await tabTo('Yes, end the session');
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.sent.at(-1)?.channel).toBe('assisted:end');
  });
});
