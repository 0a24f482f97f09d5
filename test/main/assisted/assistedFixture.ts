import { DEFAULT_STAFF_SETTINGS, createAssistedParts } from '../../../main/assisted/assistedParts.ts';
import { CouncilClient } from '../../../main/council/councilClient.ts';
import { KioskEventHub } from '../../../main/kioskApi/kioskEventHub.ts';
import type { RegistrationSession } from '../../../main/registration/registrationSession.ts';
import type { ServiceCatalog } from '../../../shared/serviceDefinition.ts';
import type { KioskCore } from '../../../main/kioskCore.ts';
import { kioskMethods } from '../../../shared/kioskApi/kioskContract.ts';
import type { KioskMethodInput, KioskMethodName, KioskMethodOutput } from '../../../shared/kioskApi/kioskContract.ts';
import type { PageRole } from '../../../shared/kioskApi/kioskMethod.ts';
import type { KioskError } from '../../../shared/kioskApi/kioskResult.ts';

/** One kiosk API call through the core's dispatcher, as a page with this role makes it. */
export async function callAs<K extends KioskMethodName>(
  core: KioskCore,
  page: PageRole,
  name: K,
  input: KioskMethodInput<K>,
): Promise<{ ok: true; value: KioskMethodOutput<K> } | { ok: false; error: KioskError }> {
  return (await core.dispatcher.dispatch(kioskMethods[name].channel, input, { page })) as
    | { ok: true; value: KioskMethodOutput<K> }
    | { ok: false; error: KioskError };
}

/** A call that must work: its value. */
export async function must<K extends KioskMethodName>(core: KioskCore, page: PageRole, name: K, input: KioskMethodInput<K>): Promise<KioskMethodOutput<K>> {
  const result = await callAs(core, page, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A call that must fail: its error code. */
export async function refusal<K extends KioskMethodName>(core: KioskCore, page: PageRole, name: K, input: KioskMethodInput<K>): Promise<string> {
  const result = await callAs(core, page, name, input);
  if (result.ok) throw new Error(`${name} worked, but should have been refused`);
  return result.error.code;
}

/** The training simulator of a training core: its seed, and the codes it "sent". */
export function simulatorOf(core: KioskCore) {
  const simulator = core.training?.simulator;
  if (simulator === undefined) throw new Error('not a training core');
  const anonymous = new CouncilClient({ baseUrl: simulator.url, timeoutMs: 5_000, getRetryLimit: 0 });
  return {
    seed: simulator.seed,
    async latestCode(recipient: string): Promise<string> {
      const { messages } = await anonymous.call('listTrainingMessages', { query: { recipient } });
      const code = messages.at(-1)?.code;
      if (code == null) throw new Error('no code sent');
      return code;
    },
    advance: (seconds: number) => anonymous.call('advanceTrainingClock', { body: { seconds } }),
  };
}

/** Signs the seeded caseworker in from the staff page (password fallback) and chooses a PIN. */
export async function signInStaff(core: KioskCore, page: PageRole = 'staff', pin = '2468'): Promise<void> {
  const { caseworker } = simulatorOf(core).seed;
  await must(core, page, 'signInStaffWithPassword', { staffId: caseworker.staffId, password: caseworker.password });
  await must(core, page, 'chooseStaffPin', { pin });
}

/** Assisted mode's real parts around a registration, for tests that build the handlers themselves (nothing audited). */
export function testAssistedParts(catalog: ServiceCatalog, registration: RegistrationSession, council: () => CouncilClient) {
  return createAssistedParts({ catalog, registration, council, events: new KioskEventHub(), training: true, staff: DEFAULT_STAFF_SETTINGS, audit: () => undefined });
}
