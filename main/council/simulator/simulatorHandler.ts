import type { z } from 'zod';
import type { councilEndpoints } from '../../../shared/councilApi/councilEndpoints.ts';
import type { CouncilEndpointName } from '../../../shared/councilApi/councilEndpoints.ts';
import type { FaultConfig, FaultConfigInput, TrainingSeed } from '../../../shared/councilApi/trainingApi.ts';
import type { SimCaseworkerSession, SimDevice, SimRegistrationSession, SimulatorState } from './simulatorState.ts';

type Endpoint<N extends CouncilEndpointName> = (typeof councilEndpoints)[N];
type Parsed<E, K extends string> = E extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;

/** What the training handlers may change beyond the state: faults, and the seed to show. */
export interface SimulatorControl {
  faults(): FaultConfig;
  setFaults(config: FaultConfigInput): FaultConfig;
  seed: TrainingSeed;
  /** The simulator's own address (`http://127.0.0.1:PORT`), for the links it hands out. */
  baseUrl(): string;
}

/**
 * What a handler receives: the parsed, validated request and the credentials the server has
 * already checked against the endpoint's `auth` (so `device` is set whenever the endpoint needs
 * one, and so on).
 */
export interface HandlerContext<N extends CouncilEndpointName> {
  state: SimulatorState;
  control: SimulatorControl;
  body: Parsed<Endpoint<N>, 'body'>;
  params: Parsed<Endpoint<N>, 'params'>;
  query: Parsed<Endpoint<N>, 'query'>;
  device: SimDevice | undefined;
  registrationSession: SimRegistrationSession | undefined;
  caseworkerSession: SimCaseworkerSession | undefined;
  /** The request's `Idempotency-Key`, on endpoints that need one. */
  idempotencyKey: string | undefined;
}

/** One operation's behaviour: returns the success body, or throws a `SimulatorProblem`. */
export type SimHandler<N extends CouncilEndpointName> = (context: HandlerContext<N>) => z.input<Endpoint<N>['success']['schema']>;

/** A set of handlers for some operations. */
export type SimHandlers<N extends CouncilEndpointName> = { [K in N]: SimHandler<K> };

/** The value of a credential the server guarantees for this endpoint. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Handler needs ${what}, which the server did not provide`);
  return value;
}
