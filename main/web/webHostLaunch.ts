import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter of the printed kiosk address that carries the one-time launch code. */
export const LAUNCH_PARAMETER = 'launch';

/** Name of the cookie that admits the kiosk's browser to the kiosk API. */
export const KIOSK_COOKIE = 'kiosk';

/** The query parameter of the printed staff address that carries the staff page's one-time code. */
export const STAFF_PARAMETER = 'staff';

/** Name of the cookie that admits the staff page (a caseworker's second window) to the kiosk API as staff. */
export const STAFF_COOKIE = 'kiosk-staff';

/** Where the staff page lives: its address, its API and its cookie's path. */
export const STAFF_PATH = '/staff';

/**
 * How the kiosk's browser is admitted to the web host. The printed address carries a one-time
 * launch code; the first request with it gets the kiosk cookie (HttpOnly, so page scripts never
 * see it; SameSite=Strict, so no other site's page can send it), and the code stops working. The
 * code is therefore harmless in the process list, the shell history or a log; the secret that
 * admits calls never appears in an address at all.
 */
export class WebHostLaunch {
  /** The one-time launch code for the printed address. */
  readonly code = randomBytes(24).toString('base64url');
  readonly #secret = Buffer.from(randomBytes(32).toString('base64url'));
  readonly #cookie: string;
  readonly #path: string;
  #traded = false;

  /**
   * `cookie`: the kiosk page's cookie (default), or the staff page's, each with its own code and
   * secret; `path`: where the browser sends it (the staff cookie only to `/staff`).
   */
  constructor(cookie: string = KIOSK_COOKIE, path = '/') {
    this.#cookie = cookie;
    this.#path = path;
  }

  /** Trades the launch code for the `Set-Cookie` value; undefined for a wrong or used code. */
  trade(presented: string): string | undefined {
    if (this.#traded || !sameSecret(presented, Buffer.from(this.code))) return undefined;
    this.#traded = true;
    return `${this.#cookie}=${this.#secret.toString()}; Path=${this.#path}; HttpOnly; SameSite=Strict`;
  }

  /** True when the request carries this launch's cookie. */
  admits(request: IncomingMessage): boolean {
    return sameSecret(cookieValue(request.headers.cookie, this.#cookie), this.#secret);
  }
}

function sameSecret(presented: string | undefined, secret: Buffer): boolean {
  if (presented === undefined) return false;
  const bytes = Buffer.from(presented);
  return bytes.length === secret.length && timingSafeEqual(bytes, secret);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
