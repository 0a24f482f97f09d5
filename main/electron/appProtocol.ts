import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { RENDERER_SECURITY_HEADERS } from '../security/contentSecurityPolicy.ts';
import { findStaticFile } from '../security/staticFiles.ts';

/** The renderer is served from `app://kiosk/`, never from `file://` (which would expose the disk). */
export const APP_SCHEME = 'app';
/** The only origin whose frames may call the kiosk API over IPC. */
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;

/**
 * Registration of the `app:` scheme; must happen before Electron's `ready` event. `standard` and
 * `secure` give the renderer a real origin (`app://kiosk`) and a secure context; `corsEnabled`
 * and `supportFetchAPI` let Chromium load the renderer's ES modules and lazily imported screens
 * from it (module scripts are fetched in CORS mode), as Electron's own examples and VS Code do.
 * Nothing else can reach the scheme: navigation away from it is refused.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: false },
};

/**
 * Builds the `app:` protocol handler: files of the built renderer with the renderer's security
 * headers (the Content-Security-Policy among them). Requests for another host, a method other
 * than GET, or a path outside the renderer folder get 404; nothing else on disk can be read.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || `${url.protocol}//${url.host}` !== APP_ORIGIN) {
      return new Response('Not found', { status: 404 });
    }
    const file = await findStaticFile(rendererDir, url.pathname);
    if (file === undefined) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(await readFile(file.path)), {
      status: 200,
      headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': file.contentType },
    });
  };
}
