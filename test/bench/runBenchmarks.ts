import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- NAME…]`: runs every `test/bench/*.bench.ts` (or those whose file name
 * contains one of the NAMEs), one after another, each printing JSON lines
 * `{ "name", "value", "unit" }` (plus `ratio` and `target` where they apply).
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

for (const file of files) {
  const bench = (await import(new URL(file, import.meta.url).href)) as { run(): Promise<void> };
  await bench.run();
}
