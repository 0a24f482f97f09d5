import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKioskCore } from '../../main/kioskCore.ts';
import type { KioskCore, KioskCoreOptions } from '../../main/kioskCore.ts';
import { explicitKeyProvider } from '../../main/store/databaseKey.ts';

/**
 * The kiosk core as the hosts start it, in training mode (the embedded council API simulator),
 * with a real encrypted database in a fresh temp folder and an explicit key.
 */
export async function startTestCore(options: Partial<KioskCoreOptions> = {}): Promise<KioskCore> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-core-'));
  return startKioskCore({ databasePath: join(dir, 'kiosk.db'), keyProvider: explicitKeyProvider(randomBytes(32)), ...options });
}
