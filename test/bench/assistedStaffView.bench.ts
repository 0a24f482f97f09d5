import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setLogSink } from '../../main/log.ts';
import { startWebHost } from '../../main/web/webHost.ts';
import { simulatorOf } from '../main/assisted/assistedFixture.ts';
import { startTestCore } from '../main/kioskCoreFixture.ts';
import { cookieFor, httpCall, openEventStream } from '../main/web/webHostClient.ts';
import type { EventStream } from '../main/web/webHostClient.ts';
import { percentile } from './benchKiosk.ts';
import { report } from './benchReport.ts';

/**
 * Resident action → staff view updated, over real HTTP and SSE on 127.0.0.1: the resident's
 * page makes a kiosk API call with the kiosk cookie, and the clock stops when the staff page's
 * event stream delivers the `staff:view` that shows it. Two actions: typing reports (many), and
 * the e-mail code steps (send, wrong codes: each costs a try the console shows).
 */
export async function run(): Promise<void> {
  // The figures are the only output: the kiosk's own log lines would interleave with them.
  const previousSink = setLogSink(() => {});
  const staticDir = join(await mkdtemp(join(tmpdir(), 'kiosk-static-')), 'renderer');
  await mkdir(staticDir, { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const core = await startTestCore();
  const host = await startWebHost({ core, staticDir, port: 0 });
  const kiosk = await cookieFor(host, host.launchUrl);
  const staff = await cookieFor(host, host.staffUrl);
  const kioskStream = await openEventStream(host, kiosk);
  const staffStream = await openEventStream(host, staff);
  try {
    const { caseworker, invites } = simulatorOf(core).seed;
    const invite = invites.find((i) => i.email === 'jane.smith@example.org')!;
    const must = async (cookie: string, channel: string, input: unknown): Promise<unknown> => {
      const result = await httpCall(host, cookie, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error?.code ?? 'failed'}`);
      return result.value;
    };
    await must(staff, 'staff:sign-in-password', { staffId: caseworker.staffId, password: caseworker.password });
    await must(staff, 'staff:pin-choose', { pin: '8642' });
    await must(staff, 'assisted:start', { inviteId: invite.inviteId });
    const { session } = (await must(kiosk, 'assisted:join', {})) as { session: string };
    await must(staff, 'assisted:confirm-invite', { inviteCode: invite.inviteCode, check: 'photo_id_seen' });

    const timeTo = async (action: () => Promise<unknown>, shown: string, stream: EventStream): Promise<number> => {
      const from = stream.events.length;
      const start = performance.now();
      await action();
      const event = await stream.next((e) => e.channel === 'staff:view' && e.data.includes(shown), from);
      return event.at - start;
    };

    const typing: number[] = [];
    const fields = ['email', 'password', 'name', 'phone_number'] as const;
    for (let i = 0; i < 400; i++) {
      const field = fields[i % fields.length]!;
      typing.push(await timeTo(() => must(kiosk, 'assisted:typing', { session, field }), `"typing":"${field}"`, staffStream));
    }
    const codeSteps: number[] = [];
    codeSteps.push(await timeTo(() => must(kiosk, 'email:send-code', { session, email: invite.email }), '"attemptsRemaining":5', staffStream));
    for (let left = 4; left >= 1; left--) {
      codeSteps.push(await timeTo(() => httpCall(host, kiosk, 'email:verify-code', { session, code: '000000' }), `"attemptsRemaining":${left}`, staffStream));
    }
    for (const [name, samples] of [
      ['assisted.staff_view_after_typing', typing],
      ['assisted.staff_view_after_email_code_step', codeSteps],
    ] as const) {
      const sorted = [...samples].sort((a, b) => a - b);
      report({ name: `${name}_p50`, value: Math.round(percentile(sorted, 50) * 10) / 10, unit: 'ms' });
      report({ name: `${name}_p95`, value: Math.round(percentile(sorted, 95) * 10) / 10, unit: 'ms', target: '< 100 ms' });
    }
  } finally {
    kioskStream.close();
    staffStream.close();
    await host.close();
    await core.close();
    setLogSink(previousSink);
  }
}
