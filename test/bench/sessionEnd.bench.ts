import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { startWebHostProcess, trainingApi } from '../e2e/webHostProcess.ts';
import type { TrainingApi } from '../e2e/webHostProcess.ts';
import { endToWelcomeMs, kioskPage, launchBenchChromium, percentile, WELCOME_READY_PROBE } from './benchKiosk.ts';
import { report } from './benchReport.ts';

// From 'Finish' (and 'Start again') to a ready welcome screen in the fresh page that replaces the
// last resident's, in Chromium through the web host: the click is timed inside the old page and
// readiness (heading focused, services listed) inside the new one, on the epoch clock both share.
// 'Finish' needs a completed registration: the seeded existing account signs in on each service
// (the shortest way to the last screen), on a few web hosts, since each invite works once.

const HOSTS = 3;
const START_AGAIN_SAMPLES = 30;

async function existingResidentToDone(page: Page, training: TrainingApi, serviceId: 'social-care' | 'childrens-services'): Promise<void> {
  const seed = await training.seed();
  const invite = seed.invites.find((i) => i.serviceId === serviceId && i.email === seed.existingAccount.email)!;
  await page.getByRole('button', { name: serviceId === 'social-care' ? /My Norfolk Social Care/ : /Children's Services Online/ }).click();
  await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  // The council's sign-in page, with the invitation's address filled in.
  await page.getByLabel('Password', { exact: true }).fill(seed.existingAccount.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Account setup' }).waitFor();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('heading', { level: 1, name: /Account setup (sent|saved)/ }).waitFor();
}

function reportPercentiles(name: string, samples: number[]): void {
  const sorted = samples.toSorted((a, b) => a - b);
  report({ name: `${name}_p50`, value: Math.round(percentile(sorted, 50)), unit: 'ms' });
  report({ name: `${name}_p95`, value: Math.round(percentile(sorted, 95)), unit: 'ms', target: '< 1000' });
  report({ name: `${name}_samples`, value: sorted.length, unit: 'sessions' });
}

/** p50 and p95 of a session end to the ready welcome screen of the fresh page. */
export async function run(): Promise<void> {
  const browser = await launchBenchChromium();
  const children: ChildProcess[] = [];
  const finish: number[] = [];
  const startAgain: number[] = [];
  try {
    for (let h = 0; h < HOSTS; h++) {
      const { host, child } = await startWebHostProcess();
      children.push(child);
      const training = trainingApi(host);
      const page = await kioskPage(browser, host);
      await page.addInitScript(WELCOME_READY_PROBE);
      await page.goto(host.kioskUrl);
      await page.waitForFunction(() => (window as unknown as { __welcomeReadyAt?: number }).__welcomeReadyAt);
      for (const serviceId of ['social-care', 'childrens-services'] as const) {
        await existingResidentToDone(page, training, serviceId);
        finish.push(await endToWelcomeMs(page, 'Finish'));
      }
      for (let i = 0; i < START_AGAIN_SAMPLES / HOSTS; i++) {
        await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
        await page.getByLabel('Enter the code from your email').fill('K7QM-3XPD-9WT8');
        startAgain.push(await endToWelcomeMs(page, 'Start again'));
      }
      await page.context().close();
    }
    reportPercentiles('session_end.finish_to_welcome', finish);
    reportPercentiles('session_end.start_again_to_welcome', startAgain);
  } finally {
    await browser.close();
    for (const child of children) child.kill('SIGTERM');
  }
}
