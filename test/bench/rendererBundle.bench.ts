import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { report } from './benchReport.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The renderer's initial JavaScript, gzipped: the entry script and every module it preloads,
 * i.e. what Chromium must fetch and parse before the welcome screen works. Lazily loaded screens
 * are not counted, nor is the caseworker's console, loaded only on a staff page (its own chunk,
 * reported beside). Target: under 120 KB.
 */
export async function run(): Promise<void> {
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'silent' });
  const dist = join(ROOT, 'dist/renderer');
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  let gzipped = 0;
  let raw = 0;
  for (const src of new Set(scripts)) {
    const bytes = await readFile(join(dist, src.replace(/^\//, '')));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  report({ name: 'renderer.initial_js_gzip', value: Math.round(gzipped / 102.4) / 10, unit: 'KB', target: '< 120' });
  report({ name: 'renderer.initial_js_raw', value: Math.round(raw / 102.4) / 10, unit: 'KB' });
  report({ name: 'renderer.initial_js_files', value: new Set(scripts).size, unit: 'files' });
  const staffChunks = (await readdir(join(dist, 'assets'))).filter((file) => /^StaffConsoleRoot-.*\.js$/.test(file));
  const inInitial = staffChunks.filter((file) => scripts.some((src) => src.endsWith(file)));
  let staffGzipped = 0;
  for (const file of staffChunks) staffGzipped += gzipSync(await readFile(join(dist, 'assets', file)), { level: 9 }).length;
  report({ name: 'renderer.staff_console_js_gzip', value: Math.round(staffGzipped / 102.4) / 10, unit: 'KB' });
  report({ name: 'renderer.staff_console_in_initial_js', value: inInitial.length, unit: 'files', target: '0' });
}
