import { COUNCIL_RULES } from '../../../shared/councilApi/councilPrimitives.ts';
import { buildInviteCode, formatInviteCode } from '../../../shared/inviteCode.ts';
import type { TrainingSeed } from '../../../shared/councilApi/trainingApi.ts';
import type { SimInvite, SimulatorState } from './simulatorState.ts';
import { seededRandom } from './seededRandom.ts';

/**
 * The simulator's seed data: the same every run, so trainers and tests can rely on it and the
 * CLI's `--help` can print it.
 *
 * - One device enrolment token, `TRAINING-ENROLMENT-TOKEN-0001` (the embedded training mode uses
 *   it at start; mint more with `POST /training/enrolment-tokens`).
 * - One existing 'My Norfolk' account: `existing.resident@example.org`, password
 *   `Norfolk-Training-1`, phone +44 7911 123456 already enrolled.
 * - One caseworker: staff id `cw.training`, password `Caseworker-Training-1`.
 * - Four invites per service (three open, one used or expired), each with its 'Set up your …
 *   Account' e-mail already in the training messages, as if the worker had sent it yesterday.
 *   Codes come from a fixed pseudo-random sequence through `buildInviteCode`.
 */

/** The one-time enrolment token the simulator starts with. */
export const SEED_ENROLMENT_TOKEN = 'TRAINING-ENROLMENT-TOKEN-0001';

/** The existing account (seed step 4: "If you already have a My Norfolk account…"). */
export const SEED_EXISTING_ACCOUNT = {
  email: 'existing.resident@example.org',
  password: 'Norfolk-Training-1',
  phoneNumber: '+447911123456',
  givenName: 'Margaret',
  surname: 'Brown',
} as const;

/** The caseworker who sent every seeded invite. */
export const SEED_CASEWORKER = { staffId: 'cw.training', password: 'Caseworker-Training-1', displayName: 'Training Caseworker' } as const;

interface SeedInvite {
  serviceId: string;
  residentName: string;
  email: string;
  records: string[];
  state: 'sent' | 'used' | 'expired';
}

const SEED_INVITES: readonly SeedInvite[] = [
  { serviceId: 'social-care', residentName: 'Jane Smith', email: 'jane.smith@example.org', records: ['Arthur Smith'], state: 'sent' },
  { serviceId: 'social-care', residentName: 'Margaret Brown', email: SEED_EXISTING_ACCOUNT.email, records: ['Margaret Brown'], state: 'sent' },
  { serviceId: 'social-care', residentName: 'Priya Patel', email: 'priya.patel@example.org', records: ['Ravi Patel', 'Asha Patel'], state: 'sent' },
  { serviceId: 'social-care', residentName: 'Tom Baker', email: 'tom.baker@example.org', records: ['Tom Baker'], state: 'used' },
  { serviceId: 'childrens-services', residentName: 'Sam Jones', email: 'sam.jones@example.org', records: ['Lily Jones', 'Noah Jones'], state: 'sent' },
  { serviceId: 'childrens-services', residentName: 'Margaret Brown', email: SEED_EXISTING_ACCOUNT.email, records: ['Oliver Brown'], state: 'sent' },
  { serviceId: 'childrens-services', residentName: 'Alex Green', email: 'alex.green@example.org', records: ['Ella Green'], state: 'sent' },
  { serviceId: 'childrens-services', residentName: 'Dan White', email: 'dan.white@example.org', records: ['Leo White'], state: 'expired' },
];


/** The seeded invite codes, in seed order (normalised). Exported for the CLI's help text. */
export function seedInviteCodes(): string[] {
  const random = seededRandom(20260101);
  return SEED_INVITES.map(() => buildInviteCode(Array.from({ length: 11 }, () => Math.floor(random() * 32))));
}

/** Fills a fresh simulator state with the seed data and the invite e-mails. */
export function seedSimulator(state: SimulatorState): TrainingSeed {
  const now = state.clock.now();
  const day = 24 * 3600_000;
  state.enrolmentTokens.add(SEED_ENROLMENT_TOKEN);
  state.caseworkers.set(SEED_CASEWORKER.staffId, { ...SEED_CASEWORKER });
  state.addAccount({
    email: SEED_EXISTING_ACCOUNT.email,
    password: SEED_EXISTING_ACCOUNT.password,
    givenName: SEED_EXISTING_ACCOUNT.givenName,
    surname: SEED_EXISTING_ACCOUNT.surname,
    phoneNumber: SEED_EXISTING_ACCOUNT.phoneNumber,
    pendingPhone: null,
  });
  const codes = seedInviteCodes();
  const invites: TrainingSeed['invites'] = [];
  SEED_INVITES.forEach((seed, index) => {
    const sentAt = seed.state === 'expired' ? now - 60 * day : now - day;
    const invite: SimInvite = {
      inviteId: `inv_seed${index + 1}`,
      serviceId: seed.serviceId,
      code: codes[index] ?? '',
      email: seed.email,
      residentName: seed.residentName,
      records: seed.records.map((name, r) => ({ recordId: `rec_seed${index + 1}_${r + 1}`, name })),
      caseworkerStaffId: SEED_CASEWORKER.staffId,
      sentAt,
      expiresAt: sentAt + COUNCIL_RULES.inviteValiditySeconds * 1000,
      state: seed.state === 'used' ? 'used' : 'sent',
    };
    state.invites.set(invite.inviteId, invite);
    sendInviteEmail(state, invite);
    invites.push({
      inviteId: invite.inviteId,
      serviceId: invite.serviceId,
      inviteCode: formatInviteCode(invite.code),
      email: invite.email,
      residentName: invite.residentName,
      state: seed.state,
    });
  });
  return {
    enrolmentToken: SEED_ENROLMENT_TOKEN,
    existingAccount: { email: SEED_EXISTING_ACCOUNT.email, password: SEED_EXISTING_ACCOUNT.password, phoneNumber: SEED_EXISTING_ACCOUNT.phoneNumber },
    caseworker: { ...SEED_CASEWORKER },
    invites,
  };
}

/** Records the worker's 'Set up your … Account' e-mail for an invite (seed step 1). */
export function sendInviteEmail(state: SimulatorState, invite: SimInvite): void {
  const service = state.service(invite.serviceId);
  const code = formatInviteCode(invite.code);
  state.send({
    channel: 'email',
    recipient: invite.email,
    title: service.emailTitles.invite,
    code,
    body:
      `Dear ${invite.residentName},\n\nYour worker has invited you to set up your ${service.name} account.\n` +
      `Your unique code is ${code}. When you receive this e-mail, contact your worker to confirm the code.`,
    callId: null,
    sentAt: invite.sentAt,
  });
}
