import { accountSetupRequestSchema } from '../../../shared/councilApi/accountSetupApi.ts';
import type { OutboxKindDefinition } from './outboxKindDefinition.ts';

/**
 * `account-setup`: the council contract's `accountSetupRequestSchema` (setup grant, service,
 * records ticked, consent given: seed steps 12–13), delivered to `POST /v1/account-setups` with the
 * item's Idempotency-Key, so the council creates each setup exactly once however often it is sent
 * (a replay answers the first result).
 */
export const accountSetupKind = {
  schema: accountSetupRequestSchema,
  async deliver(payload, { council, idempotencyKey }) {
    const setup = await council.submitAccountSetup(payload, { idempotencyKey });
    return { reference: setup.reference, state: setup.state };
  },
} satisfies OutboxKindDefinition<typeof accountSetupRequestSchema>;
