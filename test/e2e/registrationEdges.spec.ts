import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, maskedNameLabel, test, trainingApi } from './kioskFixture.ts';
import type { TrainingApi } from './kioskFixture.ts';
import {
  CHILDRENS,
  PASSWORD,
  SOCIAL_CARE,
  SOCIAL_CARE_LABELS,
  confirmInvite,
  enterTextCode,
  expectAccessibleInEveryMode,
  expectErrorSummary,
  expectScreen,
  openKiosk,
  seededInvite,
  setUpAccount,
  waitOutCooldown,
} from './registrationSteps.ts';

// The guides' rules and the edges a careful walk-through found, each through the web host in
// Chromium against the embedded simulator: the invitation's address only, the guide's controls,
// UK phone numbers, named password errors, limits instead of cutting, the code countdown and the
// focus after 'Send a new code', the slip at 320 px, the status bar for the next resident, the
// idle warning's Escape. Every screen is checked with axe in every display mode, at 320 px and
// at 1080 × 1920 portrait.

const WRONG = (code: string): string => (code === '111111' ? '222222' : '111111');

/** The current screen is accessible in every display mode, and is photographed. */
async function screen(page: Page, heading: string | RegExp, shot: string): Promise<void> {
  await expectScreen(page, heading, shot);
  await expectAccessibleInEveryMode(page);
}

/** Asks the kiosk API directly, as a confused or hostile renderer could: what main answers. */
async function callKiosk(page: Page, method: 'sendEmailCode' | 'signIn', input: Record<string, string>): Promise<unknown> {
  return page.evaluate(
    async ([name, argument]) => {
      const kiosk = (window as unknown as { kiosk: Record<string, (input: unknown) => Promise<unknown>> }).kiosk;
      return kiosk[name]!(argument);
    },
    [method, input] as const,
  );
}

/** Five wrong codes in a row: the code is dead well inside the council's 30 seconds. */
async function killCode(page: Page, training: TrainingApi, recipient: string, channel: 'email' | 'sms'): Promise<void> {
  const right = (await training.latest(recipient, channel)).code ?? '';
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Verification code').fill(WRONG(right));
    await page.getByRole('button', { name: 'Verify code' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  }
  await expect(page.getByText('This code no longer works.')).toBeVisible();
}

test.describe("registration: the guides' rules and every edge", () => {
  // axe in four display modes on every screen takes its time on a shared two-core machine.
  test.describe.configure({ timeout: 420_000 });
  test('social care at 320 px: the invited address only, UK numbers, named errors, limits, countdowns, slip and the next resident', async ({
    page,
    freshWebHost,
    consoleErrors,
  }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'social-care', 'Jane Smith');
    await page.setViewportSize({ width: 320, height: 800 });
    await openKiosk(page, freshWebHost);
    await expectAccessibleInEveryMode(page);
    await page.getByRole('button', { name: 'Larger text' }).click();

    // Nothing said about the code until the council has checked it; then "confirmed".
    await confirmInvite(page, SOCIAL_CARE, invite, 'edges-320');
    await expect(page.getByRole('status').filter({ hasText: 'Your code has been confirmed.' })).toBeVisible();
    await expectAccessibleInEveryMode(page);

    // The guide's controls under the guide's names, on the council's sign-in page: the email
    // address is the invitation's and cannot be changed here.
    const signInEmail = page.getByLabel('Email address');
    await expect(signInEmail).toHaveValue(invite.email);
    await expect(signInEmail).not.toBeEditable();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Sign up now', exact: true }).click();

    await screen(page, 'Confirm your email address', 'edges-320-04-sign-up-email');
    const signUpEmail = page.getByLabel('Confirm your email address');
    await expect(signUpEmail).toHaveValue(invite.email);
    await expect(signUpEmail).not.toBeEditable();
    await expect(page.getByText('ask your worker to send you a new invite')).toBeVisible();
    // Main refuses another address itself, and nothing is sent to it.
    expect(await callKiosk(page, 'sendEmailCode', { email: 'someone.else@example.org' })).toMatchObject({ ok: false, error: { code: 'email_not_invited' } });
    expect(await callKiosk(page, 'signIn', { email: 'existing.resident@example.org', password: 'Norfolk-Training-1' })).toMatchObject({
      ok: false,
      error: { code: 'email_not_invited' },
    });
    expect(await training.messages({ recipient: 'someone.else@example.org' })).toEqual([]);
    await page.getByRole('button', { name: 'Send verification code' }).click();

    // Five wrong codes kill the code within the council's 30 seconds: no 'Send a new code' that
    // would fail, but its countdown in the button's place; then the button, and focus on the
    // confirmation once it has worked.
    await screen(page, 'Check your email', 'edges-320-05-verify-email');
    await killCode(page, training, invite.email, 'email');
    await expect(page.getByRole('button', { name: 'Send a new code' })).toHaveCount(0);
    await expect(page.getByText(/You can ask for a new code in 0:[0-3]\d/)).toBeVisible();
    await expectAccessibleInEveryMode(page);
    await page.screenshot({ path: 'test-results/screens/edges-320-05-verify-email-countdown.png', fullPage: true });
    await waitOutCooldown(page, training);
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByText('We have sent a new code. Earlier codes no longer work.')).toBeFocused();
    await expectAccessibleInEveryMode(page);
    await page.screenshot({ path: 'test-results/screens/edges-320-05-verify-email-sent-again.png', fullPage: true });
    await page.getByLabel('Verification code').fill((await training.latest(invite.email, 'email')).code ?? '');
    await page.getByRole('button', { name: 'Verify code' }).click();

    // Social care's own field names; a 5,000-character name is refused with its limit, not cut;
    // a password's error says what is wrong with it.
    await screen(page, 'Create your My Norfolk account', 'edges-320-07-create-account');
    const long = 'A'.repeat(5000);
    await page.getByLabel(SOCIAL_CARE_LABELS.givenName).fill(long);
    await page.getByLabel(SOCIAL_CARE_LABELS.surname).fill('Smith');
    await page.getByLabel(SOCIAL_CARE_LABELS.newPassword, { exact: true }).fill('Ab1-');
    await page.getByLabel(SOCIAL_CARE_LABELS.confirmPassword, { exact: true }).fill('Ab1-');
    await page.getByRole('button', { name: 'Create' }).click();
    const summary = await expectErrorSummary(page, 'First name must be 100 characters or fewer. You have entered 5,000.');
    await expect(summary).toContainText('Your password must be at least 8 characters');
    await expect(page.getByLabel(SOCIAL_CARE_LABELS.givenName)).toHaveValue(long);
    await expectAccessibleInEveryMode(page);
    await page.screenshot({ path: 'test-results/screens/edges-320-07-create-account-errors.png', fullPage: true });
    await page.getByLabel(SOCIAL_CARE_LABELS.givenName).fill('Jane');
    await page.getByLabel(SOCIAL_CARE_LABELS.newPassword, { exact: true }).fill('kiosktesting');
    await page.getByRole('button', { name: 'Create' }).click();
    await expectErrorSummary(page, 'Your password must use 3 of: capital letters, small letters, numbers, symbols');
    await page.getByLabel(SOCIAL_CARE_LABELS.newPassword, { exact: true }).fill(PASSWORD);
    await page.getByLabel(SOCIAL_CARE_LABELS.confirmPassword, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create' }).click();

    // UK numbers only, said plainly, with no buttons beside a number that cannot be used.
    await screen(page, 'What phone number do you want to use?', 'edges-320-08-phone-number');
    const number = page.getByLabel('What phone number do you want to use?');
    for (const abroad of ['+1 202 555 0143', '+33 6 12 34 56 78']) {
      await number.fill(abroad);
      await expect(page.getByRole('status').filter({ hasText: 'This is not a UK number.' })).toBeVisible();
      await expect(page.getByRole('button', { name: /Send Code|Call Me/ })).toHaveCount(0);
    }
    await expectAccessibleInEveryMode(page);
    await page.screenshot({ path: 'test-results/screens/edges-320-08-phone-not-uk.png', fullPage: true });
    await number.fill('0800 123 4567');
    await expect(page.getByRole('status').filter({ hasText: '0800 123 4567 cannot be used.' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Send Code|Call Me/ })).toHaveCount(0);
    await number.fill('07700 12345');
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expectErrorSummary(page, 'The phone number is too short');
    // Training: Ofcom's drama range, a number nobody owns, is a mobile the simulator texts.
    await number.fill('07700 900123');
    await expect(page.getByRole('status').filter({ hasText: '07700 900123 is a mobile number' })).toBeVisible();
    await page.getByRole('button', { name: 'Send Code' }).click();

    // A call asked for at once after the text: "another call", not "another code".
    await screen(page, 'Check your text messages', 'edges-320-09-phone-code');
    await page.getByRole('button', { name: 'Call Me' }).click();
    await expectErrorSummary(page, /Wait \d+ seconds? before asking for another call\./);
    await expectAccessibleInEveryMode(page);
    await enterTextCode(page, training, '+447700900123');
    await screen(page, 'Now confirm your phone number', 'edges-320-10-phone-confirm');
    await waitOutCooldown(page, training);
    await page.getByRole('button', { name: 'Send Code' }).click();
    // The second text is sent once this screen shows: only then is it the newest.
    await expect(page.getByText('Phone check 2 of 2')).toBeVisible();
    await enterTextCode(page, training, '+447700900123');

    await screen(page, 'Account setup', 'edges-320-11-account-setup');
    await page.getByLabel(maskedNameLabel('A***** S****')).check();
    for (const statement of ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.']) {
      await page.getByLabel(statement).check();
    }
    await page.getByRole('button', { name: 'Confirm' }).click();
    await screen(page, 'Check your answers before you submit', 'edges-320-12-check-answers');
    await expect(page.getByText(invite.email)).toBeVisible();
    await page.getByRole('button', { name: 'Submit' }).click();

    // The slip fits at 320 px with larger text: the reference and the date are whole.
    await screen(page, /Account setup (sent|saved)/, 'edges-320-13-done');
    const cut = await page.locator('.print-slip').evaluate((slip) =>
      [slip, ...slip.querySelectorAll('*')]
        .filter((element) => element.scrollWidth > element.clientWidth + 1 || element.getBoundingClientRect().right > window.innerWidth)
        .map((element) => element.textContent.slice(0, 40)),
    );
    expect(cut, 'slip content cut or beyond the window').toEqual([]);
    for (const fact of await page.locator('.print-slip dd').all()) {
      await fact.scrollIntoViewIfNeeded();
      await expect(fact).toBeInViewport({ ratio: 1 });
    }
    await page.screenshot({ path: 'test-results/screens/edges-320-13-done-slip.png', fullPage: true });

    // The next resident sees the status bar too, in plain words.
    await page.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
    const footer = page.getByRole('contentinfo');
    await expect(footer).toContainText('Training: practice only');
    await expect(footer).not.toContainText('API');
    await page.getByRole('button', { name: SOCIAL_CARE }).click();
    await expect(footer).toContainText('Training: practice only');
    expect(consoleErrors).toEqual([]);
  });

  test("children's services at 1080 × 1920 portrait: two records agree in number, and Escape does not answer 'Are you still there?'", async ({
    page,
    freshWebHost,
    consoleErrors,
  }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'childrens-services', 'Sam Jones');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await openKiosk(page, freshWebHost);
    await confirmInvite(page, CHILDRENS, invite, 'edges-portrait');
    await expectAccessibleInEveryMode(page);
    await page.getByRole('button', { name: 'Sign up now', exact: true }).click();
    await screen(page, 'Confirm your email address', 'edges-portrait-04-sign-up-email');
    await page.getByRole('button', { name: 'Send verification code' }).click();
    await screen(page, 'Check your email', 'edges-portrait-05-verify-email');

    // Two minutes without a touch: the warning. Escape twice answers nothing, and the session stays.
    await page.clock.fastForward(121_000);
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(warning).toBeVisible();
    await expect(page.getByRole('button', { name: "I'm still here" })).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(/Clearing in \d+ seconds/);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/edges-portrait-idle-escape.png', fullPage: true });
    await page.getByRole('button', { name: "I'm still here" }).click();
    await expect(warning).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();

    await page.getByLabel('Verification code').fill((await training.latest(invite.email, 'email')).code ?? '');
    await page.getByRole('button', { name: 'Verify code' }).click();
    await screen(page, 'Your email address has been verified', 'edges-portrait-06-email-verified');
    await page.getByRole('button', { name: 'Continue' }).click();
    await screen(page, 'Create your My Norfolk account', 'edges-portrait-07-create-account');
    await page.getByLabel('Given name').fill('Sam');
    await page.getByLabel('Surname').fill('Jones');
    await page.getByLabel('New Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm New Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create' }).click();
    await screen(page, 'What phone number do you want to use?', 'edges-portrait-08-phone-number');
    await page.getByLabel('What phone number do you want to use?').fill('01632 960123');
    await expect(page.getByRole('status').filter({ hasText: '01632 960123 is a landline number' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send Code' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Call Me' }).click();
    await screen(page, 'We are calling 01632 960123', 'edges-portrait-09-call');
    const firstCall = (await training.latest('+441632960123', 'call')).callId ?? '';
    expect(await training.keypress(firstCall, '#')).toBe('confirmed');
    await screen(page, 'Now confirm your phone number', 'edges-portrait-10-phone-confirm');
    await waitOutCooldown(page, training);
    await page.getByRole('button', { name: 'Call Me' }).click();
    // The second call exists once its screen shows: only then is it the newest.
    await expect(page.getByText('Phone check 2 of 2')).toBeVisible();
    const secondCall = (await training.latest('+441632960123', 'call')).callId ?? '';
    expect(await training.keypress(secondCall, '#')).toBe('confirmed');

    // Two records: the question, the statement and the errors all speak of records, plural.
    await screen(page, 'Account setup', 'edges-portrait-11-account-setup');
    await expect(page.getByRole('group', { name: 'Whose records are you being given access to?' })).toBeVisible();
    await expect(page.getByText('Tick the box next to each name.')).toBeVisible();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const summary = await expectErrorSummary(page, 'Tick the box next to each record you are being given access to');
    await expect(summary).toContainText("Tick the box under 'Confirm and agree' to carry on");
    await expectAccessibleInEveryMode(page);
    await page.screenshot({ path: 'test-results/screens/edges-portrait-11-account-setup-errors.png', fullPage: true });
    await setUpAccount(page, ['L*** J****', 'N*** J****'], ['Yes, I confirm I want access to these records.'], 'edges-portrait');
    await expectAccessibleInEveryMode(page);
    expect(consoleErrors).toEqual([]);
  });
});
