import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import type { InviteTyped, SetupQueue } from './setupQueue.ts';

/**
 * The council refuses a used invite without saying by whom. When this kiosk delivered the setup
 * for the very code and address typed, the resident is coming back: the refusal carries that
 * setup's reference and times. Both are secrets of the invitation's e-mail, checked by the
 * council before it says "used"; the facts are no personal data. Any other error is returned as it is.
 */
export function withEarlierSetup(error: unknown, typed: InviteTyped, setupQueue: Pick<SetupQueue, 'deliveredSetup'>): unknown {
  if (!(error instanceof KioskCallError) || error.code !== 'invite_already_used') return error;
  const earlier = setupQueue.deliveredSetup(typed);
  if (earlier === undefined) return error;
  const { receipt, submittedAt, deliveredAt } = earlier;
  const facts = { receipt, submittedAt: new Date(submittedAt).toISOString(), deliveredAt: new Date(deliveredAt).toISOString() };
  return new KioskCallError(error.code, error.message, { ...error.details, earlierSetup: facts });
}
