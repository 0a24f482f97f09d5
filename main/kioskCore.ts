import { hostname } from 'node:os';
import { cleanDeviceName } from '../shared/councilApi/deviceName.ts';
import type { PageRole } from '../shared/kioskApi/kioskMethod.ts';
import type { IdleSettings, KioskConfig } from '../shared/kioskConfig.ts';
import { DEFAULT_STAFF_SETTINGS, createAssistedParts } from './assisted/assistedParts.ts';
import { CleanupStack } from './cleanupStack.ts';
import { CouncilClient } from './council/councilClient.ts';
import { startCouncilSimulator } from './council/simulator/councilSimulator.ts';
import type { CouncilSimulator } from './council/simulator/councilSimulator.ts';
import { createKioskDispatcher } from './kioskApi/kioskDispatcher.ts';
import type { KioskDispatcher } from './kioskApi/kioskDispatcher.ts';
import type { SlipPrinter } from './kioskApi/slipPrinter.ts';
import { assistedAudienceCheck } from './kioskApi/assistedAudience.ts';
import { KioskEventHub } from './kioskApi/kioskEventHub.ts';
import type { KioskEventFilter } from './kioskApi/kioskEventHub.ts';
import { createKioskHandlers } from './kioskApi/kioskHandlers.ts';
import { logEvent } from './log.ts';
import { RegistrationSession } from './registration/registrationSession.ts';
import { outboxSetupQueue } from './registration/setupQueue.ts';
import { loadServiceCatalog } from './services/serviceCatalogFile.ts';
import type { KeyProvider } from './store/databaseKey.ts';
import { openKioskDatabase } from './store/kioskDatabase.ts';
import { createOutbox } from './store/outbox.ts';
import { councilOutboxSender } from './sync/councilOutboxSender.ts';
import { startSyncEngine } from './sync/syncEngine.ts';
import type { SyncEngine, SyncEngineOptions } from './sync/syncEngine.ts';

/** A real council API: where it is and this kiosk's device credential. */
export interface LiveCouncilApi {
  baseUrl: string;
  deviceCredential: string;
}

/** What the kiosk's main services are started with. */
export interface KioskCoreOptions {
  /** Path of the service-definition file; the shipped Norfolk example when absent. */
  serviceCatalogPath?: string;
  /** The encrypted database file (the outbox lives there). */
  databasePath: string;
  /** How the database key is obtained (IT key file, Electron safeStorage, or explicit in tests). */
  keyProvider: KeyProvider;
  /** The council API. Absent: training mode, against the simulator started embedded. */
  councilApi?: LiveCouncilApi;
  /** Tuning of the sync engine (pacing, jitter, timeouts). */
  sync?: Omit<SyncEngineOptions, 'outbox' | 'sender'>;
  /** How long 'Submit' waits for the council before saying the setup will be sent later. */
  deliveryWaitMs?: number;
  /** The host's slip printer (the Electron kiosk's); none when absent. */
  slipPrinter?: SlipPrinter;
  /** IT's idle times (kiosk.json `idle`): the renderer's warning, and main's own session limit. */
  idle?: IdleSettings;
  /** IT's staff settings (kiosk.json `staff`): the welcome screen's 'Staff' entry and the console's lock time. */
  staff?: Pick<KioskConfig['staff'], 'entry' | 'lockSeconds'>;
}


/**
 * How long main keeps a resident's session without a call: the screen's idle time and its
 * warning, plus a minute's margin (the screen ends the session itself; main's limit only catches
 * a page that never said so).
 */
export function sessionIdleLimitMs(idle: IdleSettings): number {
  return (idle.timeoutSeconds + idle.warningSeconds + 60) * 1000;
}

/** Main's services, independent of the host (Electron or the web host) that exposes them. */
export interface KioskCore {
  dispatcher: KioskDispatcher;
  events: KioskEventHub;
  sync: SyncEngine;
  /** Training mode: the embedded council API simulator (absent in live mode). */
  training: { simulator: CouncilSimulator } | undefined;
  /**
   * The page that showed the resident's session is gone (reloaded, navigated away, crashed, or
   * its event stream closed): main forgets the session at once, whatever the renderer says later.
   */
  endResidentSession(): void;
  /** Resident sessions in progress and their idle timers (0 between residents). */
  openSessions(): { sessions: number; timers: number };
  /** A staff window (Electron's second display, the web host's staff page) was attached or went away. */
  setStaffWindow(present: boolean): void;
  /**
   * Which events a page receives, asked at every event: staff events to the staff page, and to
   * the kiosk page only while the caseworker holds it on one display; resident events to the
   * kiosk page only; `any` to both.
   */
  eventFilterFor(page: PageRole): KioskEventFilter;
  close(): Promise<void>;
}

/**
 * Starts main's services: reads the service definitions, opens the encrypted database (a wrong
 * key or an unreadable file stops start-up with a clear error; nothing is re-created), starts the
 * sync engine, and, in training mode, the embedded council API simulator with this kiosk enrolled
 * in it. Queue status is published as the `queueStatus` kiosk event.
 */
export async function startKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const catalog = await loadServiceCatalog(options.serviceCatalogPath);
  const database = await openKioskDatabase({ path: options.databasePath, keyProvider: options.keyProvider });
  const cleanups = new CleanupStack();
  cleanups.add('database', () => database.close());
  try {
    let training: KioskCore['training'];
    let council: CouncilClient;
    if (options.councilApi === undefined) {
      const simulator = await startCouncilSimulator({ catalog });
      cleanups.add('simulator', () => simulator.close());
      const enrolment = await new CouncilClient({ baseUrl: simulator.url }).enrolDevice({
        enrolmentToken: simulator.seed.enrolmentToken,
        deviceName: cleanDeviceName(`training ${hostname()}`),
      });
      council = new CouncilClient({ baseUrl: simulator.url, deviceCredential: enrolment.credential });
      training = { simulator };
    } else {
      council = new CouncilClient(options.councilApi);
    }

    const outbox = createOutbox(database);
    const events = new KioskEventHub();
    // In training nothing is shared with other kiosks, so no start-up jitter is needed.
    const sync = startSyncEngine({
      ...(training ? { startJitterMs: 0 } : {}),
      ...options.sync,
      outbox,
      sender: councilOutboxSender(() => council),
    });
    cleanups.add('sync', () => sync.stop());
    const unsubscribe = sync.onStatus((status) => events.publish('queueStatus', status));
    cleanups.add('queue-status', unsubscribe);

    const registration = new RegistrationSession({
      catalog,
      council: () => council,
      setupQueue: outboxSetupQueue(outbox),
      ...(options.deliveryWaitMs !== undefined ? { deliveryWaitMs: options.deliveryWaitMs } : {}),
      ...(options.idle !== undefined ? { idleLimitMs: sessionIdleLimitMs(options.idle) } : {}),
    });
    const mode = training ? 'training' : 'live';
    const assisted = createAssistedParts({
      catalog,
      registration,
      council: () => council,
      events,
      training: training !== undefined,
      staff: options.staff ?? DEFAULT_STAFF_SETTINGS,
      // Who confirmed is the council's to know (the caseworker's token); the kiosk keeps how, and when.
      audit: (entry) => outbox.audit.append('assisted.invite_confirmed', entry, Date.now()),
    });
    cleanups.add('assisted', () => assisted.close());
    const { desk } = assisted;
    const printer = options.slipPrinter !== undefined ? { slipPrinter: options.slipPrinter } : {};
    const idle = options.idle !== undefined ? { idle: options.idle } : {};
    const handlers = createKioskHandlers({ catalog, registration, assisted, mode, ...printer, ...idle });
    const dispatcher = createKioskDispatcher(handlers, assistedAudienceCheck(desk));
    logEvent('kiosk_core.started', { mode: training ? 'training' : 'live' });
    return {
      dispatcher,
      events,
      sync,
      training,
      endResidentSession: () => registration.end(),
      openSessions: () => registration.openSessions(),
      setStaffWindow: (present) => desk.setStaffWindow(present),
      eventFilterFor: (page) => (audience) => {
        if (audience === 'any') return true;
        if (page === 'staff') return audience === 'staff';
        return audience === 'resident' || (desk.displays() === 'one' && desk.screen() === 'staff');
      },
      async close() {
        registration.end();
        await cleanups.dispose();
      },
    };
  } catch (error) {
    await cleanups.dispose().catch(() => undefined);
    throw error;
  }
}
