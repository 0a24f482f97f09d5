import { expect, expectNoAxeViolations, test, trainingApi } from './kioskFixture.ts';

test.describe('every session ends clean', () => {
  test('the idle warning can be answered, and when it is not, nothing of the resident remains', async ({ page, webHost, consoleErrors }) => {
    await page.clock.install();
    await page.goto(webHost.kioskUrl);
    const historyAtStart = await page.evaluate(() => window.history.length);
    await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
    const field = page.getByLabel('Enter the code from your email');
    await field.fill('K7QM-3XPD-9WT8');
    await page.getByRole('button', { name: 'Larger text' }).click();
    await expect(page.locator('html')).toHaveClass(/text-larger/);

    // Two minutes without a touch: the warning, with focus on "I'm still here".
    await page.clock.fastForward(121_000);
    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: "I'm still here" })).toBeFocused();
    await expect(dialog).toContainText('Clearing in 30 seconds.');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/idle-warning.png' });

    // Answering keeps everything; the countdown starts again from scratch later.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(field).toHaveValue('K7QM-3XPD-9WT8');

    // No answer: after the warning's 30 seconds the kiosk starts again, clean.
    await page.clock.fastForward(121_000);
    await expect(dialog).toBeVisible();
    await page.clock.fastForward(31_000);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'nobody used the kiosk for a while' })).toBeVisible();
    await expect(page.locator('html')).not.toHaveClass(/text-larger/);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('K7QM');
    // The kiosk writes no storage. vue-router keeps an (empty) scroll-position map in
    // sessionStorage on every navigation; it holds no resident data, and is cleared with the rest.
    expect(await page.evaluate(() => ({ session: Object.fromEntries(Object.entries(window.sessionStorage)), local: Object.fromEntries(Object.entries(window.localStorage)) }))).toEqual({
      session: { 'vue-router:scroll': '{}' },
      local: {},
    });

    // Main has forgotten its side of the session too: a step call finds no registration.
    const afterWipe = await page.evaluate(() => window.kiosk!.confirmInvite({ inviteCode: 'K7QM3XPD9WT8', email: 'a@example.org' }));
    expect(afterWipe).toMatchObject({ ok: false, error: { code: 'session_ended' } });

    // No way back to the last resident's screens: the kiosk's steps never enter the browser's
    // history (the router keeps its own, in memory, and it was thrown away with the session).
    expect(await page.evaluate(() => window.history.length)).toBe(historyAtStart);

    // The next resident's first screen has no trace of the last one.
    await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
    await expect(page.getByLabel('Enter the code from your email')).toHaveValue('');
    await expectNoAxeViolations(page);
    expect(consoleErrors).toEqual([]);
  });

  test('the welcome screen never times out, and the high-contrast option passes axe', async ({ page, webHost, consoleErrors }) => {
    await page.clock.install();
    await page.goto(webHost.kioskUrl);
    await page.getByRole('button', { name: 'High contrast' }).click();
    await expect(page.getByRole('button', { name: 'High contrast' })).toHaveAttribute('aria-pressed', 'true');
    await page.clock.fastForward(600_000);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/welcome-high-contrast.png', fullPage: true });
    await page.getByRole('button', { name: /Children's Services Online/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/invite-code-high-contrast.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  test("a reload ends the resident's session in main: the previous session's calls are all refused", async ({ page, freshWebHost, consoleErrors }) => {
    const training = trainingApi(freshWebHost);
    const invite = (await training.seed()).invites.find((i) => i.residentName === 'Priya Patel')!;
    await page.goto(freshWebHost.kioskUrl);
    const started = page.waitForResponse((response) => response.url().endsWith('/api/call/registration%3Astart'));
    await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
    const { value } = (await (await started).json()) as { value: { session: string } };
    await page.getByLabel('Enter the code from your email').fill(invite.inviteCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('What email address did your worker send it to?').fill(invite.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Do you already have a My Norfolk account?' })).toBeVisible();

    const sentBefore = (await training.messages()).length;
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeVisible();
    // The audit's attack: the previous session's handle, on every registration method.
    const calls: [string, Record<string, unknown>][] = [
      ['email:send-code', { email: invite.email }],
      ['email:resend-code', {}],
      ['email:verify-code', { code: '123456' }],
      ['account:sign-in', { email: invite.email, password: 'Anything-123' }],
      ['account:create', { givenName: 'Priya', surname: 'Patel', password: 'Kiosk-Test-2026' }],
      ['phone:start', { phoneNumber: '+447700123456', method: 'sms' }],
      ['phone:verify-code', { code: '123456' }],
      ['phone:status', {}],
      ['invite:confirm', { inviteCode: invite.inviteCode, email: invite.email }],
      ['setup:submit', { recordIds: ['r1'], consentStatementIds: ['c1'] }],
    ];
    const answers = await page.evaluate(
      async ({ calls: list, session }) =>
        Promise.all(
          list.map(async ([channel, input]) => {
            const response = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ ...input, session }),
            });
            return [channel, await response.json()] as const;
          }),
        ),
      { calls, session: value.session },
    );
    for (const [channel, answer] of answers) expect(answer, channel).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    // Nothing reached the council: no code was sent to anyone.
    expect(await training.messages()).toHaveLength(sentBefore);
    expect(consoleErrors).toEqual([]);
  });
});
