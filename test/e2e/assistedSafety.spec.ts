import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, trainingApi } from './kioskFixture.ts';
import type { RunningWebHost, TrainingApi } from './kioskFixture.ts';
import {
  CASEWORKER_NAME,
  choosePin,
  confirmInviteCode,
  expectNoSecretsOnStaffPage,
  inviteRow,
  openStaffPage,
  pickInvite,
  recordStaffStream,
  signInWithTrainingApproval,
  STAFF_PIN,
} from './assistedSteps.ts';
import { heapTraces } from './heapTraces.ts';
import { openKiosk, seededInvite, tabTo, waitOutCooldown } from './registrationSteps.ts';
import type { SeededInvite } from './registrationSteps.ts';

// Assisted mode's safety on a real web host, with the kiosk page and the REAL staff page (its own
// address under /staff/ and its path-scoped cookie, so one browser context holds both): the
// console locks itself after inactivity, a wrong staff password locks the staff id, a pause shows
// the resident a neutral screen, ending from the console leaves nothing of the resident in
// either page's heap, and one display shares the kiosk page between caseworker and resident.

const CASEWORKER = { staffId: 'cw.training', password: 'Caseworker-Training-1' };
const WELCOME = 'Set up your online account';
/** Distinctive values, so a match in a heap can only be the resident's own. */
const RESIDENT = { givenName: 'Quillonette', surname: 'Vandersnoot', password: 'Kiosk-Safety-2026', phone: '07911 123458', e164: '+447911123458' };

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/safety-${name}.png`, fullPage: true });
}

/** The staff page beside the kiosk page in the test's own browser context, its clock ours to move. */
async function openStaffPageBeside(page: Page, host: RunningWebHost): Promise<Page> {
  await page.context().addCookies([host.staffCookie]);
  const staffPage = await openStaffPage(page.context(), host);
  await staffPage.clock.install();
  return staffPage;
}

/** Sign-in approved as the training work device would, the PIN chosen; axe on each screen. */
async function signIn(staffPage: Page, prefix: string): Promise<void> {
  await signInWithTrainingApproval(staffPage, `safety-${prefix}-sign-in`);
  await choosePin(staffPage, STAFF_PIN, `safety-${prefix}-choose-pin`);
  await expectNoAxeViolations(staffPage);
}

/** The resident, told their code is confirmed: sign up with the address, the email's code, then names and password typed (not sent). */
async function residentSignsUpAndTypesNames(page: Page, training: TrainingApi, invite: SeededInvite): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Do you already have a My Norfolk account?' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign up now' }).click();
  // The caseworker chose the invite, so the resident has not typed its address yet.
  await page.getByLabel('Confirm your email address').fill(invite.email);
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  const emailCode = (await training.latest(invite.email, 'email')).code ?? '';
  await page.getByLabel('Verification code').fill(emailCode);
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByLabel('First name').fill(RESIDENT.givenName);
  await page.getByLabel('Surname').fill(RESIDENT.surname);
  await page.getByLabel('Password', { exact: true }).fill(RESIDENT.password);
  await page.getByLabel('Confirm password', { exact: true }).fill(RESIDENT.password);
  return emailCode;
}

test.describe('assisted mode: safety', () => {
  test('the console locks itself after inactivity (moved clock), hides the resident, and the PIN unlocks it', async ({ page, freshWebHost }) => {
    await openKiosk(page, freshWebHost);
    const staffPage = await openStaffPageBeside(page, freshWebHost);
    await signIn(staffPage, '01');
    await pickInvite(staffPage, 'P**** P****');
    await expect(page.getByRole('heading', { level: 1, name: /^Read your code to / })).toBeVisible();

    // kiosk.json's staff.lockSeconds is 300: not yet at 4:50, locked by 5:05.
    await staffPage.clock.fastForward('04:50');
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible();
    await staffPage.clock.fastForward('00:15');
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Console locked' })).toBeVisible();
    const locked = await staffPage.locator('body').innerText();
    expect(locked).not.toContain('Helping:');
    expect(locked).not.toContain('P**** P****');
    expect(locked).not.toContain('@example.org');
    expect(locked).not.toContain("Confirm the resident's code");
    await expectNoAxeViolations(staffPage);
    await shot(staffPage, '01-staff-locked');

    // Main answers an unlock with a lock time on its own clock: the page's clock goes back to it.
    await staffPage.clock.setSystemTime(Date.now());
    await staffPage.getByLabel('PIN').fill('1111');
    await staffPage.getByRole('button', { name: 'Unlock' }).click();
    await expect(staffPage.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('4 tries left, then you will be signed out');
    await expectNoAxeViolations(staffPage);
    await shot(staffPage, '02-staff-wrong-pin');
    await staffPage.getByLabel('PIN').fill(STAFF_PIN);
    await staffPage.getByRole('button', { name: 'Unlock' }).click();
    await expect(staffPage.getByRole('heading', { name: "Confirm the resident's code" })).toBeVisible();
    await expect(staffPage.getByText('Helping:')).toContainText(/P\*{4} P\*{4}.*p\*+@example\.org/);
    await shot(staffPage, '03-staff-unlocked');
  });

  test('a wrong staff password says the tries left; the fifth locks the staff id, and then the right one is refused', async ({ page, freshWebHost }) => {
    await openKiosk(page, freshWebHost);
    const staffPage = await openStaffPageBeside(page, freshWebHost);
    await staffPage.getByRole('button', { name: 'Use staff id and password instead' }).click();
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Sign in with your staff id' })).toBeVisible();
    await expectNoAxeViolations(staffPage);
    const summary = staffPage.getByRole('alert').filter({ hasText: 'There is a problem' });
    for (let tries = 4; tries >= 1; tries--) {
      await staffPage.getByLabel('Staff id').fill(CASEWORKER.staffId);
      await staffPage.getByLabel('Password').fill(`Wrong-${tries}`);
      await staffPage.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(summary).toContainText(tries === 1 ? 'You have 1 try left before this staff id is locked' : `You have ${tries} tries left before this staff id is locked`);
      // The password is forgotten as soon as it is sent.
      await expect(staffPage.getByLabel('Password')).toHaveValue('');
    }
    await expectNoAxeViolations(staffPage);
    await shot(staffPage, '04-staff-password-tries');
    await staffPage.getByLabel('Password').fill('Wrong-5');
    await staffPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(summary).toContainText(/This staff id is locked after too many wrong passwords\. Try again in \d+ minutes?, or sign in with your work device\./);
    await expectNoAxeViolations(staffPage);
    await shot(staffPage, '05-staff-id-locked');
    await staffPage.getByLabel('Password').fill(CASEWORKER.password);
    await staffPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(summary).toContainText('This staff id is locked after too many wrong passwords');
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Sign in with your staff id' })).toBeVisible();
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Choose a PIN' })).toHaveCount(0);
  });

  test('paused and resumed with the typed data kept; ended from the console, nothing of the resident in either heap', async ({ page, freshWebHost, consoleErrors }) => {
    test.setTimeout(120_000);
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'social-care', 'Jane Smith');
    await openKiosk(page, freshWebHost);
    const staffPage = await openStaffPageBeside(page, freshWebHost);
    const stream = await recordStaffStream(freshWebHost);
    await signIn(staffPage, '02');
    await pickInvite(staffPage, 'J*** S****', /My Norfolk Social Care/);
    await expectNoAxeViolations(staffPage);
    await confirmInviteCode(staffPage, invite.code);
    await expectNoAxeViolations(staffPage);
    const emailCode = await residentSignsUpAndTypesNames(page, training, invite);

    // Paused: the neutral screen, nothing the resident typed or was sent on it.
    await staffPage.getByRole('button', { name: 'Pause' }).click();
    await expect(staffPage.getByText(/Paused\. The pause ends by itself at/)).toBeVisible();
    await expectNoAxeViolations(staffPage);
    await shot(staffPage, '06-staff-paused');
    await expect(page.getByRole('heading', { level: 1, name: 'Your helper has paused this for a moment' })).toBeFocused();
    const paused = await page.locator('body').innerText();
    for (const value of [invite.email, RESIDENT.givenName, RESIDENT.surname]) expect(paused).not.toContain(value);
    // The resident's screen is kept for the resume, hidden: nothing of it shown, read out or focusable.
    await expect(page.getByLabel('First name')).toBeHidden();
    expect(await page.locator('input:visible').count()).toBe(0);
    await expectNoAxeViolations(page);
    await shot(page, '07-resident-paused');

    // Resumed: the same screen, what the resident typed still there.
    await staffPage.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByLabel('First name')).toHaveValue(RESIDENT.givenName);
    await expect(page.getByLabel('Surname')).toHaveValue(RESIDENT.surname);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(RESIDENT.password);
    await expect(page.getByLabel('Confirm password', { exact: true })).toHaveValue(RESIDENT.password);
    await shot(page, '08-resident-resumed');

    // On to the phone: a text's code typed and checked, the second round's code typed, not sent.
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('What phone number do you want to use?').fill(RESIDENT.phone);
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expect(page.getByText('Phone check 1 of 2')).toBeVisible();
    const firstCode = (await training.latest(RESIDENT.e164, 'sms')).code ?? '';
    await page.getByLabel('Verification code').fill(firstCode);
    await page.getByRole('button', { name: 'Verify code' }).click();
    await waitOutCooldown(page, training);
    // The console's clock keeps up with the simulator's, so the code's time left reads true there.
    await staffPage.clock.fastForward(31_000);
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expect(page.getByText('Phone check 2 of 2')).toBeVisible();
    const secondCode = (await training.latest(RESIDENT.e164, 'sms')).code ?? '';
    await page.getByLabel('Verification code').fill(secondCode);
    await shot(staffPage, '09-staff-mid-registration');
    await expectNoSecretsOnStaffPage(staffPage, stream, [invite.code, RESIDENT.password, emailCode, firstCode, secondCode]);

    // The heap search finds what is there: the resident's page holds their name until the end.
    expect(await heapTraces(page, [RESIDENT.givenName])).toEqual([RESIDENT.givenName]);

    // 'End session' on the console: the resident's page is replaced as 'Finish' replaces it.
    await page.evaluate(() => Object.assign(window, { lastResidentWorld: true }));
    await staffPage.getByRole('button', { name: 'End session' }).click();
    await expect(staffPage.getByRole('heading', { level: 3, name: "End the resident's session?" })).toBeFocused();
    await expectNoAxeViolations(staffPage);
    await staffPage.getByRole('button', { name: 'Yes, end the session' }).click();
    await expect(staffPage.getByText("The resident's session has ended. Their screen is cleared.")).toBeVisible();
    await expectNoAxeViolations(staffPage);
    await shot(staffPage, '10-staff-ended');
    await page.waitForFunction(() => !('lastResidentWorld' in window));
    await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Everything from the last session has been cleared' })).toBeVisible();
    await shot(page, '11-resident-wiped');

    const secrets = [invite.code, invite.code.replace(/-/g, ''), invite.email, RESIDENT.givenName, RESIDENT.surname, RESIDENT.password, RESIDENT.phone, RESIDENT.e164, emailCode, firstCode, secondCode];
    // Each snapshot also finds a string the page still holds: the search is looking at a live heap.
    expect(await heapTraces(page, [...secrets, WELCOME]), "the resident's page").toEqual([WELCOME]);
    expect(await heapTraces(staffPage, [...secrets, CASEWORKER_NAME]), 'the staff page').toEqual([CASEWORKER_NAME]);
    stream.stop();
    expect(consoleErrors).toEqual([]);
  });

  test("one display: 'Staff' on the welcome screen, the console by keyboard, the screen passed over and taken back", async ({ page, freshWebHost, consoleErrors }) => {
    await openKiosk(page, freshWebHost);
    await tabTo(page, page.getByRole('button', { name: 'Staff', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeFocused();
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole('button', { name: 'Approve (training)' }));
    await page.keyboard.press('Enter');
    // The kiosk learns of the approval at its next poll, within the council's 5-second interval.
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a PIN' })).toBeFocused({ timeout: 15_000 });
    await expectNoAxeViolations(page);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.keyboard.type(STAFF_PIN);
    await page.keyboard.press('Tab');
    await page.keyboard.type(STAFF_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeFocused();
    await expectNoAxeViolations(page);
    await shot(page, '12-one-display-console');

    await tabTo(page, page.getByLabel('Search invites'));
    await page.keyboard.type('Children');
    const help = inviteRow(page, 'S** J****').getByRole('button', { name: /^Help/ });
    await expect(help).toHaveCount(1);
    await tabTo(page, help);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: "Confirm the resident's code" })).toBeVisible();
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole('button', { name: 'Pass the screen to the resident' }));
    await page.keyboard.press('Enter');

    // The resident's screen: their code to read out, and a discreet way back for the caseworker.
    await expect(page.getByRole('heading', { level: 1, name: /^Read your code to / })).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await shot(page, '13-one-display-resident');
    await tabTo(page, page.getByRole('button', { name: 'Hand back to staff' }));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Staff PIN')).toBeFocused();
    await page.keyboard.type(STAFF_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible();
    await expect(page.getByRole('heading', { name: "Confirm the resident's code" })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Hand back to staff' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await shot(page, '14-one-display-console-again');

    // The code the resident read out, and how the caseworker knows them, without a pointer.
    const invite = await seededInvite(trainingApi(freshWebHost), 'childrens-services', 'Sam Jones');
    await tabTo(page, page.getByRole('textbox', { name: 'Code the resident reads out' }));
    await page.keyboard.type(invite.code);
    await tabTo(page, page.getByRole('radio', { name: 'Photo ID seen' }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Known to me' })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/Code confirmed at \d\d:\d\d: Known to me/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Code the resident reads out' })).toHaveCount(0);
    // Pause, resume and end, each from the keyboard; ending asks first.
    await tabTo(page, page.getByRole('button', { name: 'Pause' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Resume' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'End session' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: "End the resident's session?" })).toBeFocused();
    await expectNoAxeViolations(page);
    await tabTo(page, page.getByRole('button', { name: 'Yes, end the session' }));
    await page.keyboard.press('Enter');
    // The shared page is replaced as 'Finish' does; the caseworker still holds the screen, with no resident.
    await page.waitForURL(/ended=/);
    await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible();
    await expect(page.getByRole('heading', { name: "Confirm the resident's code" })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'End session' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await shot(page, '15-one-display-ended');
    expect(consoleErrors).toEqual([]);
  });
});
