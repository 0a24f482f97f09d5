import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The kiosk's package folder (the one holding its `package.json`), found by walking up from this
 * file. It works from the sources (`main/`), from the compiled `dist/main/…` and inside an
 * Electron `app.asar`, which all keep `package.json` at the top.
 */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
}

/** The built renderer, produced by `npm run build:renderer`. */
export function rendererDistDir(packageRoot: string = findPackageRoot()): string {
  return join(packageRoot, 'dist', 'renderer');
}
