import { setLogSink } from '../../main/log.ts';
import { runCrashProof } from '../main/sync/crashHarness.ts';
import { report } from './benchReport.ts';

const KILLS = 1_000;

/**
 * The crash proof of test/main/sync/crash.test.ts at full size, from the resident's side: 1,000
 * SIGKILLs of a kiosk registering residents and delivering to the standalone simulator (after
 * 'Submit' returned, as the council stores a setup, mid-registration, mid-request, during
 * start-up), residents who saw no reference starting again, two kiosks side by side, then a
 * drain. Prints the counts; references lost, residents with two references, duplicates,
 * mismatches, dead letters and items left must all be 0.
 */
export async function run(): Promise<void> {
  const previousSink = setLogSink(() => {});
  try {
    const result = await runCrashProof({ kills: KILLS, lanes: 2 });
    report({ name: 'outbox.crash.kills', value: result.kills, unit: 'SIGKILLs' });
    for (const [moment, count] of Object.entries(result.killsByMoment)) report({ name: `outbox.crash.kills_${moment}`, value: count, unit: 'SIGKILLs' });
    report({ name: 'outbox.crash.kills_by_safety_timer', value: result.fallbackKills, unit: 'SIGKILLs' });
    report({ name: 'outbox.crash.residents', value: result.residents, unit: 'residents' });
    report({ name: 'outbox.crash.residents_starting_again', value: result.residentsStartingAgain, unit: 'times' });
    report({ name: 'outbox.crash.references_shown', value: result.referencesShown, unit: 'references' });
    report({ name: 'outbox.crash.council_setups', value: result.councilSetups, unit: 'items' });
    report({ name: 'outbox.crash.references_lost', value: result.lostReferences, unit: 'references', target: '0' });
    report({ name: 'outbox.crash.residents_with_two_references', value: result.residentsWithTwoReferences, unit: 'residents', target: '0' });
    report({ name: 'outbox.crash.duplicated_at_council', value: result.duplicatedAtCouncil, unit: 'items', target: '0' });
    report({ name: 'outbox.crash.receipt_mismatches', value: result.receiptMismatches, unit: 'items', target: '0' });
    report({ name: 'outbox.crash.dead_letters', value: result.deadLetters, unit: 'items', target: '0' });
    report({ name: 'outbox.crash.left_in_outbox', value: result.leftInOutbox, unit: 'items', target: '0' });
    report({ name: 'outbox.crash.audit_chain_ok', value: result.auditChainOk ? 1 : 0, unit: 'bool', target: '1' });
    report({ name: 'outbox.crash.duration', value: result.seconds, unit: 's' });
  } finally {
    setLogSink(previousSink);
  }
}
