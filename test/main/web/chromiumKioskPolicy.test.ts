import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The Chromium policy shipped for thin clients (README, "For council IT"): IT copies it into
// /etc/chromium/policies/managed/. Chromium ignores a file that is not valid JSON, and ignores
// a policy whose value has the wrong type, silently: so both are checked here.

const policySchema = z.strictObject({
  /** 2: DevTools never available. */
  DeveloperToolsAvailability: z.literal(2),
  PasswordManagerEnabled: z.literal(false),
  /** No 'Save as', 'Open file' or upload dialogs (no way to browse the thin client's disk). */
  AllowFileSelectionDialogs: z.literal(false),
  /** As IT chooses: true to print slips, false for kiosks without a printer. */
  PrintingEnabled: z.boolean(),
  URLBlocklist: z.tuple([z.literal('*')]),
  URLAllowlist: z.array(z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/)).min(1),
  /** 2: every window is incognito, so no history or form data is kept between residents. */
  IncognitoModeAvailability: z.literal(2),
  /** 3: no downloads. */
  DownloadRestrictions: z.literal(3),
  AutofillAddressEnabled: z.literal(false),
  AutofillCreditCardEnabled: z.literal(false),
  BrowserSignin: z.literal(0),
  SyncDisabled: z.literal(true),
  TranslateEnabled: z.literal(false),
  BrowserGuestModeEnabled: z.literal(false),
  BrowserAddPersonEnabled: z.literal(false),
});

describe('the Chromium kiosk policy file', () => {
  it('is valid JSON with DevTools, the password manager and file dialogs off, and only the kiosk allowed', async () => {
    const text = await readFile(new URL('../../../main/web/chromium-kiosk-policy.json', import.meta.url), 'utf8');
    const policy = policySchema.parse(JSON.parse(text));
    expect(policy.URLAllowlist).toEqual(['http://127.0.0.1:8080']);
  });
});
