import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { startWebHostProcess, trainingApi } from '../e2e/webHostProcess.ts';
import type { RunningWebHost, TrainingApi } from '../e2e/webHostProcess.ts';
import { kioskPage, launchBenchChromium, percentile } from './benchKiosk.ts';
import { report } from './benchReport.ts';

// Time from a click to the next screen's heading having focus, in Chromium through the web host,
// over the whole new-account flow (every screen, live council calls to the training simulator
// included). Measured in the page from the events' own timestamps, which Playwright's fake clock
// (used to skip the council's 30-second cooldowns) does not touch.

const FLOWS = [
  { service: /My Norfolk Social Care/, resident: 'Jane Smith', serviceId: 'social-care', mobile: '07700 100001' },
  { service: /My Norfolk Social Care/, resident: 'Priya Patel', serviceId: 'social-care', mobile: '07700 100002' },
  { service: /Children's Services Online/, resident: 'Sam Jones', serviceId: 'childrens-services', mobile: '07700 100003' },
  { service: /Children's Services Online/, resident: 'Alex Green', serviceId: 'childrens-services', mobile: '07700 100004' },
];

const INSTRUMENT = `
  window.__headingLatencies = [];
  let clickAt;
  let headingAtClick;
  document.addEventListener('click', (event) => {
    clickAt = event.timeStamp;
    headingAtClick = document.querySelector('main h1')?.textContent;
  }, true);
  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (clickAt === undefined || !(target instanceof HTMLElement) || target.tagName !== 'H1') return;
    if (target.textContent === headingAtClick) return;
    window.__headingLatencies.push(event.timeStamp - clickAt);
    clickAt = undefined;
  }, true);
`;

async function click(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function newAccountFlow(page: Page, host: RunningWebHost, training: TrainingApi, flow: (typeof FLOWS)[number]): Promise<number[]> {
  const invite = (await training.seed()).invites.find((i) => i.residentName === flow.resident && i.serviceId === flow.serviceId)!;
  const e164 = `+44${flow.mobile.replace(/\s/g, '').slice(1)}`;
  await page.goto(host.kioskUrl);
  await heading(page, 'Set up your online account');
  await click(page, flow.service);
  await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
  await click(page, 'Continue');
  await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
  await click(page, 'Continue');
  await click(page, 'Sign up now');
  await click(page, 'Send verification code');
  await heading(page, 'Check your email');
  await page.getByLabel('Verification code').fill((await training.latest(invite.email, 'email')).code ?? '');
  await click(page, 'Verify code');
  if (flow.serviceId === 'childrens-services') {
    await heading(page, /verified/);
    await click(page, 'Continue');
  }
  // Each service's guide names the 'Create' page's fields its own way.
  const social = flow.serviceId === 'social-care';
  await page.getByLabel(social ? 'First name' : 'Given name').fill('Test');
  await page.getByLabel('Surname').fill('Resident');
  await page.getByLabel(social ? 'Password' : 'New Password', { exact: true }).fill('Kiosk-Bench-2026');
  await page.getByLabel(social ? 'Confirm password' : 'Confirm New Password', { exact: true }).fill('Kiosk-Bench-2026');
  await click(page, 'Create');
  await page.getByLabel('What phone number do you want to use?').fill(flow.mobile);
  await click(page, 'Send Code');
  await heading(page, 'Check your text messages');
  await page.getByLabel('Verification code').fill((await training.latest(e164, 'sms')).code ?? '');
  await click(page, 'Verify code');
  await heading(page, 'Now confirm your phone number');
  await training.advanceClock(31);
  await page.clock.fastForward(31_000);
  await click(page, 'Send Code');
  await heading(page, 'Check your text messages');
  await page.getByLabel('Verification code').fill((await training.latest(e164, 'sms')).code ?? '');
  await click(page, 'Verify code');
  await heading(page, 'Account setup');
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await click(page, 'Confirm');
  await click(page, 'Submit');
  await heading(page, /Account setup (sent|saved)/);
  // Taken before 'Finish', which loads the page afresh (and the array with it).
  const latencies = await page.evaluate(() => (window as unknown as { __headingLatencies: number[] }).__headingLatencies.splice(0));
  await click(page, 'Finish');
  await heading(page, 'Set up your online account');
  return latencies;
}

/** p50 and p95 of click-to-next-heading over four complete new-account registrations. */
export async function run(): Promise<void> {
  let child: ChildProcess | undefined;
  const browser = await launchBenchChromium();
  try {
    const started = await startWebHostProcess();
    child = started.child;
    const training = trainingApi(started.host);
    const page = await kioskPage(browser, started.host);
    await page.addInitScript(INSTRUMENT);
    await page.clock.install();
    const latencies: number[] = [];
    for (const flow of FLOWS) latencies.push(...(await newAccountFlow(page, started.host, training, flow)));
    const sorted = latencies.toSorted((a, b) => a - b);
    report({ name: 'renderer.click_to_heading_p50', value: Math.round(percentile(sorted, 50) * 10) / 10, unit: 'ms' });
    report({ name: 'renderer.click_to_heading_p95', value: Math.round(percentile(sorted, 95) * 10) / 10, unit: 'ms', target: '< 100' });
    report({ name: 'renderer.click_to_heading_samples', value: sorted.length, unit: 'screens' });
  } finally {
    await browser.close();
    child?.kill('SIGTERM');
  }
}
