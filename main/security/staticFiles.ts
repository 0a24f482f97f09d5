import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A renderer file found on disk, ready to be served. */
export interface StaticFile {
  path: string;
  contentType: string;
  size: number;
}

/**
 * Maps a URL path to a file inside the built renderer folder. `/` is `index.html`. A path that
 * escapes the folder (`..`, encoded or not), names a folder, has an unknown type or does not
 * exist is `undefined`: the host answers 404. Used by the web host and Electron's protocol.
 */
export async function findStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const path = resolve(join(root, relative));
  if (!path.startsWith(root + sep)) return undefined;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined) return undefined;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, contentType, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
