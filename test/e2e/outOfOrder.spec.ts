import { expect, expectNoAxeViolations, test } from './kioskFixture.ts';

// The page the Electron kiosk shows after too many crashes in ten minutes
// (main/electron/crashRecovery.ts): static, no script, so it shows even when the app is broken.
test.describe('out of order', () => {
  test('asks the resident to fetch staff, under the CSP, with no script', async ({ page, webHost, consoleErrors }) => {
    const origin = new URL(webHost.kioskUrl).origin;
    const response = await page.goto(`${origin}/out-of-order.html`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'This kiosk is out of order' })).toBeVisible();
    await expect(page.getByText('Please ask a member of staff for help.')).toBeVisible();
    // Its own style sheet loaded (a CSP refusal would leave the browser's default margins).
    await expect(page.locator('main')).toHaveCSS('border-left-width', '10px');
    expect(await page.locator('script').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/out-of-order.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  test('the kiosk page holds to its CSP <meta> even when served without the header', async ({ page, webHost, consoleErrors }) => {
    // Strip the header on the way in: only the <meta> is left to refuse an inline script.
    await page.route(`${new URL(webHost.kioskUrl).origin}/`, async (route) => {
      const response = await route.fetch();
      const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name !== 'content-security-policy'));
      await route.fulfill({ response, headers });
    });
    await page.goto(webHost.kioskUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeVisible();
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('frame-ancestors');
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(ran).toBe(false);
    // The one console error is the refusal itself.
    expect(consoleErrors.splice(0)).toEqual([expect.stringContaining('Content Security Policy')]);
  });
});
