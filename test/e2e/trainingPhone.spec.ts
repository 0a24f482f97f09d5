import { expect, expectNoAxeViolations, test, trainingApi } from './kioskFixture.ts';
import {
  closeTrainingPhone,
  codeOnTrainingPhone,
  createAccount,
  expectAccessibleInEveryMode,
  expectScreen,
  finish,
  openKiosk,
  openTrainingPhone,
  PASSWORD,
  SOCIAL_CARE,
  seededInvite,
  setUpAccount,
  VERIFICATION_TITLE,
  waitOutCooldown,
} from './registrationSteps.ts';

// Self-service training, as a trainee who has just started the kiosk does it: every code comes
// from the on-screen training phone (the invite code, the e-mail code, and a landline call
// answered with # on its keypad), and the address the invitation went to from its 'To:' line;
// the simulator's training endpoints only check what the phone showed.

test.describe('the training phone', () => {
  test('a whole registration with every code read from the training phone, the call answered on its keypad', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'social-care', 'Priya Patel');
    await openKiosk(page, freshWebHost);
    await page.getByRole('button', { name: SOCIAL_CARE }).click();
    await expectScreen(page, 'Enter the code from your email', 'phone-01-invite-code');

    // Before the kiosk knows who this is: the service's practice invitations, each with its code.
    let phone = await openTrainingPhone(page, 'phone-01-practice-invitations');
    await expect(phone.getByRole('listitem').filter({ hasText: 'Set up your' })).not.toHaveCount(0);
    await expectAccessibleInEveryMode(page);
    const inviteCode = await codeOnTrainingPhone(phone, 'Dear Priya Patel');
    expect(inviteCode).toBe(invite.code);
    const recipient = await phone.getByRole('listitem').filter({ hasText: 'Dear Priya Patel' }).getByText(/^To: /).innerText();
    const address = recipient.replace(/^To: /, '');
    expect(address).toBe(invite.email);
    await closeTrainingPhone(page);
    await page.getByLabel('Enter the code from your email').fill(inviteCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('What email address did your worker send it to?').fill(address);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectScreen(page, 'Do you already have a My Norfolk account?', 'phone-03-have-account');

    await page.getByRole('button', { name: 'Sign up now' }).click();
    await page.getByRole('button', { name: 'Send verification code' }).click();
    await expectScreen(page, 'Check your email', 'phone-05-verify-email');
    phone = await openTrainingPhone(page, 'phone-05-email-code');
    // Newest first: the verification code above the invitation.
    await expect(phone.getByRole('listitem').first()).toContainText(VERIFICATION_TITLE);
    const emailCode = await codeOnTrainingPhone(phone, VERIFICATION_TITLE);
    expect(emailCode).toMatch(/^\d{6}$/);
    await closeTrainingPhone(page);
    await page.getByLabel('Verification code').fill(emailCode);
    await page.getByRole('button', { name: 'Verify code' }).click();
    await expectScreen(page, 'Create your My Norfolk account', 'phone-07-create-account');
    await createAccount(page, 'phone');

    // A landline: the call rings on the training phone; '#' on its keypad answers and confirms.
    await page.getByLabel('What phone number do you want to use?').fill('01603 222222');
    for (const round of [1, 2]) {
      await page.getByRole('button', { name: 'Call Me' }).click();
      await expectScreen(page, 'We are calling 01603 222222', `phone-09-call-round-${round}`);
      phone = await openTrainingPhone(page, `phone-09-call-ringing-${round}`);
      const call = phone.getByRole('listitem').first();
      await expect(call).toContainText('Phone call');
      await expect(call).toContainText('Ringing');
      const keypad = call.getByRole('group', { name: 'Phone keypad' });
      await expect(keypad.getByRole('button')).toHaveCount(12);
      await keypad.getByRole('button', { name: 'Press #' }).click();
      await expect(call).toContainText('Confirmed: you pressed #');
      await expect(keypad).toHaveCount(0);
      await page.screenshot({ path: `test-results/screens/phone-09-call-confirmed-${round}.png`, fullPage: true });
      await closeTrainingPhone(page, true);
      if (round === 1) {
        await expectScreen(page, 'Now confirm your phone number', 'phone-10-phone-confirm');
        await waitOutCooldown(page, training);
      }
    }

    await expectScreen(page, 'Account setup', 'phone-11-account-setup');
    const receipt = await setUpAccount(page, ['R*** P****'], ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.'], 'phone');
    await finish(page, [receipt, invite.email, '01603', emailCode, PASSWORD]);
    expect(consoleErrors).toEqual([]);
  });

  test('keyboard alone: opened and closed with the keyboard, Escape closes it, and focus comes back', async ({ page, webHost }) => {
    await openKiosk(page, webHost);
    await page.getByRole('button', { name: SOCIAL_CARE }).click();
    await expectScreen(page, 'Enter the code from your email', 'phone-kbd-invite-code');
    await page.getByRole('button', { name: 'Training phone' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Training phone' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Training phone' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Training phone' })).toBeFocused();
  });
});
