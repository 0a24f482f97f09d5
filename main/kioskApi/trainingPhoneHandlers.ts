import type { TrainingPhoneMessage, trainingPhoneMethods } from '../../shared/kioskApi/trainingPhoneMethods.ts';
import type { KioskMethodOutput } from '../../shared/kioskApi/kioskContract.ts';
import type { AssistedDesk } from '../assisted/assistedDesk.ts';
import type { RegistrationSession } from '../registration/registrationSession.ts';
import { KioskCallError } from './kioskCallError.ts';
import type { KioskHandlers } from './kioskDispatcher.ts';

/** Whose messages the training phone shows: the resident's service, invite, address and number, as far as known. */
export interface TrainingPhoneTarget {
  serviceId?: string;
  inviteId?: string;
  email?: string;
  phoneNumber?: string;
}

/** What the handlers need of the training phone (`main/training/`). */
export interface TrainingPhonePort {
  messages(target: TrainingPhoneTarget): Promise<TrainingPhoneMessage[]>;
  pressKey(callId: string, key: string): Promise<KioskMethodOutput<'pressTrainingPhoneKey'>>;
}

/**
 * The training phone's methods. The target is the assisted registration's when there is one,
 * else the resident's own registration in progress; live (no training phone) both answer
 * `not_training`.
 */
export function trainingPhoneHandlers(
  phone: TrainingPhonePort | undefined,
  desk: Pick<AssistedDesk, 'current'>,
  registration: Pick<RegistrationSession, 'progress'>,
): Pick<KioskHandlers, keyof typeof trainingPhoneMethods> {
  const training = (): TrainingPhonePort => {
    if (phone === undefined) throw new KioskCallError('not_training', 'The training phone exists only on a training kiosk');
    return phone;
  };
  const target = (): TrainingPhoneTarget => {
    const assisted = desk.current();
    const p = assisted !== null ? assisted.progress : registration.progress();
    const inviteId = assisted?.invite.inviteId ?? p?.inviteId ?? null;
    if (p === undefined) return assisted === null ? {} : { serviceId: assisted.service.id, inviteId: assisted.invite.inviteId };
    return {
      serviceId: p.service.id,
      ...(inviteId !== null ? { inviteId } : {}),
      ...(p.email !== null ? { email: p.email } : {}),
      ...(p.phone !== null ? { phoneNumber: p.phone.number } : {}),
    };
  };
  return {
    getTrainingPhone: async () => ({ messages: await training().messages(target()) }),
    pressTrainingPhoneKey: ({ callId, key }) => training().pressKey(callId, key),
  };
}
