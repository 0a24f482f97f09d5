import { z } from 'zod';
import { identityCheckSchema } from '../shared/kioskApi/staffView.ts';
import { count, exitCode, flag, itPath, kioskId, machineName, oneOf, origin } from './logFieldKinds.ts';

/**
 * Every event the kiosk may log, with each field's kind. `logEvent` accepts only these events and
 * fields (the compiler checks call sites; the schema checks values at run time), so a new log
 * line is a reviewed line here, and no free text can reach IT's log files.
 */
export const logEventCatalogue = {
  'kiosk.config_loaded': { path: itPath.nullable(), mode: oneOf(['training', 'live']) },
  'kiosk_core.started': { mode: oneOf(['training', 'live']) },
  'cleanup.failed': { step: machineName, error: machineName },
  'log.file_opened': { folder: itPath, maxBytes: count, files: count },

  'registration.council_error': { operation: machineName, code: machineName, status: count.nullable() },

  'staff.signed_in': { method: oneOf(['device', 'password']) },
  'staff.device_sign_in_ended': { outcome: oneOf(['denied', 'expired', 'cancelled']) },
  'staff.device_poll_failed': { code: machineName },
  'staff.pin_chosen': {},
  'staff.locked': { reason: oneOf(['idle', 'manual']) },
  'staff.unlocked': {},
  'staff.pin_refused': { attemptsRemaining: count },
  'staff.signed_out': { reason: oneOf(['sign_out', 'pin_tries', 'session_expired', 'no_pin']) },

  'kiosk_api.handler_failed': { channel: machineName, error: machineName },
  'kiosk_api.bad_output': { channel: machineName },
  'kiosk_api.forbidden': { channel: machineName, page: machineName },
  'kiosk_api.storage_full': { channel: machineName },

  'assisted.invite_confirmed': { check: identityCheckSchema },

  'web_host.listening': { port: count },
  'web_host.request_failed': { method: machineName },
  'web_host.launch_code_refused': {},

  'electron.start_failed': { error: machineName },
  'electron.ipc_untrusted_sender': { channel: machineName },
  'electron.navigation_denied': { origin },
  'electron.window_open_denied': { origin },
  'electron.permission_denied': { permission: machineName },
  'electron.download_denied': {},
  'electron.shortcut_blocked': { shortcut: machineName },
  'electron.exit_allowed': { reason: oneOf(['diagnostic', 'signal', 'os-session-end']) },
  'electron.close_refused': {},
  'electron.minimise_undone': {},
  'electron.full_screen_restored': {},
  'electron.renderer_gone': { reason: machineName, exitCode: exitCode },
  'electron.renderer_unresponsive': {},
  'electron.gpu_process_gone': { type: machineName, reason: machineName, exitCode: exitCode },
  'electron.child_process_gone': { type: machineName, reason: machineName, exitCode: exitCode },
  'electron.kiosk_reloaded': { reloadsInPeriod: count },
  'electron.out_of_order': { reloads: count, periodMinutes: count },
  'electron.recovery_load_failed': { error: machineName },
  'electron.slip_printed': {},
  'electron.print_failed': { reason: machineName },
  'electron.clear_traces_failed': { cause: machineName, error: machineName },
  'electron.staff_display_missing': { configured: count, connected: count },
  'electron.displays_changed': { change: oneOf(['added', 'removed', 'metrics']), connected: count },
  'electron.staff_window_opened': { display: count },
  'electron.staff_window_closed': { reason: oneOf(['staff_display_removed', 'resident_display_removed', 'displays_overlap']) },
  'electron.resident_window_moved': { display: count },
  'electron.page_load_failed': { page: oneOf(['kiosk', 'staff']), error: machineName },

  'council_simulator.listening': { port: count },
  'council_simulator.request_failed': { error: machineName },
  'council_simulator.handler_failed': { operation: machineName, error: machineName },
  'council_simulator.bad_output': { operation: machineName },

  'store.opened': { cipher: machineName, created: flag },
  'store.migrated': { version: count },
  'store.moved_aside': { files: count, path: itPath },
  'store.moved_aside_reason': { code: machineName },
  'store.high_water_failed': { code: machineName },
  'store.storage_full': {},
  'store.storage_ok': {},
  'store.key_created': { source: oneOf(['safeStorage', 'keyFile']) },
  'store.key_rewrapped': { source: oneOf(['safeStorage', 'keyFile']) },

  'outbox.quarantined': { sequence: count, problems: count },
  'outbox.dead_lettered': { sequence: count, code: machineName, status: count.nullable() },
  'outbox.purged': { deadLetters: count, receipts: count },

  'sync.started': { concurrency: count, startJitterMs: count, requestsPerSecond: count },
  'sync.stopped': {},
  'sync.online': { due: count.optional(), source: oneOf(['os']).optional() },
  'sync.offline': { source: oneOf(['os']).optional() },
  'sync.pump_failed': { code: machineName },
  'sync.record_failed': { items: count, code: machineName },
  'sync.status_failed': { code: machineName },
  'sync.purge_failed': { code: machineName },
  'sync.watchdog_stalled': { sequence: count, session: kioskId },
  'sync.expired': { sequence: count, code: machineName },

  'update.enabled': {},
  'update.downloaded': {},
  'update.installing': {},
  'update.failed': { error: machineName },
} as const satisfies Record<string, z.ZodRawShape>;

/** The name of a catalogued log event. */
export type LogEventName = keyof typeof logEventCatalogue;

/** The fields a catalogued event takes, typed from its declaration. */
export type LogEventFields<E extends LogEventName> = z.input<z.ZodObject<(typeof logEventCatalogue)[E]>>;

const schemas = new Map<string, z.ZodType<Record<string, unknown>>>(
  Object.entries(logEventCatalogue).map(([name, shape]) => [name, z.strictObject(shape)]),
);

/** The result of checking one event's fields: the fields that may be logged, and the names of those refused. */
export interface CheckedLogFields {
  known: boolean;
  fields: Record<string, unknown>;
  refused: string[];
}

/**
 * Checks an event's fields against the catalogue. A field that is not declared, or whose value
 * does not fit its kind, is refused: left out of the line, its name (never its value) reported.
 */
export function checkLogFields(event: string, fields: Record<string, unknown>): CheckedLogFields {
  const schema = schemas.get(event);
  if (schema === undefined) return { known: false, fields: {}, refused: Object.keys(fields) };
  const result = schema.safeParse(fields);
  if (result.success) return { known: true, fields: result.data, refused: [] };
  const refused = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) refused.add(key);
    else refused.add(String(issue.path[0] ?? ''));
  }
  const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => !refused.has(key)));
  return { known: true, fields: kept, refused: [...refused].sort() };
}
