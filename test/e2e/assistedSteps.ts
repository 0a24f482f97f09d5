import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations } from './kioskFixture.ts';
import type { RunningWebHost } from './kioskFixture.ts';

// The caseworker's steps on the web host's staff page, as the assisted end-to-end tests take
// them, and the checks that the staff page never holds a resident's secret. The staff page lives
// at `/staff/` under a cookie scoped to that path, so one browser context holds both pages: the
// resident's kiosk page at `/` and the caseworker's page at `/staff/`.

/** The training caseworker the simulator approves from the sign-in's training button. */
export const CASEWORKER_NAME = 'Training Caseworker';
/** The PIN the caseworker chooses at sign-in in these tests. */
export const STAFF_PIN = '2468';
/** How the caseworker knows the resident, as the confirm form's radio buttons say it. */
export type IdentityCheckLabel = 'Photo ID seen' | 'Known to me' | 'Security questions answered';

/** One screen of the staff page: its heading, axe finds nothing, and a full-page screenshot is kept. */
export async function expectStaffScreen(staff: Page, heading: string | RegExp, shot: string): Promise<void> {
  await expect(staff.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expectNoAxeViolations(staff);
  await staff.screenshot({ path: `test-results/screens/${shot}.png`, fullPage: true });
}

/**
 * One browser context holding both cookies (the kiosk's at `/`, the staff page's at `/staff/`),
 * so a kiosk page and a staff page of the same browser each speak for their own role.
 */
export async function twoPageContext(browser: Browser, host: RunningWebHost): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([host.cookie, host.staffCookie]);
  return context;
}

/** Opens the staff page in `context`: the console's device sign-in. */
export async function openStaffPage(context: BrowserContext, host: RunningWebHost): Promise<Page> {
  const staff = await context.newPage();
  await staff.goto(host.staffPageUrl);
  await expect(staff.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await expect(staff.getByText('Training mode: nothing here is real.')).toBeVisible();
  return staff;
}

/** 'Approve (training)' on the device sign-in (as the work device would), then 'Choose a PIN'. */
export async function signInWithTrainingApproval(staff: Page, shot?: string): Promise<void> {
  await expect(staff.getByRole('img', { name: /QR code/ })).toBeVisible();
  if (shot !== undefined) await expectStaffScreen(staff, 'Staff sign-in', shot);
  await staff.getByRole('button', { name: 'Approve (training)' }).click();
  // The kiosk learns of the approval at its next poll: the council's interval is 5 seconds.
  await expect(staff.getByRole('heading', { level: 1, name: 'Choose a PIN' })).toBeFocused({ timeout: 15_000 });
  await expect(staff.getByText(`Signed in as ${CASEWORKER_NAME}`)).toBeVisible();
}

/** Chooses the console's PIN (typed twice): the console with today's invites. */
export async function choosePin(staff: Page, pin = STAFF_PIN, shot?: string): Promise<void> {
  if (shot !== undefined) await expectStaffScreen(staff, 'Choose a PIN', shot);
  await staff.getByLabel('PIN', { exact: true }).fill(pin);
  await staff.getByLabel('Type the PIN again').fill(pin);
  await staff.getByRole('button', { name: 'Save PIN' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Staff console' })).toBeFocused();
  await expect(staff.getByRole('table', { name: 'Invites open today' })).toBeVisible();
}

/** Staff page opened, signed in with the training approval, PIN chosen: the console, ready. */
export async function signInStaff(context: BrowserContext, host: RunningWebHost, shotPrefix?: string): Promise<Page> {
  const staff = await openStaffPage(context, host);
  await signInWithTrainingApproval(staff, shotPrefix === undefined ? undefined : `${shotPrefix}-sign-in`);
  await choosePin(staff, STAFF_PIN, shotPrefix === undefined ? undefined : `${shotPrefix}-choose-pin`);
  return staff;
}

/** The row of today's invites for a masked name ("J*** S****"), narrowed to one service if two match. */
export function inviteRow(staff: Page, maskedName: string, serviceName?: string | RegExp): Locator {
  const rows = staff.getByRole('table', { name: 'Invites open today' }).getByRole('row').filter({ hasText: maskedName });
  return serviceName === undefined ? rows : rows.filter({ hasText: serviceName });
}

/**
 * Searches today's invites, then 'Help' on the one row for the masked name: the console asks
 * for the code the resident reads out.
 */
export async function pickInvite(staff: Page, maskedName: string, serviceName?: string | RegExp, search?: string): Promise<void> {
  if (search !== undefined) await staff.getByLabel('Search invites').fill(search);
  const row = inviteRow(staff, maskedName, serviceName);
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Help/ }).click();
  await expect(staff.getByRole('heading', { level: 2, name: "Confirm the resident's code" })).toBeVisible();
  await expect(staff.getByText('Helping:')).toBeVisible();
}

/** Types the code the resident reads out, says how the caseworker knows them, 'Confirm code': the guide's steps. */
export async function confirmInviteCode(staff: Page, code: string, check: IdentityCheckLabel = 'Photo ID seen'): Promise<void> {
  await staff.getByLabel('Code the resident reads out').fill(code);
  await staff.getByRole('radio', { name: check }).check();
  await staff.getByRole('button', { name: 'Confirm code' }).click();
  await expect(staff.getByRole('heading', { level: 2, name: "The resident's steps" })).toBeVisible();
  await expect(staff.getByText(new RegExp(`Code confirmed at \\d\\d:\\d\\d: ${check}`))).toBeVisible();
}

/** The guide step the resident is on now (its list item, `aria-current="step"`). */
export function currentStep(staff: Page): Locator {
  return staff.locator('.staff-steps > li[aria-current="step"]');
}

/** The guide's step whose label says `label` (its list item, with its status and live details). */
export function guideStep(staff: Page, label: string | RegExp): Locator {
  return staff.locator('.staff-steps > li').filter({ has: staff.locator('.staff-steps__label', { hasText: label }) });
}

/** Opens the console's 'Training phone' panel (the simulated resident's phone): its message list. */
export async function openStaffTrainingPhone(staff: Page): Promise<Locator> {
  await staff.getByRole('button', { name: 'Show the training phone' }).click();
  const phone = staff.locator('#staff-training-phone-body');
  await expect(phone.getByRole('heading', { level: 3, name: 'Messages to the resident, newest first' })).toBeVisible();
  return phone;
}

/** Closes the console's training phone: nothing of it stays in the page. */
export async function closeStaffTrainingPhone(staff: Page): Promise<void> {
  await staff.getByRole('button', { name: 'Hide the training phone' }).click();
  await expect(staff.locator('#staff-training-phone-body')).toHaveCount(0);
}

/** After the resident submitted: 'Help the next resident' ends the session; the list is back, the search box ready. */
export async function helpNextResident(staff: Page): Promise<void> {
  await staff.getByRole('button', { name: 'Help the next resident' }).click();
  await expect(staff.getByRole('status').filter({ hasText: "The resident's session has ended." })).toBeVisible();
  await staff.getByRole('button', { name: 'Help the next resident' }).click();
  await expect(staff.getByLabel('Search invites')).toBeFocused();
}

/** The staff page's DOM as text: the whole document's markup and every input's value. */
export async function staffPageText(staff: Page): Promise<string> {
  return staff.evaluate(() => {
    const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((field) => field.value);
    return [document.documentElement.outerHTML, ...values].join('\n');
  });
}

/**
 * The staff page's raw event stream, byte for byte as the host sends it: a second stream on
 * `/staff/api/events` opened with the staff page's cookie (every event, named or not, and
 * every field). `text()` is everything received so far; `stop()` closes it.
 */
export interface StaffStreamRecorder {
  text(): string;
  stop(): void;
}

/** Starts recording the staff role's raw event stream (see `StaffStreamRecorder`); resolves once the host answered. */
export async function recordStaffStream(host: RunningWebHost): Promise<StaffStreamRecorder> {
  const abort = new AbortController();
  const response = await fetch(new URL('api/events', host.staffPageUrl), {
    headers: { Cookie: `${host.staffCookie.name}=${host.staffCookie.value}`, Accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!response.ok || response.body === null) throw new Error(`The staff event stream was refused (${response.status})`);
  let received = '';
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted by stop(): what was received is kept.
    }
  })();
  return { text: () => received, stop: () => abort.abort() };
}

/**
 * Fails if any secret (a password, an e-mail or phone code value, an invite code once confirmed)
 * is in the staff page's DOM or in the raw event stream it received.
 */
export async function expectNoSecretsOnStaffPage(staff: Page, stream: StaffStreamRecorder, secrets: string[]): Promise<void> {
  const dom = await staffPageText(staff);
  const events = stream.text();
  // The recorder hears the staff role's events at all (so "no secret" is not an empty stream's answer).
  expect(events).toContain('event: staff:view');
  for (const secret of secrets.filter((value) => value !== '')) {
    expect(dom.includes(secret), `the staff page's DOM holds a secret (${secret.length} characters)`).toBe(false);
    expect(events.includes(secret), `the staff page's event stream holds a secret (${secret.length} characters)`).toBe(false);
  }
}
