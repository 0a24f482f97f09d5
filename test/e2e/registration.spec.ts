import type { Locator } from '@playwright/test';
import { expect, expectNoAxeViolations, maskedNameLabel, test, trainingApi } from './kioskFixture.ts';
import {
  SOCIAL_CARE,
  CHILDRENS,
  VERIFICATION_TITLE,
  PASSWORD,
  expectScreen,
  expectErrorSummary,
  seededInvite,
  openKiosk,
  confirmInvite,
  verifyEmail,
  CHILDRENS_LABELS,
  createAccount,
  enterTextCode,
  waitOutCooldown,
  setUpAccount,
  tabTo,
  expectUsableWhenNarrow,
  latestCallId,
  finish,
} from './registrationSteps.ts';

// The resident's registration, end to end: every branch of both seed guides through the web host in Chromium, against
// the embedded council API simulator (a fresh one per test, so invites and clocks are the test's
// own). Codes are read from the simulator's GET /training/messages, as a trainer would. Every
// screen is checked for focus on its heading and for axe violations, and photographed.

// Each test walks every screen of a branch with axe on each: on a busy two-core machine that can
// take longer than the default minute.
test.describe.configure({ timeout: 180_000 });

test.describe('registration: new accounts', () => {
  test('social care, mobile, text codes: every screen, errors, checklist, print and Finish', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'social-care', 'Jane Smith');
    await openKiosk(page, freshWebHost);
    await confirmInvite(page, SOCIAL_CARE, invite, 'new-mobile');
    // Seed 003's hint about who may already have an account, and the second email explained.
    await expect(page.getByText('scaffolding licence')).toBeVisible();
    await expect(page.getByText('Accept My Norfolk Social Care Account Invitation')).toBeVisible();
    // The guide's two controls, under the guide's names (seed steps 4–5).
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign up now', exact: true })).toBeVisible();

    await verifyEmail(page, training, invite.email, 'new-mobile');
    // Social care has no 'Continue' screen: straight to the names, told the address is verified.
    await expectScreen(page, 'Create your My Norfolk account', 'new-mobile-07-create-account');
    await expect(page.getByRole('status').filter({ hasText: 'Your email address has been verified.' })).toBeVisible();

    // Every field empty: four errors, focus on the summary, each linked to its field.
    await page.getByRole('button', { name: 'Create' }).click();
    const summary = await expectErrorSummary(page, 'Enter your first name');
    await expect(summary.getByRole('link')).toHaveText([
      'Enter your first name',
      'Enter your surname',
      "Enter a password in 'Password'",
      "Type your password again in 'Confirm password'",
    ]);
    await summary.getByRole('link', { name: 'Enter your surname' }).click();
    await expect(page.getByLabel('Surname')).toBeFocused();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/new-mobile-07-create-account-errors.png', fullPage: true });

    // The live checklist ticks rules off as the password is typed; 'Show' reveals it.
    const password = page.getByLabel('Password', { exact: true });
    const rules = page.locator('#password-rules');
    await password.fill('kiosk');
    await expect(rules.getByRole('listitem').filter({ hasText: 'be 8 to 64 characters long' })).toContainText('(not yet)');
    await password.fill('kiosk-test');
    await expect(rules.getByRole('listitem').filter({ hasText: 'be 8 to 64 characters long' })).toContainText('(done)');
    await expect(rules.getByRole('listitem').filter({ hasText: 'have at least 3 of these' }).first()).toContainText('(not yet)');
    await password.fill(PASSWORD);
    await expect(rules.getByRole('listitem').filter({ hasText: 'have at least 3 of these' }).first()).toContainText('(done)');
    await page.getByLabel('Confirm password', { exact: true }).fill('Kiosk-Test-2025');
    await expect(rules.getByRole('listitem').filter({ hasText: "be the same in 'Password' and 'Confirm password'" })).toContainText('(not yet)');
    await page.getByRole('button', { name: 'Show Password' }).click();
    await expect(password).toHaveAttribute('type', 'text');
    await expect(page.getByRole('button', { name: 'Hide Password' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/new-mobile-07-create-account-checklist.png', fullPage: true });
    await page.getByRole('button', { name: 'Create' }).click();
    await expectErrorSummary(page, 'The passwords do not match');
    await createAccount(page, 'new-mobile');

    // A mobile: the status says so, and both of the guide's buttons are offered.
    await page.getByLabel('What phone number do you want to use?').fill('07700 123456');
    await expect(page.getByRole('status').filter({ hasText: '07700 123456 is a mobile number' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send Code' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Call Me' })).toBeVisible();
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expectScreen(page, 'Check your text messages', 'new-mobile-09-phone-code');
    await expect(page.getByText('Phone check 1 of 2')).toBeVisible();
    await enterTextCode(page, training, '+447700123456');

    // Seed step 11: the confirming round, once the council's 30 seconds are up.
    await expectScreen(page, 'Now confirm your phone number', 'new-mobile-10-phone-confirm-wait');
    await expect(page.getByText(/You can start the second check in 0:[0-3]\d/)).toBeVisible();
    await waitOutCooldown(page, training);
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expectScreen(page, 'Check your text messages', 'new-mobile-10-phone-code-round-2');
    await expect(page.getByText('Phone check 2 of 2')).toBeVisible();
    await enterTextCode(page, training, '+447700123456');

    await expectScreen(page, 'Account setup', 'new-mobile-11-account-setup');
    await expect(page.getByText('www.norfolk.gov.uk/privacy')).toBeVisible();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectErrorSummary(page, 'Tick the box next to the record you are being given access to');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/new-mobile-11-account-setup-errors.png', fullPage: true });
    const receipt = await setUpAccount(
      page,
      ['A***** S****'],
      ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.'],
      'new-mobile',
    );
    await expect(page.getByText('New My Norfolk Social Care activation').first()).toBeVisible();
    await expect(page.getByText('This may take a few days.')).toHaveCount(0);

    // The web host has no slip printer: the screen says so instead of offering the button, and the
    // browser's print dialog (a way out of the kiosk) is never opened.
    await expect(page.getByRole('button', { name: 'Print this slip' })).toHaveCount(0);
    await expect(page.getByText('This kiosk has no printer. Write down your reference')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/new-mobile-12-done-no-printer.png', fullPage: true });
    // What the kiosk's printer would print (Electron prints the page silently): the slip alone.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Finish' })).toBeHidden();
    await expect(page.locator('.print-slip')).toContainText(receipt);
    // Printed in training mode, the slip says so itself; dates are written the British way.
    await expect(page.locator('.print-slip')).toContainText('Training: practice only, not a real account');
    await expect(page.locator('.print-slip dd').filter({ hasText: /^\d{1,2} [A-Z][a-z]+ \d{4}$/ })).toHaveCount(1);
    await page.screenshot({ path: 'test-results/screens/new-mobile-12-done-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await finish(page, [receipt, invite.email, 'A***** S****', '07700']);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('registration: phone calls', () => {
  test('social care, landline: Call Me only, no answer, answered without #, then # twice (high contrast)', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'social-care', 'Priya Patel');
    await openKiosk(page, freshWebHost);
    await page.getByRole('button', { name: 'High contrast' }).click();
    await confirmInvite(page, SOCIAL_CARE, invite, 'landline');
    await verifyEmail(page, training, invite.email, 'landline');
    await expectScreen(page, 'Create your My Norfolk account', 'landline-07-create-account');
    await createAccount(page, 'landline');

    // A landline: 'Call Me' only.
    await page.getByLabel('What phone number do you want to use?').fill('01603 222222');
    await expect(page.getByRole('status').filter({ hasText: '01603 222222 is a landline number' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send Code' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/landline-08-phone-number-landline.png', fullPage: true });
    await page.getByRole('button', { name: 'Call Me' }).click();

    const state = page.locator('.call-state');
    await expectScreen(page, 'We are calling 01603 222222', 'landline-09-call-ringing');
    await expect(state).toContainText('Your phone should be ringing now.');
    await expect(page.getByText('Phone check 1 of 2')).toBeVisible();

    // Not answered within the council's 60 seconds: what to do, and the button again.
    await training.advanceClock(61);
    await expect(state).toContainText('The call was not answered.');
    await expect(state).toContainText("select 'Call Me' to try again");
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/landline-09-call-no-answer.png', fullPage: true });
    await page.getByRole('button', { name: 'Call Me' }).click();
    await expect(state).toContainText('Your phone should be ringing now.');

    // Answered, but no # within 60 seconds.
    await training.answer(await latestCallId(training, '+441603222222'));
    await expect(state).toContainText('Now press the hash key (#)');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/landline-09-call-answered.png', fullPage: true });
    await training.advanceClock(61);
    await expect(state).toContainText('the hash key (#) was not pressed');
    await page.screenshot({ path: 'test-results/screens/landline-09-call-failed.png', fullPage: true });

    // Third time: answered with #.
    await page.getByRole('button', { name: 'Call Me' }).click();
    await expect(state).toContainText('Your phone should be ringing now.');
    expect(await training.keypress(await latestCallId(training, '+441603222222'), '#')).toBe('confirmed');
    await expectScreen(page, 'Now confirm your phone number', 'landline-10-phone-confirm');
    await waitOutCooldown(page, training);
    await expect(page.getByRole('button', { name: 'Send Code' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Call Me' }).click();
    await expectScreen(page, 'We are calling 01603 222222', 'landline-10-call-round-2');
    await expect(page.getByText('Phone check 2 of 2')).toBeVisible();
    expect(await training.keypress(await latestCallId(training, '+441603222222'), '#')).toBe('confirmed');

    // Two records on the invite; only one is ticked, and only it is sent.
    await expectScreen(page, 'Account setup', 'landline-11-account-setup');
    await expect(page.getByLabel(maskedNameLabel('A*** P****'))).toBeVisible();
    const receipt = await setUpAccount(
      page,
      ['R*** P****'],
      ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.'],
      'landline',
    );
    await expect(page.getByText('A*** P****')).toHaveCount(0);
    await finish(page, [receipt, invite.email, '01603']);
    expect(consoleErrors).toEqual([]);
  });

  test("children's services by keyboard alone: mobile, 'Call Me' then 'Send Code', 'Continue' after the code", async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'childrens-services', 'Sam Jones');
    await openKiosk(page, freshWebHost);
    const press = async (target: Locator, key: 'Enter' | ' ' = 'Enter'): Promise<void> => {
      await tabTo(page, target);
      await page.keyboard.press(key === ' ' ? 'Space' : key);
    };
    const type = async (target: Locator, text: string): Promise<void> => {
      await tabTo(page, target);
      await page.keyboard.type(text);
    };

    await press(page.getByRole('button', { name: CHILDRENS }));
    await expectScreen(page, 'Enter the code from your email', 'keyboard-01-invite-code');
    await expect(page.getByText("Set up your Children's Services Online Account")).toBeVisible();
    await type(page.getByLabel('Enter the code from your email'), invite.code);
    await page.keyboard.press('Enter');
    await expectScreen(page, 'What email address did your worker send it to?', 'keyboard-02-invite-email');
    await type(page.getByLabel('What email address did your worker send it to?'), invite.email);
    await page.keyboard.press('Enter');
    await expectScreen(page, 'Do you already have a My Norfolk account?', 'keyboard-03-have-account');
    // Seed 003: the invitation email "may take a few days".
    await expect(page.getByText('It may take a few days to arrive.')).toBeVisible();
    await press(page.getByRole('button', { name: 'Sign up now' }));

    await expectScreen(page, 'Confirm your email address', 'keyboard-04-sign-up-email');
    await press(page.getByRole('button', { name: 'Send verification code' }));
    await expectScreen(page, 'Check your email', 'keyboard-05-verify-email');
    await type(page.getByLabel('Verification code'), (await training.latest(invite.email, 'email')).code ?? '');
    await page.keyboard.press('Enter');

    // Seed 003 step 9: "Your email address has been verified. Select 'Continue'".
    await expectScreen(page, 'Your email address has been verified', 'keyboard-06-email-verified');
    await press(page.getByRole('button', { name: 'Continue' }));
    await expectScreen(page, 'Create your My Norfolk account', 'keyboard-07-create-account');
    await type(page.getByLabel('Given name'), 'Sam');
    await type(page.getByLabel('Surname'), 'Jones');
    await type(page.getByLabel('New Password', { exact: true }), PASSWORD);
    await press(page.getByRole('button', { name: 'Show New Password' }));
    await expect(page.getByLabel('New Password', { exact: true })).toHaveAttribute('type', 'text');
    await type(page.getByLabel('Confirm New Password', { exact: true }), PASSWORD);
    await press(page.getByRole('button', { name: 'Create' }));

    await expectScreen(page, 'What phone number do you want to use?', 'keyboard-08-phone-number');
    await type(page.getByLabel('What phone number do you want to use?'), '07400 123456');
    await press(page.getByRole('button', { name: 'Call Me' }));
    await expectScreen(page, 'We are calling 07400 123456', 'keyboard-09-call');
    expect(await training.keypress(await latestCallId(training, '+447400123456'), '#')).toBe('confirmed');

    await expectScreen(page, 'Now confirm your phone number', 'keyboard-10-phone-confirm');
    await waitOutCooldown(page, training);
    await press(page.getByRole('button', { name: 'Send Code' }));
    await expectScreen(page, 'Check your text messages', 'keyboard-10-phone-code');
    await type(page.getByLabel('Verification code'), (await training.latest('+447400123456', 'sms')).code ?? '');
    await page.keyboard.press('Enter');

    await expectScreen(page, 'Account setup', 'keyboard-11-account-setup');
    await tabTo(page, page.getByLabel(maskedNameLabel('L*** J****')));
    await page.keyboard.press('Space');
    // Two records on the invite: the statement agrees in number (seed 003's words, made plural).
    await tabTo(page, page.getByLabel('Yes, I confirm I want access to these records.'));
    await page.keyboard.press('Space');
    await press(page.getByRole('button', { name: 'Confirm' }));
    await expectScreen(page, 'Check your answers before you submit', 'keyboard-12-check-answers');
    await press(page.getByRole('button', { name: 'Submit' }));
    await expectScreen(page, /Account setup (sent|saved)/, 'keyboard-13-done');
    await expect(page.getByText("New Children's Services Online activation").first()).toBeVisible();
    await expect(page.getByText('This may take a few days.').first()).toBeVisible();
    await press(page.getByRole('button', { name: 'Finish' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('registration: existing account and codes that go wrong', () => {
  test('social care, existing account at 640 px with larger text: a wrong password, then straight to account setup', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const seed = await training.seed();
    const invite = await seededInvite(training, 'social-care', 'Margaret Brown');
    await page.setViewportSize({ width: 640, height: 900 });
    await openKiosk(page, freshWebHost);
    await page.getByRole('button', { name: 'Larger text' }).click();
    await confirmInvite(page, SOCIAL_CARE, invite, 'existing');
    await expectUsableWhenNarrow(page);
    // The council's sign-in form is on this screen, as on the council's page: no extra question.

    await expect(page.getByLabel('Email address')).toHaveValue(seed.existingAccount.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectErrorSummary(page, 'The email address or password is not right');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('not-the-password');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/existing-04-sign-in-error.png', fullPage: true });
    await page.getByLabel('Password', { exact: true }).fill(seed.existingAccount.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // The account already has a phone: seed step 4's "skip to step 14".
    await expectScreen(page, 'Account setup', 'existing-05-account-setup');
    await expect(page.getByRole('status').filter({ hasText: 'You are signed in.' })).toBeVisible();
    await expectUsableWhenNarrow(page);
    const receipt = await setUpAccount(
      page,
      ['M******* B****'],
      ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.'],
      'existing',
    );
    await expectUsableWhenNarrow(page);
    await finish(page, [receipt, seed.existingAccount.email]);
    await expect(page.locator('html')).not.toHaveClass(/text-larger/);
    expect(consoleErrors).toEqual([]);
  });

  test("children's services: offline on a live step, a wrong code then the right one, expired codes then new ones", async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'childrens-services', 'Alex Green');
    await openKiosk(page, freshWebHost);
    await confirmInvite(page, CHILDRENS, invite, 'codes');
    await page.getByRole('button', { name: 'Sign up now' }).click();
    await expectScreen(page, 'Confirm your email address', 'codes-04-sign-up-email');

    // The council cannot be reached: said plainly, the address kept, and trying again works.
    await training.setFaults({ drop: 1, paths: ['/v1/email-verifications'] });
    await page.getByRole('button', { name: 'Send verification code' }).click();
    await expectErrorSummary(page, "The kiosk cannot reach the council's system at the moment");
    await expect(page.getByLabel('Confirm your email address')).toHaveValue(invite.email);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/codes-04-sign-up-email-offline.png', fullPage: true });
    await training.setFaults({});
    // The dropped request did reach the council (a code went out), so the cooldown applies.
    await page.getByRole('button', { name: 'Send verification code' }).click();
    await expectErrorSummary(page, /Wait (2\d|30) seconds before asking for another code/);
    await training.advanceClock(31);
    await page.getByRole('button', { name: 'Send verification code' }).click();
    await expectScreen(page, 'Check your email', 'codes-05-verify-email');

    // A wrong code: the tries left, in the error and in the code's state.
    const first = (await training.latest(invite.email, 'email')).code ?? '';
    await page.getByLabel('Verification code').fill(first === '111111' ? '222222' : '111111');
    await page.getByRole('button', { name: 'Verify code' }).click();
    await expectErrorSummary(page, 'you have 4 more tries');
    await expect(page.getByText('You have 4 tries left')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/codes-05-verify-email-wrong.png', fullPage: true });

    // Eleven minutes later the right code has expired: 'Send a new code' at once, and the new one works.
    await training.advanceClock(11 * 60);
    await page.getByLabel('Verification code').fill(first);
    await page.getByRole('button', { name: 'Verify code' }).click();
    await expectErrorSummary(page, 'more than 10 minutes old');
    await expect(page.getByText('This code no longer works.')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/codes-05-verify-email-expired.png', fullPage: true });
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'We have sent a new code.' })).toBeVisible();
    await expect(page.getByText('You have 5 tries left')).toBeVisible();
    const second = (await training.latest(invite.email, 'email')).code ?? '';
    expect((await training.messages({ recipient: invite.email, channel: 'email' })).filter((m) => m.title === VERIFICATION_TITLE)).toHaveLength(3);
    await page.getByLabel('Verification code').fill(second);
    await page.getByRole('button', { name: 'Verify code' }).click();

    await expectScreen(page, 'Your email address has been verified', 'codes-06-email-verified');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectScreen(page, 'Create your My Norfolk account', 'codes-07-create-account');
    await createAccount(page, 'codes', CHILDRENS_LABELS);
    await page.getByLabel('What phone number do you want to use?').fill('07400 123456');
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expectScreen(page, 'Check your text messages', 'codes-09-phone-code');

    // The text code expires too: a new one, then the confirming round with a wrong code first.
    await training.advanceClock(11 * 60);
    await enterTextCode(page, training, '+447400123456');
    await expectErrorSummary(page, 'more than 10 minutes old');
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'We have sent a new code.' })).toBeVisible();
    await enterTextCode(page, training, '+447400123456');
    await expectScreen(page, 'Now confirm your phone number', 'codes-10-phone-confirm');
    await waitOutCooldown(page, training);
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expectScreen(page, 'Check your text messages', 'codes-10-phone-code-round-2');
    const text = (await training.latest('+447400123456', 'sms')).code ?? '';
    await page.getByLabel('Verification code').fill(text === '111111' ? '222222' : '111111');
    await page.getByRole('button', { name: 'Verify code' }).click();
    await expectErrorSummary(page, 'you have 4 more tries');
    await enterTextCode(page, training, '+447400123456');

    await expectScreen(page, 'Account setup', 'codes-11-account-setup');
    const receipt = await setUpAccount(page, ['E*** G****'], ['Yes, I confirm I want access to this record.'], 'codes');
    await expect(page.getByText('This may take a few days.').first()).toBeVisible();
    await finish(page, [receipt, invite.email]);
    expect(consoleErrors).toEqual([]);
  });
});
