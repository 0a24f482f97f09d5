/**
 * One line of `admin doctor`: a part of the kiosk, whether it is fine, and if not what to do.
 * `warn` is a problem that does not stop the kiosk (a clock a few minutes out, http to a local
 * simulator); `skip` is a check that does not apply (training mode) or needs the running kiosk.
 */
export type DoctorStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The result of one check. */
export interface DoctorCheck {
  name: string;
  status: DoctorStatus;
  /** What was found, in a sentence. */
  detail: string;
  /** What IT should do (on `warn` and `fail`). */
  remedy?: string;
}

/** A check's result, built in one expression. */
export function check(name: string, status: DoctorStatus, detail: string, remedy?: string): DoctorCheck {
  return remedy === undefined ? { name, status, detail } : { name, status, detail, remedy };
}

/** The doctor's report: every check, and whether the kiosk can run (no check failed). */
export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

/** A report from its checks. */
export function doctorReport(checks: DoctorCheck[]): DoctorReport {
  return { ok: checks.every((one) => one.status !== 'fail'), checks };
}

const LABEL: Record<DoctorStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/** The report as text, one line per check: `FAIL  database  …  Fix: …`. */
export function formatDoctorReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((one) => one.name.length));
  const lines = report.checks.map(
    (one) => `${LABEL[one.status]}  ${one.name.padEnd(width)}  ${one.detail.replace(/\s*\n\s*/g, '; ')}${one.remedy ? `  Fix: ${one.remedy}` : ''}`,
  );
  const failed = report.checks.filter((one) => one.status === 'fail').length;
  lines.push(report.ok ? 'The kiosk is ready to run.' : `${failed} check${failed === 1 ? '' : 's'} failed: the kiosk will not run until ${failed === 1 ? 'it is' : 'they are'} fixed.`);
  return `${lines.join('\n')}\n`;
}
