import type { z } from 'zod';
import type { CouncilClient } from '../../council/councilClient.ts';
import type { Acknowledgement } from '../outboxItem.ts';

/** What a kind's `deliver` is given: the council client in use and the item's own Idempotency-Key. */
export interface DeliveryContext {
  council: CouncilClient;
  idempotencyKey: string;
}

/**
 * One kind of outbox item: the zod schema of its payload (a strict object all the way down, so a
 * payload cannot carry a field its kind does not name) and how it is delivered to the council.
 * `deliver` sends the payload under the item's Idempotency-Key (the same on every retry) and
 * returns the council's acknowledgement; a failed call throws the client's `CouncilApiError`,
 * which the sender turns into an engine outcome (`outcomeForCouncilError`).
 */
export interface OutboxKindDefinition<S extends z.ZodType> {
  schema: S;
  deliver(payload: z.infer<S>, context: DeliveryContext): Promise<Acknowledgement>;
}
