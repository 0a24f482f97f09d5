import type { ChildProcess } from 'node:child_process';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import type { RunningWebHost } from '../e2e/webHostProcess.ts';

/** Chromium as the end-to-end tests start it, for benchmarks that drive the kiosk. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page in a fresh browser context that holds the web host's kiosk cookie. */
export async function kioskPage(browser: Browser, host: RunningWebHost): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([host.cookie]);
  return context.newPage();
}

/** What the web host reports on SIGUSR2 (counts only). */
export interface WebHostDiagnostics {
  openStreams: number;
  residentSessions: number;
  sessionTimers: number;
  timers: number;
  rssBytes: number;
}

/** Asks a web host process for its diagnostics line and waits for it. */
export async function webHostDiagnostics(host: RunningWebHost, child: ChildProcess): Promise<WebHostDiagnostics> {
  const seen = host.stdout.length;
  child.kill('SIGUSR2');
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const line = host.stdout.slice(seen).find((l) => l.startsWith('Diagnostics: '));
    if (line !== undefined) return JSON.parse(line.slice('Diagnostics: '.length)) as WebHostDiagnostics;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The web host printed no diagnostics');
}

/** The `p`th percentile of sorted figures. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Installed before every document: the moment (epoch ms) the welcome screen is ready, its
 * heading focused and the services listed, as `window.__welcomeReadyAt`.
 */
export const WELCOME_READY_PROBE = `
  (() => {
    const ready = () => {
      const heading = document.querySelector('main h1');
      return heading !== null && document.activeElement === heading
        && heading.textContent.includes('Set up your online account') && document.querySelector('main button') !== null;
    };
    const note = () => {
      if (window.__welcomeReadyAt === undefined && ready()) window.__welcomeReadyAt = performance.timeOrigin + performance.now();
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true });
    document.addEventListener('focusin', note, true);
  })();
`;

/**
 * Clicks the button named `name` from inside the page and returns when (epoch ms), then waits
 * for the fresh page's welcome screen to be ready and returns how long that took.
 */
export async function endToWelcomeMs(page: Page, name: string): Promise<number> {
  const freshPage = page.waitForResponse((response) => response.url().includes('?ended='));
  const clickedAt = await page.evaluate((label) => {
    (window as unknown as { __welcomeReadyAt?: number | undefined }).__welcomeReadyAt = undefined;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
    if (button === undefined) throw new Error(`No button ${label}`);
    const at = performance.timeOrigin + performance.now();
    button.click();
    return at;
  }, name);
  await freshPage;
  const readyAt = await page.waitForFunction(() => (window as unknown as { __welcomeReadyAt?: number }).__welcomeReadyAt, undefined, { polling: 20 });
  return ((await readyAt.jsonValue()) as number) - clickedAt;
}
