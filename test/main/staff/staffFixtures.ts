import { expect } from 'vitest';
import { KioskCallError } from '../../../main/kioskApi/kioskCallError.ts';
import { setLogSink } from '../../../main/log.ts';
import { StaffSession } from '../../../main/staff/staffSession.ts';
import type { StaffSessionDeps } from '../../../main/staff/staffSession.ts';
import type { KioskErrorCode } from '../../../shared/kioskApi/kioskResult.ts';
import { staffSessionViewSchema } from '../../../shared/kioskApi/staffView.ts';
import type { Harness } from '../council/simulatorHarness.ts';

/** A clock that stands still until the test moves it; starts at the real time, so the council's `expiresAt` makes sense. */
export function movableClock(): { now: () => number; advance: (ms: number) => void } {
  let time = Date.now();
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** A staff session against the harness's simulator, on the given clock; closed by `sessions.closeAll()`. */
export function staffSessions(harness: () => Harness) {
  const open: StaffSession[] = [];
  return {
    open(deps: Partial<StaffSessionDeps> = {}): StaffSession {
      const session = new StaffSession({ council: () => harness().client, lockSeconds: 300, ...deps });
      open.push(session);
      return session;
    },
    closeAll(): void {
      for (const session of open.splice(0)) session.close();
    },
  };
}

/** Every log line written from now on, parsed. */
export function capturedLog(): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  setLogSink((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return lines;
}

/** Runs a call that must fail with a `KioskCallError` of this code, and returns it. */
export async function expectKioskError(call: Promise<unknown> | (() => unknown), code: KioskErrorCode): Promise<KioskCallError> {
  const error = await (typeof call === 'function' ? Promise.resolve().then(call) : call).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskCallError);
  expect((error as KioskCallError).code).toBe(code);
  return error as KioskCallError;
}

/** The session's view, checked against the staff view contract. */
export function checkedView(session: StaffSession) {
  return staffSessionViewSchema.parse(session.view());
}
