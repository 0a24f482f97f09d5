import { normaliseUserCode, formatUserCode, USER_CODE_ALPHABET } from './deviceAuthorizationHandlers.ts';

const USER_CODE = new RegExp(`^[${USER_CODE_ALPHABET}]{8}$`);

/**
 * The page at the simulator's verification URI (`/device`, RFC 8628 §3.3). In a real council it
 * is where the caseworker signs in on their work device and approves the code the kiosk shows;
 * the simulator has no staff accounts to sign in to, so the page says how a trainer approves the
 * code instead. Only a well-formed user code is echoed, so the page carries nothing else typed.
 */
export function deviceVerificationPage(typedUserCode: string | null): string {
  const code = normaliseUserCode(typedUserCode ?? '');
  const shown = USER_CODE.test(code) ? `<p>Code on the kiosk: <strong>${formatUserCode(code)}</strong></p>` : '';
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Approve a kiosk sign-in (training simulator)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Approve a kiosk sign-in</h1>${shown}
<p>This is the council API simulator used for training. A real council asks the caseworker to sign in
here on their work device and approve the code the kiosk shows.</p>
<p>In training, approve it with the kiosk's own Approve button, or send
<code>POST /training/device-authorizations/approve</code> with <code>{"userCode": "…"}</code>.</p>
</main></body></html>
`;
}
