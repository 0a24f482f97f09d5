import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, maskedNameLabel, test, trainingApi } from './kioskFixture.ts';

/** Registers the seeded existing resident for Children's Services, up to and including 'Submit'. */
async function registerAndSubmit(page: Page, invite: { inviteCode: string; email: string }, password: string): Promise<void> {
  await page.getByRole('button', { name: /Children's Services Online/ }).click();
  await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  // The council's sign-in page: the invitation's address is filled in.
  await expect(page.getByLabel('Email address')).toHaveValue(invite.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account setup' })).toBeFocused();
  await page.getByLabel(maskedNameLabel('O***** B****')).check();
  await page.getByLabel('Yes, I confirm I want access to this record.').check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
}

test.describe('a resident starting again', () => {
  test('joins the setup already on this kiosk: same reference, and told it was already sent', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const seed = await training.seed();
    const invite = seed.invites.find((i) => i.serviceId === 'childrens-services' && i.email === seed.existingAccount.email)!;

    // The council fails every account setup: the first one is sent, and waits on the kiosk.
    await training.setFaults({ error500: 1, paths: ['/v1/account-setups'] });
    await page.goto(freshWebHost.kioskUrl);
    await registerAndSubmit(page, invite, seed.existingAccount.password);
    await expect(page.getByRole('heading', { level: 1, name: /Account setup saved/ })).toBeFocused();
    const first = await page.locator('.panel__reference').innerText();
    await expect(page.getByRole('contentinfo')).toContainText('The council is not answering');
    await page.getByRole('button', { name: 'Finish' }).click();

    // Not sure it worked, the resident goes through it all again.
    await registerAndSubmit(page, invite, seed.existingAccount.password);
    await expect(page.getByRole('heading', { level: 1, name: /Account setup saved/ })).toBeFocused();
    await expect(page.locator('.panel__reference')).toHaveText(first);
    await expect(page.getByText(`Your account setup was already sent on`)).toContainText(`your reference is ${first}`);
    await expect(page.getByRole('contentinfo')).toContainText('1 account setup waiting to be sent');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/start-again-done.png', fullPage: true });

    // The council is back: one setup arrives.
    await training.setFaults({});
    await expect(page.getByRole('contentinfo')).toContainText('nothing waiting to be sent', { timeout: 60_000 });
    const stored = (await (await fetch(`${freshWebHost.councilApiUrl}/training/account-setups`)).json()) as { setups: { serviceId: string }[] };
    expect(stored.setups.filter((s) => s.serviceId === 'childrens-services')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });

  test('after the setup was delivered: told the reference and when, at the invite screen', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const seed = await training.seed();
    const invite = seed.invites.find((i) => i.serviceId === 'childrens-services' && i.email === seed.existingAccount.email)!;
    await page.goto(freshWebHost.kioskUrl);
    await registerAndSubmit(page, invite, seed.existingAccount.password);
    const reference = await page.locator('.panel__reference').innerText();
    await expect(page.getByRole('contentinfo')).toContainText('nothing waiting to be sent', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Finish' }).click();

    // Back another day, unsure it worked: the council only says the invite was used; the kiosk says by whom.
    await page.getByRole('button', { name: /Children's Services Online/ }).click();
    await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    // News, not a problem: focused, so a screen reader reads it, and no error summary.
    await expect(page.getByText('Your account setup for this invitation was already sent on')).toBeFocused();
    await expect(page.getByText('There is a problem')).toHaveCount(0);
    await expect(page.getByText('Your account setup for this invitation was already sent on')).toHaveText(
      `Your account setup for this invitation was already sent on ${today}; your reference is ${reference}. You do not need to do anything else.`,
    );
    await expect(page.getByText('This invitation has already been used')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/start-again-after-delivery.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
