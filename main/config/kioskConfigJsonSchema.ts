import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { kioskConfigSchema } from '../../shared/kioskConfig.ts';

/** Where the published JSON Schema of `kiosk.json` lives (committed; shipped beside the example). */
export const KIOSK_CONFIG_SCHEMA_FILE = fileURLToPath(new URL('./kiosk.schema.json', import.meta.url));

/**
 * The JSON Schema of `kiosk.json`, generated from the one zod schema (as written: every setting
 * optional, defaults shown), so IT's editors validate the file as they type.
 */
export function kioskConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(kioskConfigSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://council-access-kiosk.invalid/kiosk.schema.json',
    title: 'Council Access Kiosk configuration (kiosk.json)',
  };
}

/** The schema file's text: two-space JSON and a final newline. */
export function kioskConfigJsonSchemaText(): string {
  return `${JSON.stringify(kioskConfigJsonSchema(), null, 2)}\n`;
}

// `npm run config:schema` rewrites the committed file after a change to the zod schema.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(KIOSK_CONFIG_SCHEMA_FILE, kioskConfigJsonSchemaText());
  process.stdout.write(`Wrote ${KIOSK_CONFIG_SCHEMA_FILE}\n`);
}
