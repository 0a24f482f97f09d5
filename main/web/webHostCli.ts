import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rendererDistDir } from '../appPaths.ts';
import { startKioskCore } from '../kioskCore.ts';
import { startWebHost } from './webHost.ts';

/**
 * `npm run web -- --port N [--services FILE] [--static-dir DIR]`: runs the kiosk's main services
 * in plain Node and serves the renderer to a browser on 127.0.0.1. Prints
 * `Kiosk: http://127.0.0.1:PORT/#token=…` once ready; stops cleanly on Ctrl+C or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      services: { type: 'string' },
      'static-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('Usage: npm run web -- [--port N] [--services FILE] [--static-dir DIR]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const staticDir = values['static-dir'] !== undefined ? resolve(values['static-dir']) : rendererDistDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`No built renderer in ${staticDir}: run "npm run build:renderer" first`);
  }
  const core = await startKioskCore(
    values.services !== undefined ? { serviceCatalogPath: resolve(values.services) } : {},
  );
  const host = await startWebHost({ core, staticDir, port });
  process.stdout.write(`Kiosk: ${host.kioskUrl}\n`);

  const stop = (): void => {
    void host.close().then(() => core.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Kiosk web host could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
