import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, trainingApi } from './kioskFixture.ts';
import { expectScreen, expectUsableWhenNarrow, openKiosk, SOCIAL_CARE } from './registrationSteps.ts';

// The resident's side of assisted mode on one shared display. The caseworker's actions are the
// kiosk API's staff methods, called from the kiosk page as the console on this page calls them
// (the console's own screens are tested with it); what is checked here is what the resident sees.

const CASEWORKER = { staffId: 'cw.training', password: 'Caseworker-Training-1', displayName: 'Training Caseworker' };
const PIN = '2468';

/** A staff method, called from the kiosk page (one display), as the console would; its result. */
async function asStaff(page: Page, method: string, input: Record<string, unknown> = {}): Promise<{ ok: boolean; error?: { code: string } }> {
  return page.evaluate(
    async ([name, argument]) => {
      const kiosk = (window as unknown as { kiosk: Partial<Record<string, (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>> }).kiosk;
      const call = kiosk[name];
      if (call === undefined) throw new Error(`No kiosk method ${name}`);
      return call(argument);
    },
    [method, input] as const,
  );
}

/** 'Hand back to staff' with the caseworker's PIN: the console has the screen again. */
async function handBack(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hand back to staff' }).click();
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Take the screen back' }).click();
  await expect(page.getByRole('button', { name: 'Hand back to staff' })).toBeHidden();
}

test.describe('assisted mode, the resident side', () => {
  test('one display: read the code out, paused and resumed, moved on without waiting, ended by the caseworker', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = (await training.seed()).invites.find((i) => i.serviceId === 'social-care' && i.residentName === 'Priya Patel');
    if (invite === undefined) throw new Error('No seeded invite for Priya Patel');
    await openKiosk(page, freshWebHost);
    // The discreet 'Staff' entry shows the console's sign-in on this screen; the way back is there too.
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeHidden();
    await page.screenshot({ path: 'test-results/screens/assisted-00-staff-entry.png', fullPage: true });
    await page.getByRole('button', { name: 'Back to the welcome screen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();

    // The caseworker signs in on this screen, chooses a PIN, starts the invite and hands over.
    expect(await asStaff(page, 'signInStaffWithPassword', { staffId: CASEWORKER.staffId, password: CASEWORKER.password })).toMatchObject({ ok: true });
    expect(await asStaff(page, 'chooseStaffPin', { pin: PIN })).toMatchObject({ ok: true });
    expect(await asStaff(page, 'startAssisted', { inviteId: invite.inviteId })).toMatchObject({ ok: true });
    expect(await asStaff(page, 'handOverScreen')).toMatchObject({ ok: true });

    await expectScreen(page, 'Read your code to Training Caseworker', 'assisted-01-read-code');
    await expect(page.getByTestId('helper-bar')).toHaveText('Helping you today: Training Caseworker');
    await expect(page.getByText('Set up your My Norfolk Social Care Account')).toBeVisible();
    await expect(page.getByRole('button', { name: SOCIAL_CARE })).toHaveCount(0);
    // 320 px wide with larger text: the helper's name and 'Hand back to staff' still fit.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.evaluate(() => document.documentElement.classList.add('text-larger'));
    await expectUsableWhenNarrow(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/assisted-01-read-code-320-larger.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.evaluate(() => document.documentElement.classList.remove('text-larger'));
    await page.setViewportSize({ width: 1280, height: 800 });

    // 'Hand back to staff': a wrong PIN is refused at the field; the right one gives the screen back.
    await page.getByRole('button', { name: 'Hand back to staff' }).click();
    await expect(page.getByLabel('Staff PIN')).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByLabel('Staff PIN').fill('1111');
    await page.getByRole('button', { name: 'Take the screen back' }).click();
    await expect(page.getByRole('alert')).toContainText('The PIN is not right');
    await page.screenshot({ path: 'test-results/screens/assisted-02-hand-back-wrong-pin.png', fullPage: true });
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByRole('button', { name: 'Take the screen back' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Read your code to Training Caseworker' })).toBeHidden();
    await page.screenshot({ path: 'test-results/screens/assisted-03-staff-has-screen.png', fullPage: true });

    // Paused while the caseworker has the screen, handed over: the neutral screen, nothing of the resident.
    expect(await asStaff(page, 'pauseAssisted')).toMatchObject({ ok: true });
    expect(await asStaff(page, 'handOverScreen')).toMatchObject({ ok: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Your helper has paused this for a moment' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'Read your code to Training Caseworker' })).toBeHidden();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/assisted-04-paused.png', fullPage: true });
    await handBack(page);
    expect(await asStaff(page, 'resumeAssisted')).toMatchObject({ ok: true });
    expect(await asStaff(page, 'handOverScreen')).toMatchObject({ ok: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Read your code to Training Caseworker' })).toBeFocused();

    // The caseworker confirms the code read out: the resident moves on, without waiting for the e-mail.
    await handBack(page);
    expect(await asStaff(page, 'confirmAssistedInvite', { inviteCode: invite.inviteCode, check: 'photo_id_seen' })).toMatchObject({ ok: true });
    expect(await asStaff(page, 'handOverScreen')).toMatchObject({ ok: true });
    await expectScreen(page, 'Do you already have a My Norfolk account?', 'assisted-05-have-account');
    await expect(page.getByRole('status').filter({ hasText: 'Training Caseworker has confirmed your code.' })).toBeVisible();
    await expect(page.getByText("You do not need to wait for the email titled 'Accept My Norfolk Social Care Account Invitation'")).toBeVisible();
    await expect(page.getByTestId('helper-bar')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Training phone' })).toHaveCount(0);

    // Ended from the console: the resident's side is wiped exactly as 'Finish' does.
    await page.getByRole('button', { name: 'Sign up now' }).click();
    await page.getByLabel('Confirm your email address').fill(invite.email);
    await handBack(page);
    // A mark on this page's JavaScript world: gone once the page is replaced.
    await page.evaluate(() => Object.assign(window, { lastResidentWorld: true }));
    // 'End session': the page is replaced as the answer comes back, so the call is not awaited here.
    await page.evaluate(() => {
      void (window as unknown as { kiosk: { endAssisted: () => Promise<unknown> } }).kiosk.endAssisted();
    });
    await page.waitForFunction(() => !('lastResidentWorld' in window));
    // The caseworker still has the screen; passed over, it is the welcome screen, wiped.
    await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible();
    expect(await asStaff(page, 'handOverScreen')).toMatchObject({ ok: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Everything from the last session has been cleared' })).toBeVisible();
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(invite.email);
    await page.screenshot({ path: 'test-results/screens/assisted-06-ended-welcome.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  test("the staff page (its own address and cookie) shows only the console, nothing of the resident's screens", async ({ browser, webHost }) => {
    const staffContext = await browser.newContext();
    await staffContext.addCookies([webHost.staffCookie]);
    const staffPage = await staffContext.newPage();
    await staffPage.goto(webHost.staffPageUrl);
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
    await expect(staffPage.getByRole('heading', { name: 'Set up your online account' })).toHaveCount(0);
    await expect(staffPage.getByRole('button', { name: 'Training phone' })).toHaveCount(0);
    await expectNoAxeViolations(staffPage);
    await staffPage.screenshot({ path: 'test-results/screens/assisted-staff-page.png', fullPage: true });
    await staffContext.close();
  });
});
