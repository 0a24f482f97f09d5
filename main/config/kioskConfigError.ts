import type { z } from 'zod';

/**
 * A configuration the kiosk refuses to start with. The message names the file, each setting and
 * what is wrong with it, in IT's terms: "`idle.warningSeconds`: 10 is below the minimum 20".
 */
export class KioskConfigError extends Error {
  override readonly name = 'KioskConfigError';

  /** One line per problem, without the file's name. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.problems = problems;
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined) return String(value);
  if (typeof value === 'symbol') return value.toString();
  return 'a function';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  return { string: 'text', boolean: 'true or false', object: 'an object', undefined: 'nothing' }[typeof value as string] ?? typeof value;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text in quotes',
  boolean: 'true or false',
  object: 'an object { … }',
  array: 'a list [ … ]',
};

/** What is wrong with one setting, in plain words, from a zod issue (parsed with `reportInput`). */
export function describeConfigIssue(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling against the JSON Schema)`;
    case 'invalid_type':
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(input)}${input === undefined ? '' : ` (${shown(input)})`}`;
    case 'too_small':
      if (issue.origin === 'string') return `is too short (at least ${String(issue.minimum)} characters)`;
      return `${shown(input)} is below the minimum ${String(issue.minimum)}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (at most ${String(issue.maximum)} characters)`;
      return `${shown(input)} is above the maximum ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${shown(input)} is not one of ${issue.values.map((value) => shown(value)).join(', ')}`;
    case 'invalid_format':
      // The schema words its own messages for addresses and patterns ("must be an absolute path").
      if (issue.format === 'url' || issue.format === 'regex') return `${shown(input)} ${issue.message}`;
      return `${shown(input)} is not a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

/** A setting's path as IT writes it: `idle.warningSeconds`, or `(the whole file)` for the top. */
export function settingPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}
