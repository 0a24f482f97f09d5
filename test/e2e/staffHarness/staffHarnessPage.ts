import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { build } from 'vite';
import type { KioskResult } from '../../../shared/kioskApi/kioskResult.ts';
import { staffViewSchema } from '../../../shared/kioskApi/staffView.ts';
import type { StaffDeviceSignIn, StaffView } from '../../../shared/kioskApi/staffView.ts';

const HARNESS_DIR = fileURLToPath(new URL('../../../dist/staff-harness/', import.meta.url));
/** Where the harness is opened; Playwright serves it, nothing listens there. */
export const STAFF_HARNESS_URL = 'http://staff-console.test/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Builds the staff console's test page with Vite (test/e2e/staffHarness/), as the kiosk's renderer is built. */
export async function buildStaffHarness(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
}

/** One call the staff page made. */
export interface HarnessCall {
  channel: string;
  input: unknown;
}

/** The staff console alone in Chromium, with the test standing where the host's transport is. */
export interface StaffHarness {
  sent: HarnessCall[];
  /** Main pushes a staff view (checked against the contract first). */
  show: (view: StaffView) => Promise<void>;
  /** Answers for later calls, by channel ("done" for any other). */
  answers: Record<string, KioskResult<unknown>>;
}

/** Serves the built harness under `base` (an origin and path ending in '/'); other addresses go on to the network. */
async function serveStaffHarness(page: Page, base: string): Promise<void> {
  await page.route(`${base}**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice(new URL(base).pathname.length);
    const file = normalize(join(HARNESS_DIR, path === '' ? 'index.html' : path));
    if (!file.startsWith(HARNESS_DIR)) return route.fulfill({ status: 404 });
    try {
      await route.fulfill({ body: await readFile(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
}

/**
 * Opens the staff console on a running web host, as its staff page: served under the web host's
 * origin, so the page's calls and event stream reach the host with the staff page's cookie
 * (which the test adds to the page's context).
 */
export async function openStaffHarnessOnWebHost(page: Page, origin: string): Promise<void> {
  const base = new URL('/staff-console-test/', origin).href;
  await serveStaffHarness(page, base);
  await page.goto(`${base}?web`);
}

/** Opens the staff console showing `first`, its calls answered from `answers`. */
export async function openStaffHarness(page: Page, first: StaffView, answers: Record<string, KioskResult<unknown>> = {}): Promise<StaffHarness> {
  const harness: StaffHarness = {
    sent: [],
    answers,
    show: async (view) => {
      const checked = staffViewSchema.parse(view);
      await page.evaluate((payload) => window.staffHarnessPublish?.('staff:view', payload), checked);
    },
  };
  await serveStaffHarness(page, STAFF_HARNESS_URL);
  await page.exposeFunction('staffHarnessInvoke', (channel: string, input: unknown) => {
    harness.sent.push({ channel, input });
    return harness.answers[channel] ?? { ok: true, value: {} };
  });
  await page.addInitScript((payload) => {
    // The view main already holds when the page opens, handed over as the hub replays it.
    const waiting = window as unknown as { staffHarnessFirst?: unknown };
    waiting.staffHarnessFirst = payload;
  }, staffViewSchema.parse(first));
  await page.goto(STAFF_HARNESS_URL);
  await page.waitForFunction(() => typeof window.staffHarnessPublish === 'function');
  return harness;
}

/** A device sign-in waiting for approval, with a real QR code of its address (as main draws it). */
export function waitingDeviceSignIn(): StaffDeviceSignIn {
  const complete = 'http://127.0.0.1:4100/device?user_code=BCDF-GHJK';
  const qr = QRCode.create(complete, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  let path = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (qr.modules.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
  return {
    userCode: 'BCDF-GHJK',
    verificationUri: 'http://127.0.0.1:4100/device',
    verificationUriComplete: complete,
    qr: { size, path },
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    status: 'waiting',
  };
}
