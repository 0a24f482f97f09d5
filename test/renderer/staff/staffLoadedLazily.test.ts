import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RENDERER = fileURLToPath(new URL('../../../renderer/', import.meta.url));
const STAFF = join(RENDERER, 'staff');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /\.(ts|vue)$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
}

/** The modules a file imports statically (`import … from`, `import '…'`, `export … from`); `import()` is left out. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"()]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');
}

// The staff console is loaded on demand: nothing outside renderer/staff/ may import it
// statically, or it would ride along in the resident's first screen's JavaScript.
describe('the staff console loads lazily', () => {
  it('finds static imports and leaves dynamic ones', () => {
    expect(staticImports("import A from './staff/A.vue';\nexport { b } from '../staff/b.ts';\nimport './x.css';\nconst C = () => import('./staff/C.vue');\n")).toEqual([
      './staff/A.vue',
      '../staff/b.ts',
      './x.css',
    ]);
  });

  it('no file outside renderer/staff/ imports anything under it statically', async () => {
    const offenders: string[] = [];
    for (const file of await sources(RENDERER)) {
      if (file.startsWith(`${STAFF}/`)) continue;
      for (const target of staticImports(await readFile(file, 'utf8'))) {
        if (target.startsWith('.') && resolve(dirname(file), target).startsWith(`${STAFF}/`)) offenders.push(`${relative(RENDERER, file)} → ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
