import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, maskedNameLabel } from './kioskFixture.ts';
import type { RunningWebHost, TrainingApi } from './kioskFixture.ts';

// The resident's steps through the kiosk, as the registration end-to-end tests take them, and
// the checks every screen gets: its heading has focus, axe finds nothing, and it is photographed.

/** The social care service's button on the welcome screen. */
export const SOCIAL_CARE = /My Norfolk Social Care/;
/** The children's services' button on the welcome screen. */
export const CHILDRENS = /Children's Services Online/;
/** The title of the email with the 6-digit code, as both guides write it. */
export const VERIFICATION_TITLE = 'Norfolk County Council account verification code';
/** A password that meets the council's policy. */
export const PASSWORD = 'Kiosk-Test-2026';

/**
 * One screen: its heading has focus, axe finds nothing, it says "email" as GOV.UK and the guides
 * do (never "e-mail", in the page or its title), and a full-page screenshot is kept.
 */
export async function expectScreen(page: Page, heading: string | RegExp, shot: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused();
  await expectNoAxeViolations(page);
  expect(`${await page.title()} ${await page.locator('body').innerText()}`).not.toMatch(/e-mail/i);
  await page.screenshot({ path: `test-results/screens/${shot}.png`, fullPage: true });
}

/** The error summary: focused, saying `text`. */
export async function expectErrorSummary(page: Page, text: string | RegExp): Promise<Locator> {
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(text);
  return summary;
}

/** A seeded invite: its code and the address it went to. */
export async function seededInvite(training: TrainingApi, serviceId: string, residentName: string): Promise<SeededInvite> {
  const invite = (await training.seed()).invites.find((i) => i.serviceId === serviceId && i.residentName === residentName && i.state === 'sent');
  if (invite === undefined) throw new Error(`No open seeded invite for ${residentName} (${serviceId})`);
  return { inviteId: invite.inviteId, code: invite.inviteCode, email: invite.email };
}

/** A seeded invite still open: its id, its code (grouped in fours, as in the e-mail) and its address. */
export interface SeededInvite {
  inviteId: string;
  code: string;
  email: string;
}

/** Opens the kiosk with a controllable clock (the 30-second code cooldowns are skipped with it). */
export async function openKiosk(page: Page, host: RunningWebHost): Promise<void> {
  await page.clock.install();
  await page.goto(host.kioskUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
}

/** Welcome → invite code → email address → "Do you already have a My Norfolk account?". */
export async function confirmInvite(page: Page, service: RegExp, invite: { code: string; email: string }, prefix: string): Promise<void> {
  await page.getByRole('button', { name: service }).click();
  await expectScreen(page, 'Enter the code from your email', `${prefix}-01-invite-code`);
  await page.getByLabel('Enter the code from your email').fill(invite.code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectScreen(page, 'What email address did your worker send it to?', `${prefix}-02-invite-email`);
  await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectScreen(page, 'Do you already have a My Norfolk account?', `${prefix}-03-have-account`);
}

/** Sign up: 'Send verification code', the code from the email, 'Verify code'. */
export async function verifyEmail(page: Page, training: TrainingApi, email: string, prefix: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign up now' }).click();
  await expectScreen(page, 'Confirm your email address', `${prefix}-04-sign-up-email`);
  // Seed 003 step 6: the same address the invitation went to, already filled in.
  await expect(page.getByLabel('Confirm your email address')).toHaveValue(email);
  await page.getByRole('button', { name: 'Send verification code' }).click();
  await expectScreen(page, 'Check your email', `${prefix}-05-verify-email`);
  await expect(page.getByText(VERIFICATION_TITLE)).toBeVisible();
  await expect(page.getByText('could take a few minutes to arrive')).toBeVisible();
  await expect(page.getByText('check your spam folder')).toBeVisible();
  await expect(page.getByText(/This code works for\s+(10:00|9:5\d)/)).toBeVisible();
  await expect(page.getByText('You have 5 tries left')).toBeVisible();
  await expect(page.getByText(/You can ask for a new code in 0:[23]\d/)).toBeVisible();
  const message = await training.latest(email, 'email');
  expect(message.title).toBe(VERIFICATION_TITLE);
  await page.getByLabel('Verification code').fill(message.code ?? '');
  await page.getByRole('button', { name: 'Verify code' }).click();
}

/** The 'Create' page's field names in social care's guide (seed 000 step 8). */
export const SOCIAL_CARE_LABELS = { givenName: 'First name', surname: 'Surname', newPassword: 'Password', confirmPassword: 'Confirm password' };
/** The 'Create' page's field names in children's services' guide (seed 003 step 10). */
export const CHILDRENS_LABELS = { givenName: 'Given name', surname: 'Surname', newPassword: 'New Password', confirmPassword: 'Confirm New Password' };

/** On the names screen, under the service's names for the fields, then 'Create'. */
export async function createAccount(page: Page, prefix: string, labels = SOCIAL_CARE_LABELS): Promise<void> {
  await page.getByLabel(labels.givenName).fill('Jane');
  await page.getByLabel(labels.surname).fill('Smith');
  await page.getByLabel(labels.newPassword, { exact: true }).fill(PASSWORD);
  await page.getByLabel(labels.confirmPassword, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create' }).click();
  await expectScreen(page, 'What phone number do you want to use?', `${prefix}-08-phone-number`);
}

/** The newest text to `e164`, typed into 'Verification code', 'Verify code'. */
export async function enterTextCode(page: Page, training: TrainingApi, e164: string): Promise<void> {
  const text = await training.latest(e164, 'sms');
  await page.getByLabel('Verification code').fill(text.code ?? '');
  await page.getByRole('button', { name: 'Verify code' }).click();
}

/** Waits out the council's 30 seconds between two codes to one number, on both clocks. */
export async function waitOutCooldown(page: Page, training: TrainingApi): Promise<void> {
  await training.advanceClock(31);
  await page.clock.fastForward(31_000);
}

/** 'Account setup' → check answers → 'Submit' → done. Returns the receipt shown. */
export async function setUpAccount(page: Page, recordNames: string[], consent: string[], prefix: string): Promise<string> {
  for (const name of recordNames) await page.getByLabel(maskedNameLabel(name)).check();
  for (const statement of consent) await page.getByLabel(statement).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expectScreen(page, 'Check your answers before you submit', `${prefix}-11-check-answers`);
  for (const name of recordNames) await expect(page.getByRole('definition').filter({ hasText: name })).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expectScreen(page, /Account setup (sent|saved)/, `${prefix}-12-done`);
  const receipt = await page.locator('.panel__reference').innerText();
  expect(receipt).toMatch(/^KSK-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return receipt;
}

/** Presses Tab until `target` has focus (a bounded number of times): reachable by keyboard. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Not reachable with Tab: ${target.toString()}`);
}

/** Nothing wider than the window (200% zoom), and every button, field and link at least 44 px. */
export async function expectUsableWhenNarrow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > width)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${Math.round(element.getBoundingClientRect().right)} > ${width}`);
  });
  expect(overflow, 'horizontal scrolling: elements beyond the window').toEqual([]);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main input, main a, header button')]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ name: element.innerText || element.id, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ name, box }) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
  expect(small, 'touch targets under 44 px').toEqual([]);
}

/** The newest call to `e164`: its id, for the training keypad. */
export async function latestCallId(training: TrainingApi, e164: string): Promise<string> {
  const call = await training.latest(e164, 'call');
  if (call.callId === null) throw new Error('A call without a call id');
  return call.callId;
}

/** 'Finish': the welcome screen, with nothing of the resident left. */
export async function finish(page: Page, traces: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Everything from the last session has been cleared' })).toBeVisible();
  const text = await page.evaluate(() => document.body.innerText);
  for (const trace of traces) expect(text).not.toContain(trace);
}

/** The display modes a resident can choose in the header, alone and together. */
export const DISPLAY_MODES = [[], ['text-larger'], ['contrast-high'], ['text-larger', 'contrast-high']] as const;

/**
 * axe finds nothing on the current screen in every display mode, nothing is wider than the
 * window, and every target is at least 44 px; the resident's own choice is put back after.
 */
export async function expectAccessibleInEveryMode(page: Page): Promise<void> {
  const chosen = await page.evaluate(() => document.documentElement.className);
  for (const mode of DISPLAY_MODES) {
    await page.evaluate((classes) => {
      document.documentElement.classList.remove('text-larger', 'contrast-high');
      document.documentElement.classList.add(...classes);
    }, [...mode]);
    await expectNoAxeViolations(page);
    await expectUsableWhenNarrow(page);
  }
  await page.evaluate((className) => {
    document.documentElement.className = className;
  }, chosen);
}

/** Opens the training banner's 'Training phone': a dialog whose heading takes focus, checked by axe. */
export async function openTrainingPhone(page: Page, shot: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Training phone' }).click();
  const phone = page.getByRole('dialog', { name: 'Training phone' });
  await expect(phone.getByRole('heading', { level: 2, name: 'Training phone' })).toBeFocused();
  await expect(phone.getByRole('listitem').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `test-results/screens/${shot}.png`, fullPage: true });
  return phone;
}

/** The code in the newest message on the open training phone that says `text`, as a resident reads it. */
export async function codeOnTrainingPhone(phone: Locator, text: string | RegExp): Promise<string> {
  const message = phone.getByRole('listitem').filter({ hasText: text }).first();
  const code = (await message.getByTestId('training-phone-code').innerText()).trim();
  expect(code).not.toBe('');
  return code;
}

/** Closes the training phone; focus goes back to its button (or the new screen's heading, if the screen moved on). */
export async function closeTrainingPhone(page: Page, screenMovedOn = false): Promise<void> {
  await page.getByRole('button', { name: 'Close the training phone' }).click();
  await expect(page.getByRole('dialog', { name: 'Training phone' })).toBeHidden();
  if (!screenMovedOn) await expect(page.getByRole('button', { name: 'Training phone' })).toBeFocused();
}
