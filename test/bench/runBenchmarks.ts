import { performance } from 'node:perf_hooks';
import { startKioskCore } from '../../main/kioskCore.ts';

/**
 * `npm run bench`: prints one JSON line per figure, `{ "name", "value", "unit" }`, plus `ratio`
 * and `target` where a figure has them. Benchmarks never fail a build; they are read by people.
 */
function report(figure: { name: string; value: number; unit: string; ratio?: number; target?: string }): void {
  process.stdout.write(JSON.stringify(figure) + '\n');
}

async function dispatcherCallsPerSecond(): Promise<void> {
  const core = await startKioskCore();
  const calls = 20_000;
  const start = performance.now();
  for (let i = 0; i < calls; i++) await core.dispatcher.dispatch('invite:check-format', { code: 'K7QM-3XPD-9WT8' });
  const seconds = (performance.now() - start) / 1000;
  report({ name: 'kiosk_api.dispatch_validated_calls', value: Math.round(calls / seconds), unit: 'calls/s' });
  await core.close();
}

await dispatcherCallsPerSecond();
