import { z } from 'zod';
import { accountSetupStateSchema, setupReferenceSchema } from './accountSetupApi.ts';
import { instantSchema, idempotencyKeySchema, opaqueIdSchema, opaqueSecretSchema, serviceIdSchema } from './councilPrimitives.ts';
import { invitationStateSchema } from './inviteApi.ts';

/**
 * The simulator's training endpoints (`/training/*`). They exist only in the simulator, never
 * in a council's real API: they show what it "sent", answer simulated calls, move its clock, and
 * let tests and benchmarks inject faults and inspect what was stored. No authentication: the
 * simulator only listens on 127.0.0.1.
 */

/** How a message reached the resident. */
export const trainingChannelSchema = z.enum(['email', 'sms', 'call']);

/** A simulated call's state: ringing, answered (waiting for '#'), confirmed, or given up. */
export const trainingCallStateSchema = z.enum(['ringing', 'answered', 'confirmed', 'no_answer', 'failed']);

/** A simulated call's state. */
export type TrainingCallState = z.infer<typeof trainingCallStateSchema>;

/** Something the simulator "sent": an e-mail, a text, or an automated call. */
export const trainingMessageSchema = z.object({
  messageId: opaqueIdSchema,
  channel: trainingChannelSchema,
  /** E-mail address or E.164 number. */
  recipient: z.string().min(1).max(254),
  /** The e-mail's title, exactly as the service definitions write it; a short label for texts and calls. */
  title: z.string().min(1).max(200),
  /** The code it carried: the invite code (grouped in fours), a 6-digit code, or null. */
  code: z.string().max(40).nullable(),
  /** The message text, as the resident would read or hear it. */
  body: z.string().max(4000),
  /** For calls: the id to answer or press keys on. */
  callId: opaqueIdSchema.nullable(),
  /** For calls, in `GET /training/messages`: the call's state at the time of the listing. */
  callState: trainingCallStateSchema.optional(),
  sentAt: instantSchema,
});

/** A message the simulator sent. */
export type TrainingMessage = z.infer<typeof trainingMessageSchema>;

/** `GET /training/messages[?recipient=…][&channel=…][&inviteId=…]`: oldest first. */
export const trainingMessageListSchema = z.object({ messages: z.array(trainingMessageSchema) });

/** Query of `GET /training/messages`. */
export const trainingMessageQuerySchema = z.strictObject({
  recipient: z.string().min(1).max(254).optional(),
  channel: trainingChannelSchema.optional(),
  /** Only messages to the address this invite was sent to (`not_found` for an unknown invite). */
  inviteId: opaqueIdSchema.optional(),
});

/** `POST /training/calls/{callId}/keypress`: a key pressed on the resident's phone. */
export const trainingKeypressRequestSchema = z.strictObject({
  key: z.string().regex(/^[0-9*#]$/),
});

/** A simulated call's state, after a training action. */
export const trainingCallSchema = z.object({
  callId: opaqueIdSchema,
  enrolmentId: opaqueIdSchema,
  state: trainingCallStateSchema,
  keysPressed: z.string().max(100),
});

/** Path parameters naming a simulated call. */
export const trainingCallParamsSchema = z.strictObject({ callId: opaqueIdSchema });

/** `POST /training/clock/advance`: moves the simulator's clock forward. */
export const trainingClockAdvanceRequestSchema = z.strictObject({
  seconds: z.number().int().min(0).max(366 * 24 * 3600),
});

/** The simulator's clock. */
export const trainingClockSchema = z.object({ now: instantSchema, offsetSeconds: z.number() });

/**
 * Fault injection: each rate is a probability from 0 to 1, drawn per `/v1` request. Faults that
 * answer at once (`error500`, `unavailable503`, `rateLimited429`) happen BEFORE the request is
 * processed. `slow` delays the answer AFTER processing, while the idempotency record is still in
 * flight. `timeout` processes the request and never answers (the connection is held until
 * `timeoutHoldMs`, then closed); `drop` processes it and closes the connection without an
 * answer: the two cases where a client cannot know whether its request took effect.
 */
export const faultConfigSchema = z.strictObject({
  error500: z.number().min(0).max(1).default(0),
  unavailable503: z.number().min(0).max(1).default(0),
  rateLimited429: z.number().min(0).max(1).default(0),
  slow: z.number().min(0).max(1).default(0),
  timeout: z.number().min(0).max(1).default(0),
  drop: z.number().min(0).max(1).default(0),
  /** How long a `slow` answer is delayed. */
  slowMs: z.number().int().min(0).max(60_000).default(2000),
  /** How long a `timeout` holds the connection before closing it. */
  timeoutHoldMs: z.number().int().min(0).max(600_000).default(30_000),
  /** `Retry-After` seconds on injected 503 and 429. */
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  /** Only requests whose path starts with one of these (e.g. `/v1/account-setups`); all `/v1` when absent. */
  paths: z.array(z.string().regex(/^\/v1(\/[\w{}.-]*)*$/)).max(20).optional(),
  /** Seed of the random draws, for repeatable runs; random when absent. */
  seed: z.number().int().optional(),
});

/** Fault injection settings (input form: every field optional). */
export type FaultConfigInput = z.input<typeof faultConfigSchema>;
/** Fault injection settings, defaults applied. */
export type FaultConfig = z.output<typeof faultConfigSchema>;

/** One account setup the simulator stored, with the key it was created under. */
export const trainingAccountSetupSchema = z.object({
  reference: setupReferenceSchema,
  idempotencyKey: idempotencyKeySchema,
  deviceId: opaqueIdSchema,
  serviceId: serviceIdSchema,
  inviteId: opaqueIdSchema,
  recordIds: z.array(opaqueIdSchema),
  consentVersion: z.string(),
  state: accountSetupStateSchema,
  submittedAt: instantSchema,
});

/** `GET /training/account-setups`: every setup created, oldest first. */
export const trainingAccountSetupListSchema = z.object({ setups: z.array(trainingAccountSetupSchema) });

/** `POST /training/setup-grants`: mint grants for benchmarks, each for a fresh invite and account. */
export const trainingSetupGrantRequestSchema = z.strictObject({
  count: z.number().int().min(1).max(10_000),
  serviceId: serviceIdSchema.default('social-care'),
});

/** A minted grant, with everything needed to build a valid account setup body. */
export const trainingSetupGrantSchema = z.object({
  setupGrant: opaqueSecretSchema,
  serviceId: serviceIdSchema,
  recordIds: z.array(opaqueIdSchema).min(1),
  consentVersion: z.string(),
  consentStatementIds: z.array(z.string()),
  expiresAt: instantSchema,
});

/** A minted setup grant. */
export type TrainingSetupGrant = z.infer<typeof trainingSetupGrantSchema>;

/** The answer to `POST /training/setup-grants`. */
export const trainingSetupGrantListSchema = z.object({ grants: z.array(trainingSetupGrantSchema) });

/** `POST /training/enrolment-tokens`: mint one-time device enrolment tokens (more kiosks in tests). */
export const trainingEnrolmentTokenRequestSchema = z.strictObject({
  count: z.number().int().min(1).max(1000).default(1),
});

/** Minted enrolment tokens. */
export const trainingEnrolmentTokenListSchema = z.object({ enrolmentTokens: z.array(z.string()) });

/** `GET /training/seed`: what the simulator was seeded with, for trainers and tests. */
export const trainingSeedSchema = z.object({
  enrolmentToken: z.string(),
  existingAccount: z.object({ email: z.string(), password: z.string(), phoneNumber: z.string() }),
  caseworker: z.object({ staffId: z.string(), password: z.string(), displayName: z.string() }),
  invites: z.array(
    z.object({
      inviteId: opaqueIdSchema,
      serviceId: serviceIdSchema,
      /** Grouped in fours, as in the e-mail. */
      inviteCode: z.string(),
      email: z.string(),
      residentName: z.string(),
      state: invitationStateSchema,
    }),
  ),
});

/** The simulator's seed data. */
export type TrainingSeed = z.infer<typeof trainingSeedSchema>;

/**
 * `POST /training/device-authorizations/approve`: what the caseworker's work device does in a
 * real council (approve or refuse the sign-in shown on the kiosk), for trainers and tests.
 */
export const trainingDeviceApprovalRequestSchema = z.strictObject({
  /** The code the kiosk shows, with or without its dash, any case. */
  userCode: z.string().min(4).max(20),
  /** Who approves; the seeded caseworker when absent. */
  staffId: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/).optional(),
  decision: z.enum(['approve', 'deny']).default('approve'),
});

/** A device authorization after a training decision. */
export const trainingDeviceApprovalSchema = z.object({
  userCode: z.string(),
  state: z.enum(['approved', 'denied']),
  staffId: z.string(),
});
