import type { TrainingPhoneMessage, trainingPhoneMethods } from '../../shared/kioskApi/trainingPhoneMethods.ts';
import type { KioskMethodOutput } from '../../shared/kioskApi/kioskContract.ts';
import type { AssistedDesk } from '../assisted/assistedDesk.ts';
import type { RegistrationSession } from '../registration/registrationSession.ts';
import type { TrainingPhoneTarget } from '../training/trainingPhone.ts';
import type { KioskHandlers } from './kioskDispatcher.ts';

/** What the handlers need of the training phone (`main/training/`, which answers `not_training` on a live kiosk). */
export interface TrainingPhonePort {
  messages(target: TrainingPhoneTarget): Promise<TrainingPhoneMessage[]>;
  pressKey(callId: string, key: string): Promise<KioskMethodOutput<'pressTrainingPhoneKey'>>;
}

/**
 * The training phone's methods. The target is the assisted registration's when there is one,
 * else the resident's own registration in progress; on a live kiosk the phone itself answers
 * `not_training`.
 */
export function trainingPhoneHandlers(
  phone: TrainingPhonePort,
  desk: Pick<AssistedDesk, 'current'>,
  registration: Pick<RegistrationSession, 'progress'>,
): Pick<KioskHandlers, keyof typeof trainingPhoneMethods> {
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
    getTrainingPhone: async () => ({ messages: await phone.messages(target()) }),
    pressTrainingPhoneKey: ({ callId, key }) => phone.pressKey(callId, key),
  };
}
