import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type SchemaObject } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  it('matches electron-builder\'s own schema and packages the built app only', async () => {
    const config = load(await readFile(`${ROOT}/electron-builder.yml`, 'utf8')) as Record<string, unknown>;
    const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as SchemaObject;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? null).toBeNull();
    expect(valid).toBe(true);
    expect(config.files).toContain('dist/main/**/*');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
  });

  it('points package.json main at the compiled Electron entry', async () => {
    const pkg = JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as { main?: unknown };
    expect(pkg.main).toBe('dist/main/main/electron/electronMain.js');
  });
});
