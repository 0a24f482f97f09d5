import type { CDPSession, Page } from '@playwright/test';
import { startWebHostProcess, trainingApi } from '../e2e/webHostProcess.ts';
import type { WebHostDiagnostics } from './benchKiosk.ts';
import { kioskPage, launchBenchChromium, webHostDiagnostics, WELCOME_READY_PROBE } from './benchKiosk.ts';
import { report } from './benchReport.ts';

// A day at a library kiosk, compressed: residents one after another through the web host in
// Chromium, each a short registration (a service, the invite code and its e-mail address,
// confirmed with the council) ended a different way in turn: 'Start again', the idle timeout,
// 'Finish and clear now' on the idle warning, and a reload. The renderer's JS heap (after a
// forced GC) and the web host's RSS are compared between resident 20 and the last; the web
// host's open event streams, timers and resident sessions must be back to their starting counts.

const RESIDENTS = Number(process.env.KIOSK_SOAK_RESIDENTS ?? 200);
const WARM_UP = 20;
const ENDINGS = ['start again', 'idle timeout', 'idle warning finish', 'reload'] as const;

async function rendererHeapBytes(cdp: CDPSession): Promise<number> {
  for (let round = 0; round < 2; round++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function welcomeReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __welcomeReadyAt?: number }).__welcomeReadyAt, undefined, { polling: 20 });
}

async function shortRegistration(page: Page, invite: { inviteCode: string; email: string; serviceId: string }): Promise<void> {
  await page.getByRole('button', { name: invite.serviceId === 'social-care' ? /My Norfolk Social Care/ : /Children's Services Online/ }).click();
  await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: /Do you already have/ }).waitFor();
}

async function end(page: Page, way: (typeof ENDINGS)[number]): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __welcomeReadyAt?: number | undefined }).__welcomeReadyAt = undefined));
  if (way === 'start again') {
    await page.getByRole('button', { name: 'Start again' }).click();
  } else if (way === 'reload') {
    await page.reload();
  } else {
    await page.clock.fastForward(121_000);
    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await dialog.waitFor();
    if (way === 'idle timeout') await page.clock.fastForward(31_000);
    else await dialog.getByRole('button', { name: 'Finish and clear now' }).click();
  }
  await welcomeReady(page);
}

function growth(first: number, last: number): number {
  return Math.round(((last - first) / first) * 1000) / 10;
}

/** Renderer heap and main RSS growth over a run of residents, and the counts that must come back. */
export async function run(): Promise<void> {
  const browser = await launchBenchChromium();
  const { host, child } = await startWebHostProcess();
  try {
    const training = trainingApi(host);
    const seed = await training.seed();
    const invites = seed.invites.filter((i) => i.state === 'sent').map((i) => ({ inviteCode: i.inviteCode, email: i.email, serviceId: i.serviceId }));
    const page = await kioskPage(browser, host);
    await page.addInitScript(WELCOME_READY_PROBE);
    await page.clock.install();
    await page.goto(host.kioskUrl);
    await welcomeReady(page);
    const cdp = await page.context().newCDPSession(page);
    const atStart: WebHostDiagnostics = await webHostDiagnostics(host, child);
    let heapAtWarmUp = 0;
    let rssAtWarmUp = 0;
    const startedAt = Date.now();
    for (let resident = 1; resident <= RESIDENTS; resident++) {
      await shortRegistration(page, invites[resident % invites.length]!);
      await end(page, ENDINGS[resident % ENDINGS.length]!);
      if (resident === WARM_UP) {
        heapAtWarmUp = await rendererHeapBytes(cdp);
        rssAtWarmUp = (await webHostDiagnostics(host, child)).rssBytes;
      }
    }
    const heapAtEnd = await rendererHeapBytes(cdp);
    const atEnd = await webHostDiagnostics(host, child);
    report({ name: 'soak.residents', value: RESIDENTS, unit: 'residents' });
    report({ name: 'soak.seconds_per_resident', value: Math.round((Date.now() - startedAt) / RESIDENTS) / 1000, unit: 's' });
    report({ name: 'soak.renderer_heap_after_warm_up', value: Math.round(heapAtWarmUp / 1024), unit: 'KiB' });
    report({ name: 'soak.renderer_heap_growth', value: growth(heapAtWarmUp, heapAtEnd), unit: '%', target: '< 10' });
    report({ name: 'soak.main_rss_after_warm_up', value: Math.round(rssAtWarmUp / 1024 / 1024), unit: 'MiB' });
    report({ name: 'soak.main_rss_growth', value: growth(rssAtWarmUp, atEnd.rssBytes), unit: '%', target: '< 10' });
    for (const key of ['openStreams', 'timers', 'residentSessions', 'sessionTimers'] as const) {
      report({ name: `soak.${key}_start`, value: atStart[key], unit: 'count' });
      report({ name: `soak.${key}_end`, value: atEnd[key], unit: 'count', target: `= ${atStart[key]}` });
    }
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
