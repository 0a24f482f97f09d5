import type { TrainingCallState, TrainingMessage } from '../../shared/councilApi/trainingApi.ts';
import type { TrainingPhoneMessage } from '../../shared/kioskApi/trainingPhoneMethods.ts';
import type { CouncilClient } from '../council/councilClient.ts';
import { KioskCallError } from '../kioskApi/kioskCallError.ts';
import { liveCouncilCall } from '../registration/liveCouncilCall.ts';

/** Whose phone and inbox to show: what the kiosk knows of the resident in front of it so far. */
export interface TrainingPhoneTarget {
  /** The service chosen; alone, it gives the service's practice invitations. */
  serviceId?: string;
  /** The invite confirmed (assisted mode knows it before the resident's address). */
  inviteId?: string;
  /** The resident's e-mail address. */
  email?: string;
  /** The resident's phone number (E.164). */
  phoneNumber?: string;
}

/** The most messages the training phone shows (the kiosk API's limit), newest kept. */
export const TRAINING_PHONE_LIMIT = 200;

const TITLES = { sms: 'Text message', call: 'Phone call' } as const;

/**
 * The training phone and inbox: what the embedded council API simulator "sent" to the resident
 * in front of the kiosk, read from its training endpoints, so a trainee completes everything at
 * the kiosk. E-mails to the resident's address (or, while only the invite is known, to the address
 * it was sent to), texts and calls to their number, newest first; with nothing known yet but the
 * service, that service's practice invitations, which carry the invite codes to type. Training
 * codes open nothing real. In live mode there is no simulator and every call is `not_training`.
 */
export class TrainingPhone {
  readonly #council: () => CouncilClient | undefined;

  /** `council` gives the embedded simulator's client in training mode, and undefined live. */
  constructor(council: () => CouncilClient | undefined) {
    this.#council = council;
  }

  /** The target's messages, newest first. */
  async messages(target: TrainingPhoneTarget): Promise<TrainingPhoneMessage[]> {
    const council = this.#client();
    const found = await liveCouncilCall('listTrainingMessages', async () => {
      if (target.email === undefined && target.inviteId === undefined && target.phoneNumber === undefined) {
        return target.serviceId === undefined ? [] : practiceInvitations(council, target.serviceId);
      }
      const lists = await Promise.all([
        target.email !== undefined ? listMessages(council, { recipient: target.email, channel: 'email' }) : undefined,
        target.email === undefined && target.inviteId !== undefined ? listMessages(council, { inviteId: target.inviteId, channel: 'email' }) : undefined,
        target.phoneNumber !== undefined ? listMessages(council, { recipient: target.phoneNumber }) : undefined,
      ]);
      return lists.flatMap((list) => list ?? []);
    });
    return newestFirst(found).slice(0, TRAINING_PHONE_LIMIT).map(phoneMessage);
  }

  /** A key pressed on the keypad during a call ('#' confirms); answers the call's state after it. */
  async pressKey(callId: string, key: string): Promise<{ state: TrainingCallState }> {
    const council = this.#client();
    const call = await liveCouncilCall('pressTrainingCallKey', () => council.call('pressTrainingCallKey', { params: { callId }, body: { key } }));
    return { state: call.state };
  }

  #client(): CouncilClient {
    const council = this.#council();
    if (council === undefined) throw new KioskCallError('not_training', 'The training phone exists only in training mode');
    return council;
  }
}

async function listMessages(council: CouncilClient, query: { recipient?: string; inviteId?: string; channel?: 'email' }): Promise<TrainingMessage[]> {
  return (await council.call('listTrainingMessages', { query })).messages;
}

// The 'Set up your … Account' e-mails of the service's open practice invites: the only
// messages that carry those invite codes.
async function practiceInvitations(council: CouncilClient, serviceId: string): Promise<TrainingMessage[]> {
  const seed = await council.call('getTrainingSeed');
  const codes = new Set(seed.invites.filter((i) => i.serviceId === serviceId && i.state === 'sent').map((i) => i.inviteCode));
  const emails = await listMessages(council, { channel: 'email' });
  return emails.filter((m) => m.code !== null && codes.has(m.code));
}

// The simulator lists oldest first; equal times keep their reversed order, so the later-sent wins.
function newestFirst(messages: TrainingMessage[]): TrainingMessage[] {
  return [...messages].reverse().sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
}

function phoneMessage(message: TrainingMessage): TrainingPhoneMessage {
  return {
    messageId: message.messageId,
    channel: message.channel,
    title: message.channel === 'email' ? message.title : TITLES[message.channel],
    code: message.code,
    body: message.body,
    sentAt: message.sentAt,
    call: message.callId === null ? null : { callId: message.callId, state: message.callState ?? 'failed' },
  };
}
