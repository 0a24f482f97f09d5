import type { Page } from '@playwright/test';
import { expect, maskedNameLabel, test, trainingApi } from './kioskFixture.ts';
import type { TrainingApi } from './kioskFixture.ts';
import { heapTraces } from './heapTraces.ts';
import { seededInvite } from './registrationSteps.ts';
import type { SeededInvite } from './registrationSteps.ts';

// Nothing of the last resident survives in the renderer: after every way a session can end, a
// heap snapshot of the page's JavaScript world (taken over CDP, after a forced garbage
// collection) holds none of the values the resident typed or the council sent them. The DOM and
// storage being clean is not enough: a live object graph of the first resident's stores is.

const WELCOME = 'Set up your online account';
const PASSWORD = 'Kiosk-Heap-2026';

/** Distinctive names, so a match in the heap can only be the resident's own. */
const GIVEN_NAME = 'Quillonette';
const SURNAME = 'Vandersnoot';

/** The invite's code (as typed and without dashes) and its address. */
function inviteTraces(invite: SeededInvite): string[] {
  return [invite.code, invite.code.replace(/-/g, ''), invite.email];
}

async function confirmInviteAndEmail(page: Page, training: TrainingApi, service: RegExp, invite: SeededInvite): Promise<string> {
  await page.getByRole('button', { name: service }).click();
  await page.getByLabel('Enter the code from your email').fill(invite.code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Sign up now' }).click();
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  const code = (await training.latest(invite.email, 'email')).code ?? '';
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Verify code' }).click();
  return code;
}

async function expectWelcome(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeVisible();
}

test.describe('no trace of the last resident in the page heap', () => {
  test('after a full registration and Finish', async ({ page, freshWebHost }) => {
    test.setTimeout(120_000);
    const training = trainingApi(freshWebHost);
    const invite = await seededInvite(training, 'social-care', 'Jane Smith');
    await page.clock.install();
    await page.goto(freshWebHost.kioskUrl);
    const emailCode = await confirmInviteAndEmail(page, training, /My Norfolk Social Care/, invite);
    // Social care's guide names the fields 'First name', 'Surname', 'Password', 'Confirm password'.
    await page.getByLabel('First name').fill(GIVEN_NAME);
    await page.getByLabel('Surname').fill(SURNAME);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('What phone number do you want to use?').fill('07911 123457');
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expect(page.getByText('Phone check 1 of 2')).toBeVisible();
    const firstCode = (await training.latest('+447911123457', 'sms')).code ?? '';
    await page.getByLabel('Verification code').fill(firstCode);
    await page.getByRole('button', { name: 'Verify code' }).click();
    await training.advanceClock(31);
    await page.clock.fastForward(31_000);
    await page.getByRole('button', { name: 'Send Code' }).click();
    await expect(page.getByText('Phone check 2 of 2')).toBeVisible();
    const secondCode = (await training.latest('+447911123457', 'sms')).code ?? '';
    await page.getByLabel('Verification code').fill(secondCode);
    await page.getByRole('button', { name: 'Verify code' }).click();
    await page.getByLabel(maskedNameLabel('A***** S****')).check();
    await page.getByLabel('I confirm that I wish to continue setting up the account.').check();
    await page.getByLabel('I have read the privacy policy.').check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Account setup (sent|saved)/ })).toBeVisible();
    const receipt = await page.locator('.panel__reference').innerText();

    await page.getByRole('button', { name: 'Finish' }).click();
    await expectWelcome(page);
    const secrets = [...inviteTraces(invite), GIVEN_NAME, SURNAME, PASSWORD, '07911 123457', '+447911123457', emailCode, firstCode, secondCode, receipt];
    expect(await heapTraces(page, secrets)).toEqual([]);
  });

  test("after 'Start again', the idle timeout, 'Finish and clear now' and a reload", async ({ page, freshWebHost }) => {
    test.setTimeout(180_000);
    const training = trainingApi(freshWebHost);
    await page.clock.install();
    await page.goto(freshWebHost.kioskUrl);

    const priya = await seededInvite(training, 'social-care', 'Priya Patel');
    const priyaCode = await confirmInviteAndEmail(page, training, /My Norfolk Social Care/, priya);
    await page.getByLabel('First name').fill(GIVEN_NAME);
    await page.getByLabel('Surname').fill(SURNAME);
    await page.getByRole('button', { name: 'Start again' }).click();
    await expectWelcome(page);
    expect(await heapTraces(page, [...inviteTraces(priya), priyaCode, GIVEN_NAME, SURNAME])).toEqual([]);

    const sam = await seededInvite(training, 'childrens-services', 'Sam Jones');
    const samCode = await confirmInviteAndEmail(page, training, /Children's Services Online/, sam);
    await expect(page.getByRole('heading', { level: 1, name: /verified|Continue|Create/ })).toBeVisible();
    await page.clock.fastForward(121_000);
    await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
    await page.clock.fastForward(31_000);
    await expectWelcome(page);
    expect(await heapTraces(page, [...inviteTraces(sam), samCode])).toEqual([]);

    // 'Finish and clear now' on the idle warning.
    const alex = await seededInvite(training, 'childrens-services', 'Alex Green');
    const alexCode = await confirmInviteAndEmail(page, training, /Children's Services Online/, alex);
    await page.clock.fastForward(121_000);
    await page.getByRole('button', { name: 'Finish and clear now' }).click();
    await expectWelcome(page);
    expect(await heapTraces(page, [...inviteTraces(alex), alexCode])).toEqual([]);

    // A reload of the page in the middle of a registration.
    const margaret = await seededInvite(training, 'social-care', 'Margaret Brown');
    await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
    await page.getByLabel('Enter the code from your email').fill(margaret.code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('What email address did your worker send it to?').fill(margaret.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Do you already have/ })).toBeVisible();
    await page.reload();
    await expectWelcome(page);
    expect(await heapTraces(page, inviteTraces(margaret))).toEqual([]);
  });
});
