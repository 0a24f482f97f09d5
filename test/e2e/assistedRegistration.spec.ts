import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, startWebHostProcess, test, trainingApi } from './kioskFixture.ts';
import type { RunningWebHost, TrainingApi } from './kioskFixture.ts';
import {
  CASEWORKER_NAME,
  closeStaffTrainingPhone,
  confirmInviteCode,
  currentStep,
  expectNoSecretsOnStaffPage,
  guideStep,
  helpNextResident,
  openStaffTrainingPhone,
  pickInvite,
  recordStaffStream,
  signInStaff,
  twoPageContext,
} from './assistedSteps.ts';
import type { StaffStreamRecorder } from './assistedSteps.ts';
import {
  CHILDRENS_LABELS,
  PASSWORD,
  expectScreen,
  seededInvite,
  setUpAccount,
  waitOutCooldown,
} from './registrationSteps.ts';

// Assisted registrations end to end, on two pages of one browser against the web host: the
// resident's kiosk page at `/` and the caseworker's staff page at `/staff/` (its cookie is scoped
// to that path, so one browser context holds both). The caseworker picks the invite and confirms
// the code the resident reads out; the resident types their own details; the console follows.
// Throughout, the staff page's DOM and the staff role's raw event stream are checked for the
// resident's password and every code value. One web host for the describe: the caseworker signs
// in once and helps three residents in turn, as at a help session.

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let host: RunningWebHost;
let child: ChildProcess | undefined;
let training: TrainingApi;
let context: BrowserContext | undefined;
let kiosk: Page;
let staff: Page;
let stream: StaffStreamRecorder | undefined;
const pageErrors: string[] = [];

/** Neither the staff page's DOM nor the staff role's raw event stream holds any of `secrets`. */
async function noSecrets(secrets: string[]): Promise<void> {
  if (stream === undefined) throw new Error('The staff event stream is not being recorded');
  await expectNoSecretsOnStaffPage(staff, stream, secrets);
}

/** Both pages photographed: `assisted-<name>-resident.png` and `assisted-<name>-staff.png`. */
async function shoot(name: string): Promise<void> {
  await kiosk.screenshot({ path: `test-results/screens/assisted-${name}-resident.png`, fullPage: true });
  await staff.screenshot({ path: `test-results/screens/assisted-${name}-staff.png`, fullPage: true });
}

/** A staff screen passed on the way: axe finds nothing on it, and both pages are photographed. */
async function staffChecked(name: string): Promise<void> {
  await expectNoAxeViolations(staff);
  await shoot(name);
}

/** The resident focuses a field on the kiosk page; the console says which kind they are typing in (never what). */
async function expectTypingShown(field: string, label: string, options: { exact?: boolean } = {}): Promise<void> {
  await kiosk.getByLabel(label, options).focus();
  await expect(staff.getByText(`The resident is typing their ${field}`)).toBeVisible();
}

/** The resident's screen once the caseworker has confirmed their code: moved on, and told not to wait. */
async function expectMovedOn(serviceName: string, shot: string): Promise<void> {
  await expectScreen(kiosk, 'Do you already have a My Norfolk account?', shot);
  await expect(kiosk.getByRole('status').filter({ hasText: `${CASEWORKER_NAME} has confirmed your code.` })).toBeVisible();
  await expect(kiosk.getByText(`You do not need to wait for the email titled 'Accept ${serviceName} Invitation'`)).toBeVisible();
  await expect(kiosk.getByTestId('helper-bar')).toHaveText(`Helping you today: ${CASEWORKER_NAME}`);
}

/** The resident's 'Read your code' screen, with who is helping them. */
async function expectReadYourCode(serviceName: string, shot: string): Promise<void> {
  await expectScreen(kiosk, `Read your code to ${CASEWORKER_NAME}`, shot);
  await expect(kiosk.getByTestId('helper-bar')).toHaveText(`Helping you today: ${CASEWORKER_NAME}`);
  await expect(kiosk.getByText(`Set up your ${serviceName}`).first()).toBeVisible();
}

/** The email address on the sign-up screen (filled in if the screen left it empty), then the code sent. */
async function sendEmailCode(email: string): Promise<void> {
  await kiosk.getByRole('button', { name: 'Sign up now' }).click();
  await expectScreen(kiosk, 'Confirm your email address', 'assisted-tmp');
  await expectTypingShown('email address', 'Confirm your email address');
  const field = kiosk.getByLabel('Confirm your email address');
  if ((await field.inputValue()) === '') await field.fill(email);
  await kiosk.getByRole('button', { name: 'Send verification code' }).click();
  await expectScreen(kiosk, 'Check your email', 'assisted-tmp');
}

/** Names and password on the 'Create' screen (the console hears "typing their password"), then 'Create'. */
async function createAccount(labels: { givenName: string; surname: string; newPassword: string; confirmPassword: string }, name: string): Promise<void> {
  await expectTypingShown('password', labels.newPassword, { exact: true });
  await expect(staff.getByText('The resident is typing their password')).toBeVisible();
  await shoot(`${name}-typing-password`);
  await kiosk.getByLabel(labels.newPassword, { exact: true }).fill(PASSWORD);
  await kiosk.getByLabel(labels.confirmPassword, { exact: true }).fill(PASSWORD);
  await kiosk.getByLabel(labels.givenName).fill('Jane');
  await kiosk.getByLabel(labels.surname).fill('Smith');
  await kiosk.getByRole('button', { name: 'Create' }).click();
  await expectScreen(kiosk, 'What phone number do you want to use?', `assisted-${name}-phone-number-resident`);
}

test.beforeAll(async ({ browser }) => {
  ({ host, child } = await startWebHostProcess());
  training = trainingApi(host);
  // One browser context with both cookies: the kiosk page and the staff page side by side.
  context = await twoPageContext(browser, host);
  kiosk = await context.newPage();
  await kiosk.clock.install();
  await kiosk.goto(host.kioskUrl);
  await expect(kiosk.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
  staff = await signInStaff(context, host);
  for (const page of [kiosk, staff]) {
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }
  stream = await recordStaffStream(host);
});

test.afterAll(async () => {
  stream?.stop();
  await context?.close();
  child?.kill('SIGTERM');
});

test.afterEach(() => {
  expect(pageErrors, 'console errors on either page').toEqual([]);
});

test.describe('assisted registration on two pages of one browser', () => {
  test('the two pages keep their roles in one browser context', async () => {
    // The kiosk page is the resident's: no staff entry's console, its calls refused as staff calls.
    const kioskInfo = await kiosk.evaluate(async () => (window as unknown as { kiosk: { getKioskInfo: (input: object) => Promise<{ ok: boolean; value?: { page: string } }> } }).kiosk.getKioskInfo({}));
    const staffInfo = await staff.evaluate(async () => (window as unknown as { kiosk: { getKioskInfo: (input: object) => Promise<{ ok: boolean; value?: { page: string } }> } }).kiosk.getKioskInfo({}));
    expect(kioskInfo.value?.page).toBe('kiosk');
    expect(staffInfo.value?.page).toBe('staff');
    const cookies = await kiosk.context().cookies();
    expect(cookies.map((cookie) => cookie.path).sort()).toEqual(['/', '/staff/'].sort());
    await expect(staff.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible();
    await expect(kiosk.getByRole('heading', { level: 1, name: 'Staff console' })).toHaveCount(0);
    await expectNoAxeViolations(staff);
    await shoot('reg-00-signed-in');
  });

  test('social care, new account, a mobile with text codes', async () => {
    const invite = await seededInvite(training, 'social-care', 'Jane Smith');
    const secrets = [PASSWORD];
    await expect(kiosk.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeVisible();

    await pickInvite(staff, 'J*** S****', /My Norfolk Social Care/);
    await expect(currentStep(staff)).toHaveCount(0);
    await expectReadYourCode('My Norfolk Social Care Account', 'assisted-reg1-01-read-code-resident');
    await staffChecked('reg1-01-confirm-code');

    // The code read out, confirmed with photo ID: the resident moves on, without waiting.
    await confirmInviteCode(staff, invite.code, 'Photo ID seen');
    await expectMovedOn('My Norfolk Social Care Account', 'assisted-reg1-02-have-account-resident');
    await expect(guideStep(staff, /Invitation' email/)).toContainText('Skipped');
    await expect(guideStep(staff, /confirmed with you/)).toContainText('Done');
    await expect(currentStep(staff)).toContainText("'Sign in', or 'Sign up now'");
    await expect(staff.getByLabel('Code the resident reads out')).toHaveCount(0);
    await staffChecked('reg1-02-steps');
    await noSecrets([...secrets, invite.code]);
    secrets.push(invite.code);

    // The email code: sent, a wrong try, then the right one; the console follows.
    await sendEmailCode(invite.email);
    await expect(currentStep(staff)).toContainText('Now');
    await expect(currentStep(staff)).toContainText(/Code sent at \d\d:\d\d/);
    await expect(currentStep(staff)).toContainText('5 tries left');
    await expect(currentStep(staff)).toContainText(/Valid for (10:00|9:\d\d)/);
    await expect(staff.getByText('The resident is signing up.')).toBeVisible();
    const emailCode = (await training.latest(invite.email, 'email')).code ?? '';
    secrets.push(emailCode);
    const wrong = emailCode === '111111' ? '222222' : '111111';
    await kiosk.getByLabel('Verification code').fill(wrong);
    await kiosk.getByRole('button', { name: 'Verify code' }).click();
    await expect(currentStep(staff)).toContainText('4 tries left');
    await staffChecked('reg1-03-email-code');
    await noSecrets([...secrets, wrong]);
    await kiosk.getByLabel('Verification code').fill(emailCode);
    await kiosk.getByRole('button', { name: 'Verify code' }).click();
    await expectScreen(kiosk, 'Create your My Norfolk account', 'assisted-reg1-04-create-resident');
    await expect(guideStep(staff, "'Send verification code', then the 6-digit code")).toContainText('Email address verified');

    await createAccount({ givenName: 'First name', surname: 'Surname', newPassword: 'Password', confirmPassword: 'Confirm password' }, 'reg1-04');
    await noSecrets(secrets);

    // A mobile, text codes twice (the second round after the council's 30 seconds).
    await kiosk.getByLabel('What phone number do you want to use?').fill('07700 123456');
    await kiosk.getByRole('button', { name: 'Send Code' }).click();
    await expectScreen(kiosk, 'Check your text messages', 'assisted-reg1-05-text-code-resident');
    await expect(currentStep(staff)).toContainText('Text to ••• 456: code sent');
    await expect(currentStep(staff)).toContainText('Check 1 of 2');
    await expect(staff.getByRole('button', { name: 'Switch to a call' })).toBeVisible();
    await staffChecked('reg1-05-text-code');
    const firstText = (await training.latest('+447700123456', 'sms')).code ?? '';
    secrets.push(firstText);
    await noSecrets(secrets);
    await kiosk.getByLabel('Verification code').fill(firstText);
    await kiosk.getByRole('button', { name: 'Verify code' }).click();
    await expectScreen(kiosk, 'Now confirm your phone number', 'assisted-reg1-06-confirm-phone-resident');
    await waitOutCooldown(kiosk, training);
    await kiosk.getByRole('button', { name: 'Send Code' }).click();
    await expectScreen(kiosk, 'Check your text messages', 'assisted-tmp');
    await expect(currentStep(staff)).toContainText('Check 2 of 2');
    const secondText = (await training.latest('+447700123456', 'sms')).code ?? '';
    secrets.push(secondText);
    await kiosk.getByLabel('Verification code').fill(secondText);
    await kiosk.getByRole('button', { name: 'Verify code' }).click();

    await expectScreen(kiosk, 'Account setup', 'assisted-reg1-07-account-setup-resident');
    await expect(currentStep(staff)).toContainText('Account setup');
    await staffChecked('reg1-07-account-setup');
    const receipt = await setUpAccount(
      kiosk,
      ['A***** S****'],
      ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.'],
      'assisted-reg1',
    );
    await expect(kiosk.getByTestId('helper-bar')).toBeVisible();
    await expect(staff.getByText('The resident has submitted their account setup.')).toBeVisible();
    await staffChecked('reg1-08-submitted');
    await noSecrets(secrets);

    // The console offers the next resident; the resident's side is wiped as 'Finish' does.
    await helpNextResident(staff);
    await expect(kiosk.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
    expect(await kiosk.evaluate(() => document.body.innerText)).not.toContain(receipt);
    await staffChecked('reg1-09-next-resident');
  });

  test("children's services, new account, a landline: the call answered with # on the console's training phone", async () => {
    const invite = await seededInvite(training, 'childrens-services', 'Sam Jones');
    const secrets = [PASSWORD];

    await staff.getByLabel('Search invites').fill('children');
    await pickInvite(staff, 'S** J****', /Children's Services Online/);
    await expectReadYourCode("Children's Services Online Account", 'assisted-reg2-01-read-code-resident');
    await staffChecked('reg2-01-confirm-code');
    await confirmInviteCode(staff, invite.code, 'Known to me');
    await expectMovedOn("Children's Services Online Account", 'assisted-reg2-02-have-account-resident');
    secrets.push(invite.code);
    await noSecrets(secrets);

    await sendEmailCode(invite.email);
    const emailCode = (await training.latest(invite.email, 'email')).code ?? '';
    secrets.push(emailCode);
    await kiosk.getByLabel('Verification code').fill(emailCode);
    await kiosk.getByRole('button', { name: 'Verify code' }).click();
    // Children's services: 'Continue' after the address is verified, a step of its own on the console.
    await expectScreen(kiosk, 'Your email address has been verified', 'assisted-reg2-03-verified-resident');
    await expect(guideStep(staff, "'Continue' after the email address is verified")).toContainText('Done');
    await expect(currentStep(staff)).toContainText("Password, first name and surname, then 'Create'");
    await kiosk.getByRole('button', { name: 'Continue' }).click();
    await expectScreen(kiosk, 'Create your My Norfolk account', 'assisted-tmp');
    await createAccount(CHILDRENS_LABELS, 'reg2-04');

    // A landline: 'Call Me' only; the console says the call is ringing and # is not pressed.
    await kiosk.getByLabel('What phone number do you want to use?').fill('01603 222222');
    await kiosk.getByRole('button', { name: 'Call Me' }).click();
    await expectScreen(kiosk, 'We are calling 01603 222222', 'assisted-reg2-05-call-resident');
    await expect(currentStep(staff)).toContainText('Calling ••• 222: ringing');
    await expect(currentStep(staff)).toContainText('# not pressed yet');
    await expect(staff.getByRole('button', { name: 'Switch to a text' })).toHaveCount(0);
    await staffChecked('reg2-05-call-ringing');
    await noSecrets(secrets);

    // The resident's phone is the console's training phone here: # on its keypad answers the call.
    const answer = async (shot: string): Promise<void> => {
      const phone = await openStaffTrainingPhone(staff);
      const call = phone.getByRole('listitem').filter({ hasText: 'Phone call' }).filter({ has: staff.getByRole('group', { name: 'Phone keypad' }) });
      await expect(call).toHaveCount(1);
      await expectNoAxeViolations(staff);
      await staff.screenshot({ path: `test-results/screens/assisted-${shot}-staff.png`, fullPage: true });
      await call.getByRole('button', { name: 'Press #' }).click();
      await expect(phone.getByRole('group', { name: 'Phone keypad' })).toHaveCount(0);
      await closeStaffTrainingPhone(staff);
    };
    await answer('reg2-06-training-phone');
    await expectScreen(kiosk, 'Now confirm your phone number', 'assisted-reg2-07-confirm-phone-resident');
    await expect(guideStep(staff, "'Send Code' or 'Call Me'")).toContainText('Calling ••• 222: confirmed');
    await waitOutCooldown(kiosk, training);
    await kiosk.getByRole('button', { name: 'Call Me' }).click();
    await expectScreen(kiosk, 'We are calling 01603 222222', 'assisted-tmp');
    await expect(currentStep(staff)).toContainText('Check 2 of 2');
    await expect(currentStep(staff)).toContainText('# not pressed yet');
    await noSecrets(secrets);
    await answer('reg2-08-training-phone-round-2');

    await expectScreen(kiosk, 'Account setup', 'assisted-reg2-09-account-setup-resident');
    await noSecrets(secrets);
    await setUpAccount(kiosk, ['L*** J****'], ['Yes, I confirm I want access to these records.'], 'assisted-reg2');
    await expect(staff.getByText('The resident has submitted their account setup.')).toBeVisible();
    await staffChecked('reg2-10-submitted');
    await noSecrets(secrets);
    await helpNextResident(staff);
    await expect(kiosk.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
  });

  test('social care, the existing account: signed in, straight to account setup', async () => {
    const seed = await training.seed();
    const invite = await seededInvite(training, 'social-care', 'Margaret Brown');
    const secrets = [seed.existingAccount.password];

    // Two invites share the masked name: the service tells them apart.
    await pickInvite(staff, 'M******* B****', /My Norfolk Social Care/);
    await expectReadYourCode('My Norfolk Social Care Account', 'assisted-reg3-01-read-code-resident');
    await confirmInviteCode(staff, invite.code, 'Security questions answered');
    await expectMovedOn('My Norfolk Social Care Account', 'assisted-reg3-02-have-account-resident');
    secrets.push(invite.code);

    const email = kiosk.getByLabel('Email address');
    if ((await email.inputValue()) === '') await email.fill(seed.existingAccount.email);
    await expectTypingShown('password', 'Password', { exact: true });
    await staffChecked('reg3-02-typing-password');
    await kiosk.getByLabel('Password', { exact: true }).fill(seed.existingAccount.password);
    await kiosk.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectScreen(kiosk, 'Account setup', 'assisted-reg3-03-account-setup-resident');
    await expect(staff.getByText('The resident has an account and is signing in.')).toBeVisible();
    await expect(guideStep(staff, "'Send verification code', then the 6-digit code")).toContainText('Skipped');
    await expect(currentStep(staff)).toContainText('Account setup');
    await staffChecked('reg3-03-account-setup');
    await noSecrets(secrets);

    await setUpAccount(
      kiosk,
      ['M******* B****'],
      ['I confirm that I wish to continue setting up the account.', 'I have read the privacy policy.'],
      'assisted-reg3',
    );
    await expect(staff.getByText('The resident has submitted their account setup.')).toBeVisible();
    await noSecrets(secrets);
    await helpNextResident(staff);
    await expect(kiosk.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
    await expect(staff.getByRole('table', { name: 'Invites open today' })).toBeVisible();
    await staffChecked('reg3-04-next-resident');
  });
});
