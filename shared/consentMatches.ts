import type { ServiceDefinition } from './serviceDefinition.ts';

type Consent = ServiceDefinition['consent'];

/**
 * The consent rule, the same on the kiosk and at the council: consent counts only when it is
 * the service's current version and gives every statement of it, no fewer and no others.
 * Repeating a statement changes nothing.
 */
export function consentMatches(current: Consent, given: { version: string; statementIds: readonly string[] }): boolean {
  if (given.version !== current.version) return false;
  const wanted = new Set(current.statements.map((s) => s.id));
  const gave = new Set(given.statementIds);
  return gave.size === wanted.size && [...wanted].every((id) => gave.has(id));
}
