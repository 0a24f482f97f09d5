import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The made-up files below exist in no TypeScript project, so they are linted without type
// information; the layering rule needs none.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: [{ files: ['**/Bad.ts'], ...tseslint.configs.disableTypeChecked }] });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'kiosk/layers').map((m) => m.message);
}

describe('kiosk/layers lint rule', () => {
  it.each([
    ['renderer/views/Bad.ts', "import { app } from 'electron';\nexport const a = app;\n", 'may not import "electron"'],
    ['renderer/views/Bad.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;\n", 'may not import "node:fs"'],
    ['renderer/views/Bad.ts', "import { logEvent } from '../../main/log.ts';\nexport const a = logEvent;\n", 'renderer/ must not import from main/'],
    ['main/web/Bad.ts', "import { createApp } from 'vue';\nexport const a = createApp;\n", 'may not import "vue"'],
    ['main/web/Bad.ts', "import { i18n } from '../../renderer/i18n.ts';\nexport const a = i18n;\n", 'main/ must not import from renderer/'],
    ['main/web/Bad.ts', "export { i18n } from '../../renderer/i18n.ts';\n", 'main/ must not import from renderer/'],
    ['main/web/Bad.ts', "export const a = await import('../../renderer/i18n.ts');\n", 'main/ must not import from renderer/'],
    ['shared/Bad.ts', "import got from 'got';\nexport const a = got;\n", 'may not import "got"'],
    ['shared/Bad.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;\n", 'may not import "node:fs"'],
    ['shared/Bad.ts', "import { logEvent } from '../main/log.ts';\nexport const a = logEvent;\n", 'shared/ must not import from main/'],
    ['shared/Bad.ts', "import { defineStore } from 'pinia';\nexport const a = defineStore;\n", 'may not import "pinia"'],
    ['main/web/Bad.ts', "import leftPad from 'left-pad';\nexport const a = leftPad;\n", 'not on the main allow-list'],
    ['main/store/Bad.ts', "import { safeStorage } from 'electron';\nexport const a = safeStorage;\n", '"electron" may be imported only under main/electron/'],
    ['main/store/Bad.ts', "import type { SafeStorage } from 'electron';\nexport type A = SafeStorage;\n", '"electron" may be imported only under main/electron/'],
    ['main/Bad.ts', "export const a = await import('electron/main');\n", '"electron/main" may be imported only under main/electron/'],
  ])('%s: catches %j', async (file, code, expected) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['main/electron/Ok.ts', "import { app } from 'electron';\nimport type { SafeStorage } from 'electron';\nexport const a: [typeof app, SafeStorage | undefined] = [app, undefined];\n"],
    ['main/web/Ok.ts', "import { z } from 'zod';\nimport got from 'got';\nimport { readFile } from 'node:fs';\nimport { ok } from '../../shared/kioskApi/kioskResult.ts';\nexport const a = [z, got, readFile, ok];\n"],
    ['renderer/Ok.ts', "import { ref } from 'vue';\nimport { defineStore } from 'pinia';\nimport { ok } from '../shared/kioskApi/kioskResult.ts';\nexport const a = [ref, defineStore, ok];\n"],
    ['shared/Ok.ts', "import { z } from 'zod';\nimport { ok } from './kioskApi/kioskResult.ts';\nexport const a = [z, ok];\n"],
  ])('%s: allows what the zone may use', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('finds no violation in the real tree', async () => {
    const results = await eslint.lintFiles(['main', 'renderer', 'shared']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'kiosk/layers').map((m) => `${r.filePath}: ${m.message}`));
    expect(violations).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
    // Linting the whole tree takes over 20 s on a busy two-core build machine.
  }, 90_000);
});
