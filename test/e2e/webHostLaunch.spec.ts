import type { ChildProcess } from 'node:child_process';
import { expect, expectNoAxeViolations, spawnWebHost, test } from './kioskFixture.ts';

// The web host as a kiosk in Chromium on a thin client: the printed address is opened once, and
// from then on a reload, or Back then Forward, lands on the welcome screen, never on "This kiosk
// is not working". The launch code in the printed address works once.

const WELCOME = 'Set up your online account';
const NOT_WORKING = 'This kiosk is not working at the moment';

let child: ChildProcess | undefined;
test.afterEach(() => {
  child?.kill('SIGTERM');
});

test('the printed address opens the kiosk once; reload and Back/Forward keep it working', async ({ browser }) => {
  const spawned = await spawnWebHost();
  child = spawned.child;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(spawned.launchUrl);
  await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeFocused();
  // The launch code is gone from the address bar and the page's history.
  expect(page.url()).toBe(new URL('/', spawned.launchUrl).href);
  const cookies = await context.cookies();
  expect(cookies).toEqual([expect.objectContaining({ name: 'kiosk', httpOnly: true, sameSite: 'Strict' })]);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // A resident starts, then the browser reloads (what F5 does; headless Chromium has no browser
  // shortcuts to press): back to the welcome screen, working.
  await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
  await page.getByLabel('Enter the code from your email').fill('K7QM-3XPD-9WT8');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/welcome-after-reload.png', fullPage: true });
  await expect(page.getByRole('button', { name: /Children's Services Online/ })).toBeVisible();

  // Back then Forward, from a page some link might have led to.
  await page.goto('about:blank');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeVisible();
  await page.goForward();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeVisible();
  await page.getByRole('button', { name: /Children's Services Online/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the code from your email' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);

  // The code has been used: another browser opening the same printed address is not admitted.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(spawned.launchUrl);
  await expect(otherPage.getByRole('heading', { level: 1, name: NOT_WORKING })).toBeVisible();
  expect(await other.cookies()).toEqual([]);
  await other.close();
  await context.close();
});
