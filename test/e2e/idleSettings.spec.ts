import { expect, startWebHostProcess, test } from './kioskFixture.ts';

// IT's idle times (kiosk.json `idle`, here overridden with `--set` as IT would to diagnose)
// replace the two minutes and 30 seconds on the resident's screens.
test('the idle warning comes and ends at the times IT configured', async ({ page, context, consoleErrors }) => {
  const { host, child } = await startWebHostProcess(['--set', 'idle.timeoutSeconds=45', '--set', 'idle.warningSeconds=25']);
  try {
    await context.addCookies([host.cookie]);
    await page.clock.install();
    await page.goto(host.kioskUrl);
    await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
    await expect(page.getByLabel('Enter the code from your email')).toBeVisible();

    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await page.clock.fastForward(40_000);
    await expect(dialog).toBeHidden();
    await page.clock.fastForward(6_000);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Clearing in 25 seconds.');

    await page.clock.fastForward(26_000);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeVisible();
    expect(consoleErrors, 'console errors').toEqual([]);
  } finally {
    child.kill('SIGTERM');
  }
});
