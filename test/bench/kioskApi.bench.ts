import { performance } from 'node:perf_hooks';
import { startTestCore } from '../main/kioskCoreFixture.ts';
import { report } from './benchReport.ts';

/** Validated kiosk API calls per second through the one dispatcher (zod in and out). */
export async function run(): Promise<void> {
  const core = await startTestCore();
  const calls = 20_000;
  const start = performance.now();
  for (let i = 0; i < calls; i++) await core.dispatcher.dispatch('invite:check-format', { code: 'K7QM-3XPD-9WT8' });
  const seconds = (performance.now() - start) / 1000;
  report({ name: 'kiosk_api.dispatch_validated_calls', value: Math.round(calls / seconds), unit: 'calls/s' });
  await core.close();
}
