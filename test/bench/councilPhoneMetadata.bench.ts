import { gzipSync } from 'node:zlib';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import { parsePhoneNumber } from '../../shared/phoneNumber.ts';
import { report } from './benchReport.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Bundles one entry the way the renderer is built (vite, minified) and returns its size.
async function bundleSize(source: string): Promise<{ raw: number; gzip: number }> {
  // Inside the project (under dist/, which git ignores) so the entry resolves node_modules.
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'dist', 'bench-phone-bundle-'));
  try {
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, source);
    await build({
      root: ROOT,
      logLevel: 'silent',
      configFile: false,
      build: { outDir: join(dir, 'out'), emptyOutDir: true, lib: { entry, formats: ['es'], fileName: 'entry' }, minify: true, write: true },
    });
    let raw = 0;
    let gzip = 0;
    for (const file of await readdir(join(dir, 'out'))) {
      const bytes = await readFile(join(dir, 'out', file));
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
    }
    return { raw, gzip };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What `shared/phoneNumber.ts` costs: the renderer bundle it adds (libphonenumber-js/max, the
 * full metadata needed to tell mobiles from landlines, against the default `min` build), and
 * how fast it reads a typed number (it runs on every keystroke).
 */
export async function run(): Promise<void> {
  const entry = (build: string) =>
    `import { parsePhoneNumberWithError } from 'libphonenumber-js/${build}';\n` +
    `const p = parsePhoneNumberWithError('01603 222222', 'GB');\nconsole.log(p.getType(), p.isValid(), p.formatNational());\n`;
  const max = await bundleSize(entry('max'));
  const min = await bundleSize(entry('min'));
  report({ name: 'phone_number.libphonenumber_max_gzip', value: Math.round(max.gzip / 1024), unit: 'KiB' });
  report({ name: 'phone_number.libphonenumber_max_minified', value: Math.round(max.raw / 1024), unit: 'KiB' });
  report({ name: 'phone_number.libphonenumber_min_gzip_for_comparison', value: Math.round(min.gzip / 1024), unit: 'KiB' });

  const typed = ['07911 123456', '01603 222222', '+44 (0)20 7946 0018', '0800 123 4567', 'not a number'];
  const rounds = 20_000;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) parsePhoneNumber(typed[i % typed.length]!);
  report({ name: 'phone_number.parse', value: Math.round(rounds / ((performance.now() - start) / 1000)), unit: 'numbers/s', target: '> 1000 (one per keystroke)' });
}
