/**
 * The renderer's Content-Security-Policy, the same under Electron's custom protocol and the web
 * host: only the kiosk's own scripts, styles and API; no inline script, no eval, no plugins, no
 * framing, no form posts anywhere. `style-src` allows inline `style` attributes because Vue's
 * transitions set them; inline `<style>` and `<script>` elements are still refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The same policy for a `<meta http-equiv>` in the renderer's HTML pages, so a page saved or served
 * without the header is still held to it. `frame-ancestors` works only as a header (Chromium
 * ignores it in a `<meta>`, with a console error), so the header keeps it and the meta leaves it.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** Headers sent with every renderer file, whichever host serves it. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  'Cache-Control': 'no-store',
};
