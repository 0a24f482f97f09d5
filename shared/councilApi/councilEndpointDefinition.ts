import type { z } from 'zod';
import type { CouncilProblemCode } from './councilProblem.ts';

/** Which credentials an endpoint needs. */
export interface CouncilEndpointAuth {
  device: boolean;
  registrationSession: boolean;
  caseworker: boolean;
}

/** One operation of the council API. */
export interface CouncilEndpointDefinition {
  method: 'GET' | 'POST';
  /** OpenAPI-style path with `{param}` placeholders. */
  path: string;
  summary: string;
  auth: CouncilEndpointAuth;
  /** Whether `Idempotency-Key` is required (every `/v1` POST). */
  idempotent: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201; schema: z.ZodType };
  /** The endpoint's own problem codes; `problemCodesFor` adds the ones every endpoint can answer. */
  problems: readonly CouncilProblemCode[];
  /** `/training/*`: only the simulator has it. */
  training: boolean;
}

/** An operation as a table writes it: the flags that follow from method and path are left out. */
export type CouncilEndpointEntry = Omit<CouncilEndpointDefinition, 'idempotent' | 'training'>;

/** An entry with its derived flags added. */
export type WithDerivedFlags<E> = E & { readonly idempotent: boolean; readonly training: boolean };

/** Device credential only: `Authorization: Bearer <device credential>`. */
export const DEVICE_AUTH: CouncilEndpointAuth = { device: true, registrationSession: false, caseworker: false };
/** Device credential and `X-Registration-Session`: a resident's steps. */
export const RESIDENT_AUTH: CouncilEndpointAuth = { device: true, registrationSession: true, caseworker: false };
/** Device credential and `X-Caseworker-Token`: assisted mode. */
export const CASEWORKER_AUTH: CouncilEndpointAuth = { device: true, registrationSession: false, caseworker: true };
/** No credentials: device enrolment and the simulator's training endpoints. */
export const NO_AUTH: CouncilEndpointAuth = { device: false, registrationSession: false, caseworker: false };

/** `/training/*` paths exist only in the simulator. */
export function isTrainingPath(path: string): boolean {
  return path.startsWith('/training/');
}

/** Every `/v1` POST requires `Idempotency-Key`; nothing else does. */
export function requiresIdempotencyKey(method: CouncilEndpointDefinition['method'], path: string): boolean {
  return method === 'POST' && path.startsWith('/v1/');
}

/**
 * Completes a table of operations with the flags that follow from each one's method and path
 * (`idempotent`, `training`), so no entry can state them wrongly.
 */
export function defineCouncilEndpoints<const T extends Record<string, CouncilEndpointEntry>>(
  table: T,
): { [K in keyof T]: WithDerivedFlags<T[K]> } {
  const complete: Record<string, CouncilEndpointDefinition> = {};
  for (const [name, entry] of Object.entries(table)) {
    complete[name] = { ...entry, idempotent: requiresIdempotencyKey(entry.method, entry.path), training: isTrainingPath(entry.path) };
  }
  return complete as { [K in keyof T]: WithDerivedFlags<T[K]> };
}
