import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startWebHostProcess } from './webHostProcess.ts';
import type { RunningWebHost } from './webHostProcess.ts';

export { spawnWebHost, startWebHostProcess, tradeLaunchCode, trainingApi } from './webHostProcess.ts';
export type { RunningWebHost, TrainingApi } from './webHostProcess.ts';

/**
 * The accessible name of a masked record name ("A***** S****"): screen readers hear its initials
 * and that the rest is hidden (renderer/components/MaskedName.vue).
 */
export function maskedNameLabel(masked: string): string {
  return `${masked.replace(/\*/g, '').split(/\s+/).filter(Boolean).join(', ')}: the rest of the name is hidden`;
}

/**
 * Fails the test on any axe-core WCAG 2.2 A/AA violation on the current screen, and on any id
 * used twice (axe no longer checks that, and a shared id makes a label or hint go unread).
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const repeated = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  });
  expect(repeated, 'ids used more than once').toEqual([]);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * Playwright test with a web host per worker and a page that fails on console errors.
 * `freshWebHost` is a web host of the test's own (its own simulator, seed data and database),
 * for tests that use up invites or move the simulator's clock. Each host's printed launch code
 * is traded once for the kiosk cookie, which every test's browser context is given, so tests
 * open `kioskUrl` as a kiosk browser reopens the kiosk.
 */
export const test = base.extend<{ consoleErrors: string[]; freshWebHost: RunningWebHost }, { webHost: RunningWebHost }>({
  webHost: [
    // Playwright requires the object pattern even when a fixture uses no other fixture.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { host, child } = await startWebHostProcess();
      await use(host);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
  context: async ({ context, webHost }, use) => {
    await context.addCookies([webHost.cookie]);
    await use(context);
  },
  freshWebHost: async ({ context }, use) => {
    const { host, child } = await startWebHostProcess();
    await context.addCookies([host.cookie]);
    await use(host);
    child.kill('SIGTERM');
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'console errors (a CSP violation shows up here)').toEqual([]);
  },
});

export { expect };
