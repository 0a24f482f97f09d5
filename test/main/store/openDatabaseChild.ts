import { parseArgs } from 'node:util';
import { setLogSink } from '../../../main/log.ts';
import { keyFileProvider } from '../../../main/store/databaseKey.ts';
import { openKioskDatabase } from '../../../main/store/kioskDatabase.ts';

// Starts the kiosk's database as the kiosk does, in its own process (so a test can run it as
// another user), and prints what happened as one JSON line: {"ok":true} or the error's name,
// code and message.

setLogSink(() => undefined);
const { values } = parseArgs({ options: { db: { type: 'string' }, 'key-file': { type: 'string' } } });
try {
  const database = await openKioskDatabase({ path: values.db ?? '', keyProvider: keyFileProvider(values['key-file'] ?? '') });
  database.close();
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (error) {
  const e = error as Error & { code?: string };
  process.stdout.write(`${JSON.stringify({ ok: false, name: e.name, code: e.code, message: e.message })}\n`);
}
