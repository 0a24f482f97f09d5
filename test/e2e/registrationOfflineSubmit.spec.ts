import { expect, expectNoAxeViolations, maskedNameLabel, test, trainingApi } from './kioskFixture.ts';

test.describe('offline at Submit', () => {
  test('the resident gets a receipt at once, and the queue delivers the setup when the council is back', async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const seed = await training.seed();
    const invite = seed.invites.find((i) => i.serviceId === 'childrens-services' && i.email === seed.existingAccount.email)!;

    await page.goto(freshWebHost.kioskUrl);
    await page.getByRole('button', { name: /Children's Services Online/ }).click();
    await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password', { exact: true }).fill(seed.existingAccount.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Account setup' })).toBeFocused();
    await page.getByLabel(maskedNameLabel('O***** B****')).check();
    await page.getByLabel('Yes, I confirm I want access to this record.').check();
    await page.getByRole('button', { name: 'Confirm' }).click();

    // The council stops answering account setups just as the resident presses 'Submit'.
    await training.setFaults({ drop: 1, paths: ['/v1/account-setups'] });
    await page.getByRole('button', { name: 'Submit' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /Account setup saved/ });
    await expect(heading).toBeFocused();
    const receipt = await page.locator('.panel__reference').innerText();
    expect(receipt).toMatch(/^KSK-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.getByText(/will be sent automatically/)).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('1 account setup waiting to be sent');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/offline-submit-done.png', fullPage: true });

    // The council is back: the sync engine delivers it without anyone doing anything, once.
    await training.setFaults({});
    await expect(page.getByRole('contentinfo')).toContainText('nothing waiting to be sent', { timeout: 30_000 });
    const stored = (await (await fetch(`${freshWebHost.councilApiUrl}/training/account-setups`)).json()) as { setups: { serviceId: string }[] };
    expect(stored.setups.filter((s) => s.serviceId === 'childrens-services')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
});
