import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type SchemaObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { KIOSK_CONFIG_SCHEMA_FILE, kioskConfigJsonSchemaText } from '../../../main/config/kioskConfigJsonSchema.ts';

const EXAMPLE = fileURLToPath(new URL('../../../main/electron/build/kiosk.example.json', import.meta.url));

describe('kiosk.schema.json', () => {
  it('is the committed output of the zod schema (run "npm run config:schema" after changing shared/kioskConfig.ts)', async () => {
    expect(await readFile(KIOSK_CONFIG_SCHEMA_FILE, 'utf8')).toBe(kioskConfigJsonSchemaText());
  });

  it("lets an editor accept the complete example and catch the mistakes the kiosk refuses", async () => {
    const schema = JSON.parse(await readFile(KIOSK_CONFIG_SCHEMA_FILE, 'utf8')) as SchemaObject;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const example = JSON.parse(await readFile(EXAMPLE, 'utf8')) as Record<string, unknown>;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, idle: { warningSeconds: 10 } })).toBe(false);
    expect(validate({ ...example, staff: { entyr: true } })).toBe(false);
    expect(validate({ ...example, log: { files: 'five' } })).toBe(false);
  });
});
