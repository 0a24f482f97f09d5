import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rendererDistDir } from '../appPaths.ts';
import { launchSettingsOf, logFileOptionsOf, syncPacingOf } from '../config/kioskConfigParts.ts';
import { loadKioskConfig } from '../config/loadKioskConfig.ts';
import { WEB_HOST_SETTING_NAMES, launchOptionsOf, resolveKioskLaunch, startKioskLaunch } from '../kioskLaunch.ts';
import { defaultDataDir, defaultKeyFile } from '../kioskStoragePaths.ts';
import { closeLogFile, logEvent, openLogFile } from '../log.ts';
import { startWebHost } from './webHost.ts';

const USAGE = `Usage: npm run web -- [options]
  --port N                   port on 127.0.0.1 (0: any free port; default 0)
  --data-dir DIR             where the encrypted database lives (default ${defaultDataDir()});
                             training mode keeps a temporary one instead
  --key-file FILE            the database key file (default ${defaultKeyFile()}, made on first
                             start, mode 0600; outside DIR, so a copy of DIR cannot decrypt itself)
  --training                 training mode (the default when no live setting is given)
  --council-api URL          a real council API (https:); without it the kiosk runs in training mode
  --device-credential-file F this kiosk's device credential for the council API (with --council-api)
  --allow-insecure-loopback  developers only: accept an http: council API on 127.0.0.1/localhost
  --services FILE            a service-definition file (default: the Norfolk example)
  --static-dir DIR           the built renderer (default dist/renderer)
  --config FILE              IT's kiosk.json (default: KIOSK_CONFIG, else the system location);
                             the options above override its settings
  --set SETTING=VALUE        override one setting of kiosk.json (repeatable), e.g. --set idle.warningSeconds=45

Signals: SIGINT or SIGTERM stop it; SIGUSR2 prints a "Diagnostics: {…}" line of counts (open
event streams, resident sessions, timers, memory), never anything of a resident.`;

/**
 * `npm run web -- …`: runs the kiosk's main services in plain Node and serves the renderer to a
 * browser on 127.0.0.1. Prints `Kiosk: http://127.0.0.1:PORT/?launch=…` once ready (open it
 * once, in the kiosk's browser: the launch code works one time), then `Staff: …/staff/?staff=…` for a
 * caseworker's second window (its own one-time code and cookie) (and, in
 * training mode, `Council API (training): http://127.0.0.1:PORT`); stops cleanly on Ctrl+C or
 * SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'key-file': { type: 'string' },
      training: { type: 'boolean', default: false },
      'council-api': { type: 'string' },
      'device-credential-file': { type: 'string' },
      'allow-insecure-loopback': { type: 'boolean', default: false },
      services: { type: 'string' },
      'static-dir': { type: 'string' },
      config: { type: 'string' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
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
  const loaded = await loadKioskConfig({ ...(values.config !== undefined ? { configFile: values.config } : {}), set: values.set ?? [] });
  // The command line wins over IT's file, setting by setting.
  const plan = resolveKioskLaunch(
    {
      ...launchSettingsOf(loaded.config),
      ...launchOptionsOf({
        mode: values.training ? 'training' : undefined,
        councilApiUrl: values['council-api'],
        deviceCredentialFile: values['device-credential-file'],
        dataDir: values['data-dir'],
        keyFile: values['key-file'],
        serviceCatalogPath: values.services,
        allowInsecureLoopback: values['allow-insecure-loopback'],
      }),
    },
    { defaultDataDir: defaultDataDir(), defaultKey: { keyFile: defaultKeyFile() }, names: WEB_HOST_SETTING_NAMES },
  );
  // A live kiosk logs to files IT collects; training keeps to standard error unless IT names a folder.
  if (plan.mode === 'live' || loaded.config.log.folder !== undefined) {
    await openLogFile(logFileOptionsOf(loaded.config, plan.mode === 'live' ? dirname(plan.databasePath) : defaultDataDir()));
  }
  logEvent('kiosk.config_loaded', { path: loaded.path, mode: plan.mode });
  // Training delivers at once to its own simulator; a live kiosk paces itself as IT set.
  const kiosk = await startKioskLaunch(plan, {
    core: { idle: loaded.config.idle, staff: loaded.config.staff, ...(plan.mode === 'live' ? { sync: syncPacingOf(loaded.config) } : {}) },
  });
  const { core } = kiosk;
  const host = await startWebHost({ core, staticDir, port });
  process.stdout.write(`Kiosk: ${host.launchUrl}\n`);
  process.stdout.write(`Staff: ${host.staffUrl}\n`);
  if (core.training !== undefined) process.stdout.write(`Council API (training): ${core.training.simulator.url}\n`);

  const stop = (): void => {
    void host
      .close()
      .then(() => kiosk.close())
      .then(() => closeLogFile())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // For IT and the soak benchmark: counts only, never anything of a resident.
  process.on('SIGUSR2', () => {
    const timers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const { sessions, timers: sessionTimers } = core.openSessions();
    const figures = { openStreams: host.openStreams(), residentSessions: sessions, sessionTimers, timers, rssBytes: process.memoryUsage().rss };
    process.stdout.write(`Diagnostics: ${JSON.stringify(figures)}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Kiosk web host could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
