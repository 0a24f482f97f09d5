import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFileIn, defaultDataDir, defaultKeyFile } from '../kioskStoragePaths.ts';
import { deadLetters, enrolDevice, moveAside, outboxStatus, retryDead } from './kioskAdminCommands.ts';
import type { DatabaseLocation } from './kioskAdminCommands.ts';
import { readEnrolmentToken } from './enrolmentToken.ts';

const USAGE = `Usage: npm run admin -- COMMAND [options]   (for council IT; the kiosk must be stopped)
  enrol --council-api URL --out FILE [--token-file FILE] [--device-name NAME]  < token.txt
                 enrol this kiosk with the one-time token from standard input (or --token-file);
                 writes its device credential to FILE (mode 0600, created before the council is called)
  status         the queue: waiting, oldest, last delivery, dead letters, audit log check
  dead-letters   list items the council refused for good (codes and times, no personal data)
  retry N        put dead letter #N back in the queue (a new request if the council refused it)
  move-aside     rename aside a database the kiosk cannot open (the kiosk then starts an empty one)
  doctor [--json] [--config FILE] [--set SETTING=VALUE]…
                 check the configuration, key, database, council, disk space and log folder;
                 one line per check; exit status 0 when the kiosk can run, 1 when not
Database options: --data-dir DIR (default ${defaultDataDir()}), --key-file FILE (default ${defaultKeyFile()})`;

/**
 * `npm run admin -- …`: what council IT needs to deploy and look after kiosks without a screen
 * of their own: enrol a kiosk with the council API, and look into (or repair) its queue. Works on
 * kiosks whose database key is a key file (the web host, or Electron with KIOSK_KEY_FILE).
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'council-api': { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      out: { type: 'string' },
      'device-name': { type: 'string' },
      'data-dir': { type: 'string' },
      'key-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      config: { type: 'string' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, argument] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const location: DatabaseLocation = { databasePath: databaseFileIn(dataDir), keyFile: adminKeyFile(values['key-file'], dataDir) };
  switch (command) {
    case 'enrol': {
      if (values.token !== undefined) {
        throw new Error(
          'enrol does not take the token on the command line, where other users see it (ps) and the shell keeps it: ' +
            'pipe it in (npm run admin -- enrol … < token.txt) or use --token-file FILE. The token was not used.',
        );
      }
      if (!values['council-api'] || !values.out) throw new Error('enrol needs --council-api and --out (and the token on standard input or in --token-file)');
      const deviceId = await enrolDevice({
        councilApi: values['council-api'],
        enrolmentToken: await readEnrolmentToken(values['token-file'] !== undefined ? { tokenFile: values['token-file'] === '-' ? '-' : resolve(values['token-file']) } : {}),
        outFile: resolve(values.out),
        ...(values['device-name'] ? { deviceName: values['device-name'] } : {}),
      });
      process.stdout.write(`Enrolled as device ${deviceId}; credential written to ${resolve(values.out)}\n`);
      return 0;
    }
    case 'status':
      for (const [key, value] of Object.entries(await outboxStatus(location))) process.stdout.write(`${key}: ${value ?? '-'}\n`);
      return 0;
    case 'dead-letters': {
      const lines = await deadLetters(location);
      process.stdout.write(lines.length === 0 ? 'No dead letters.\n' : `${lines.join('\n')}\n`);
      return 0;
    }
    case 'retry': {
      const sequence = Number(argument);
      if (!Number.isInteger(sequence) || sequence < 1) throw new Error('retry needs the dead letter\'s number, e.g. "retry 12"');
      const done = await retryDead(location, sequence);
      process.stdout.write(done !== undefined ? `${done}\n` : `There is no dead letter #${sequence}.\n`);
      return done !== undefined ? 0 : 1;
    }
    case 'move-aside':
      for (const line of await moveAside(location)) process.stdout.write(`${line}\n`);
      return 0;
    case 'doctor': {
      // Loaded for this command only, so the others start as fast as before.
      const [{ runDoctor }, { formatDoctorReport }] = await Promise.all([import('./doctor/runDoctor.ts'), import('./doctor/doctorCheck.ts')]);
      const report = await runDoctor({
        ...(values.config !== undefined ? { configFile: resolve(values.config) } : {}),
        set: [...(values['key-file'] !== undefined ? [`storage.keyFile=${resolve(values['key-file'])}`] : []), ...(values.set ?? [])],
        ...(values['data-dir'] !== undefined ? { defaultDataDir: dataDir } : {}),
      });
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
      return report.ok ? 0 : 1;
    }
    default:
      process.stdout.write(`Unknown command "${command}".\n${USAGE}\n`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`kiosk admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * The key file the queue commands open: IT's, else the default; else, for an install from before
 * the key moved out of the data folder, the key still there, with a note to move it. The kiosk
 * itself refuses that place; IT's repair tool still works on such a kiosk, so it can be looked
 * after before the key is moved.
 */
function adminKeyFile(given: string | undefined, dataDir: string): string {
  if (given !== undefined) return resolve(given);
  const keyFile = defaultKeyFile();
  const old = join(dataDir, 'kiosk-db.key');
  if (existsSync(keyFile) || !existsSync(old)) return keyFile;
  process.stderr.write(`Note: using the key in the data folder (${old}); the kiosk will not start until it is moved to ${keyFile}.\n`);
  return old;
}
