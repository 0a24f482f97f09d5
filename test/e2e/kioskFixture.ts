import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A web host started the way a user starts it (`node main/web/webHostCli.ts`), on any free port. */
export interface RunningWebHost {
  /** The printed address, token included. */
  kioskUrl: string;
  /** The embedded council API simulator (training mode), as printed. */
  councilApiUrl: string;
  /** The web host's data folder (a fresh temp folder). */
  dataDir: string;
  /** Lines the host wrote to stdout. */
  stdout: string[];
}

/** Starts the web host CLI in training mode, with a fresh data folder, and waits for its address lines. */
export async function startWebHostProcess(extraArgs: string[] = []): Promise<{ host: RunningWebHost; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child = spawn(process.execPath, ['main/web/webHostCli.ts', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const { kioskUrl, councilApiUrl } = await new Promise<{ kioskUrl: string; councilApiUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stdout.join('\n')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stdout.join('\n')}`)));
    let kiosk: string | undefined;
    createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).on('line', (line) => {
      stdout.push(line);
      kiosk ??= /^Kiosk: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/.exec(line)?.[1];
      const council = /^Council API \(training\): (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      if (kiosk !== undefined && council !== undefined) {
        clearTimeout(timer);
        resolve({ kioskUrl: kiosk, councilApiUrl: council });
      }
    });
  });
  return { host: { kioskUrl, councilApiUrl, dataDir, stdout }, child };
}

/** Fails the test on any axe-core WCAG 2.2 A/AA violation on the current screen. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Playwright test with a web host per worker and a page that fails on console errors. */
export const test = base.extend<{ consoleErrors: string[] }, { webHost: RunningWebHost }>({
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
