/**
 * The machine-wide configuration council IT writes once per kiosk: `kiosk.json` in the system
 * folder (Linux `/etc/council-access-kiosk/`, Windows `%ProgramData%\Council Access Kiosk\`),
 * or the file `KIOSK_CONFIG` names. Published as `main/config/kiosk.schema.json` (generated from
 * this schema) so IT's editors validate as they type.
 *
 * Strict everywhere: an unknown setting is an error, so a typo never passes silently. Every
 * setting is optional; absent ones take the defaults shown here (or, for the mode, the kiosk
 * decides: training when nothing live is configured).
 */
import { z } from 'zod';

/** An absolute path on Linux (`/…`) or Windows (`C:\…`, `\\server\…`): the kiosk runs as a service, so a relative path would depend on its working folder. */
const absolutePath = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^(?:\/|[A-Za-z]:[\\/]|\\\\)/, 'must be an absolute path (such as /var/lib/… or C:\\ProgramData\\…)')
  .describe('An absolute path.');

/** A council server's address: `https:` (the kiosk refuses `http:` for a live council at start, except a local simulator in development). */
const serverUrl = z.url({ protocol: /^https?$/, error: 'is not an http(s) address such as "https://council.example/"' }).max(2000);

/** An address the kiosk runs code from: `https:` only, so nobody on the network can serve it an "update". */
const httpsUrl = z.url({ protocol: /^https$/, error: 'is not an https address such as "https://updates.council.example/kiosk/"' }).max(2000);

/** The idle times when IT sets none: two minutes without a touch, then 30 seconds to answer. */
export const DEFAULT_IDLE_SETTINGS = { timeoutSeconds: 120, warningSeconds: 30 } as const;

/** Idle times of the resident's screens (WCAG 2.2.1: the warning gives at least 20 seconds). */
export const idleSettingsSchema = z
  .strictObject({
    timeoutSeconds: z.int().min(30).max(1800).default(DEFAULT_IDLE_SETTINGS.timeoutSeconds).describe('Seconds without a touch or key before the kiosk warns the resident.'),
    warningSeconds: z.int().min(20).max(300).default(DEFAULT_IDLE_SETTINGS.warningSeconds).describe('Seconds the warning gives to continue before the session ends (at least 20).'),
  })
  .describe('When an unattended session ends.');

/** The staff entry and the caseworker's screen. */
export const staffSettingsSchema = z
  .strictObject({
    entry: z.boolean().default(true).describe('Whether the Staff entry shows on the welcome screen.'),
    lockSeconds: z.int().min(30).max(3600).default(300).describe('Seconds without use before the staff screen locks.'),
    display: z
      .int()
      .nonnegative()
      .optional()
      .describe("The staff window's display, by the operating system's display id (the doctor lists them); absent: the primary display."),
  })
  .describe('The staff entry and their screen.');

/**
 * The sync engine's pacing when IT sets none: sized so that 200 kiosks coming back online
 * together, 5 setups each, finish within 1.5 × the ideal time against a council limited to 50
 * requests a second (the fleet benchmark), with no tuning per site.
 */
export const SYNC_PACING_DEFAULTS = { requestsPerSecond: 1.5, concurrency: 4, startJitterSeconds: 25 } as const;

/** How the sync engine paces deliveries to the council (see SyncEngineOptions). */
export const syncSettingsSchema = z
  .strictObject({
    requestsPerSecond: z.number().gt(0).max(50).default(SYNC_PACING_DEFAULTS.requestsPerSecond).describe("This kiosk's share of the council's capacity: at most this many requests start per second."),
    concurrency: z.int().min(1).max(16).default(SYNC_PACING_DEFAULTS.concurrency).describe('Deliveries in flight at once.'),
    startJitterSeconds: z.int().min(0).max(3600).default(SYNC_PACING_DEFAULTS.startJitterSeconds).describe('Nothing is sent for a random time up to this long after start or reconnection.'),
  })
  .describe('Delivery pacing to the council.');

/** Updates from a council-hosted server: off unless `url` is set. */
export const updateSettingsSchema = z
  .strictObject({
    url: httpsUrl.optional().describe('The council-hosted update server (https; electron-updater "generic" provider); absent: updates are off.'),
    hour: z.int().min(0).max(23).optional().describe('Also apply a waiting update at this hour (local time) when nobody is using the kiosk.'),
  })
  .describe('Updates: checked and applied only at the welcome screen with nobody using the kiosk.');

/** The idle times, defaults filled in. */
export type IdleSettings = z.output<typeof idleSettingsSchema>;

/** Where IT's log files go and how much room they take. */
export const logSettingsSchema = z
  .strictObject({
    folder: absolutePath.optional().describe("The log folder; absent: the kiosk's data folder's `logs`."),
    maxFileMegabytes: z.int().min(1).max(100).default(10).describe('A log file is closed and a new one begun at this size.'),
    files: z.int().min(2).max(50).default(5).describe('How many log files are kept in all (older ones are removed).'),
  })
  .describe('The JSON-lines log files IT collects.');

/** The whole `kiosk.json`. */
export const kioskConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows, for editors.'),
    mode: z.enum(['training', 'live']).optional().describe('training (the embedded simulator) or live (the council API); absent: training unless live settings are given.'),
    deviceName: z
      .string()
      .regex(/^[A-Za-z0-9][\w .:-]{0,79}$/, 'must be 1–80 letters, digits, spaces or . _ : -')
      .optional()
      .describe("The kiosk's name on every log line (default: the computer's name)."),
    council: z
      .strictObject({
        apiUrl: serverUrl.optional().describe('The council API address (https).'),
        deviceCredentialFile: absolutePath.optional().describe("The file with this kiosk's device credential, written by `admin enrol` (mode 0600)."),
      })
      .optional()
      .describe('The live council API.'),
    storage: z
      .strictObject({
        dataDir: absolutePath.optional().describe('The folder of the encrypted database.'),
        keyFile: absolutePath.optional().describe("The database key file (mode 0600); absent: the OS keychain (Electron) or the data folder's key file (web host)."),
      })
      .optional()
      .describe('Where the data and its key live.'),
    serviceDefinitions: absolutePath.optional().describe('A service-definition file; absent: the shipped Norfolk example.'),
    idle: idleSettingsSchema.default(DEFAULT_IDLE_SETTINGS),
    staff: staffSettingsSchema.default({ entry: true, lockSeconds: 300 }),
    printer: z.string().min(1).max(200).optional().describe("The operating system's name of the slip printer; absent: no printing."),
    sync: syncSettingsSchema.default(SYNC_PACING_DEFAULTS),
    updates: updateSettingsSchema.default({}),
    log: logSettingsSchema.default({ maxFileMegabytes: 10, files: 5 }),
  })
  .superRefine((config, context) => {
    if (config.idle.warningSeconds >= config.idle.timeoutSeconds) {
      context.addIssue({
        code: 'custom',
        path: ['idle', 'warningSeconds'],
        message: `${config.idle.warningSeconds} must be shorter than idle.timeoutSeconds (${config.idle.timeoutSeconds})`,
      });
    }
  })
  .describe('Council Access Kiosk: machine-wide configuration (kiosk.json), written by council IT.');

/** The validated configuration, defaults filled in. */
export type KioskConfig = z.output<typeof kioskConfigSchema>;

/** The configuration as written in `kiosk.json` (every setting optional). */
export type KioskConfigFile = z.input<typeof kioskConfigSchema>;
