import { expect, expectNoAxeViolations, test } from './kioskFixture.ts';

test.describe('first slice: welcome → invite code', () => {
  test('lists both Norfolk services and checks an invite code through main', async ({ page, webHost, consoleErrors }) => {
    await page.goto(webHost.kioskUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
    await expect(page.getByRole('button', { name: /My Norfolk Social Care/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /Children's Services Online/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/welcome.png', fullPage: true });

    await page.getByRole('button', { name: /Children's Services Online/ }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Enter the code from your email' });
    await expect(heading).toBeVisible();
    await expect(heading).toBeFocused();
    await expect(page.getByText("Set up your Children's Services Online Account")).toBeVisible();
    await expectNoAxeViolations(page);

    // A code of the wrong length: main answers, the error summary takes focus and links the field.
    const field = page.getByLabel('Enter the code from your email');
    await field.fill('K7QM 3XP');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('The code must be 12 letters and numbers. You entered 7.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/invite-code-error.png', fullPage: true });

    // One character mistyped: the check character catches it.
    await field.fill('K7QM-3XPD-9WTS');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(summary).toContainText('does not match the email');

    // A well-formed code (lower case, with spaces) is accepted and shown in groups of four.
    await field.fill('k7qm 3xpd 9wt8');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Nothing says the code is right: only the council can, and it has not been asked yet.
    await expect(page.getByRole('heading', { level: 1, name: 'What email address did your worker send it to?' })).toBeFocused();
    await expect(page.getByText('right format')).toHaveCount(0);
    await expect(page.getByText('has been confirmed')).toHaveCount(0);
    await expect(summary).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/invite-code-ok.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  test('a browser without the kiosk cookie is told the kiosk is not working', async ({ page, webHost, consoleErrors }) => {
    await page.context().clearCookies();
    await page.goto(webHost.kioskUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'This kiosk is not working at the moment' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/not-connected.png', fullPage: true });
    // The web host refused the page's check call with 401, which Chromium reports on the console.
    const refused = consoleErrors.filter((text) => text.includes('status of 401'));
    expect(refused).toHaveLength(1);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((text) => !refused.includes(text)));
    expect(consoleErrors).toEqual([]);
  });
});
