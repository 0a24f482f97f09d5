import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, expectNoAxeViolations, test } from './kioskFixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test.describe('training mode', () => {
  test('npm run web prints the embedded council API, which is a working simulator', async ({ webHost }) => {
    expect(webHost.stdout).toContainEqual(expect.stringMatching(/^Kiosk: http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]+$/));
    expect(webHost.stdout).toContain(`Council API (training): ${webHost.councilApiUrl}`);
    const seed = (await (await fetch(`${webHost.councilApiUrl}/training/seed`)).json()) as { invites: unknown[] };
    expect(seed.invites).toHaveLength(8);
    expect((await fetch(`${webHost.councilApiUrl}/openapi.json`)).status).toBe(200);
  });

  test('every screen says it is training', async ({ page, webHost, consoleErrors }) => {
    await page.goto(webHost.kioskUrl);
    const banner = page.getByRole('complementary', { name: 'Training mode' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Training');
    await expect(banner).toContainText('nothing you enter here makes a real account');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/screens/training-welcome.png', fullPage: true });

    // The next screen (a service chosen) still shows it.
    await page.getByRole('button', { name: /My Norfolk Social Care/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(banner).toBeVisible();
    await expectNoAxeViolations(page);

    // In high contrast too.
    await page.evaluate(() => document.documentElement.classList.add('contrast-high'));
    await expect(banner).toBeVisible();
    await expectNoAxeViolations(page);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('live mode', () => {
  test('with --council-api there is no banner and no training line', async ({ page, webHost, consoleErrors }) => {
    // The training host's simulator stands in for a real council here: enrol a device in it.
    const token = (await (await fetch(`${webHost.councilApiUrl}/training/enrolment-tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"count":1}',
    }).then((r) => r.json())) as { enrolmentTokens: string[] }).enrolmentTokens[0]!;
    const enrolment = (await fetch(`${webHost.councilApiUrl}/v1/devices`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `"${crypto.randomUUID()}"` },
      body: JSON.stringify({ enrolmentToken: token, deviceName: 'live-e2e' }),
    }).then((r) => r.json())) as { credential: string };
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-live-'));
    const credentialFile = join(dataDir, 'device-credential');
    writeFileSync(credentialFile, `${enrolment.credential}\n`, { mode: 0o600 });

    const child = spawn(
      process.execPath,
      ['main/web/webHostCli.ts', '--port', '0', '--data-dir', dataDir, '--council-api', webHost.councilApiUrl, '--device-credential-file', credentialFile, '--allow-insecure-loopback'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'kiosk-e2e-config-')) } },
    );
    try {
      const lines: string[] = [];
      const kioskUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`live web host did not start: ${lines.join('\n')}`)), 20_000);
        child.once('exit', (code) => reject(new Error(`live web host exited with ${code}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          const match = /^Kiosk: (\S+)$/.exec(line);
          if (match?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      await page.goto(kioskUrl);
      await expect(page.getByRole('heading', { level: 1, name: 'Set up your online account' })).toBeVisible();
      // Give the banner's one call to main time to answer; it must still be absent.
      await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('kiosk%3Ainfo')))).toBe(true);
      // The answer is in; let Vue render whatever it leads to before looking.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await expect(page.getByRole('complementary', { name: 'Training mode' })).toHaveCount(0);
      // Residents read the council's name in plain words, never "API".
      // Nothing has been sent since it started, so it does not yet claim to be connected.
      await expect(page.getByRole('contentinfo')).toContainText('Norfolk County Council: nothing sent yet since this kiosk started');
      await expect(page.getByRole('contentinfo')).not.toContainText('API');
      expect(lines.some((line) => line.startsWith('Council API (training)'))).toBe(false);
      expect(consoleErrors).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
