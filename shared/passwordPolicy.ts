import { z } from 'zod';

/**
 * The council account password policy (seed step 8 / 10; the same rules as Azure AD B2C's
 * "strong" policy the My Norfolk account uses): 8 to 64 characters, and at least 3 of the 4
 * kinds lower case, upper case, digits, symbols. Control characters are never allowed.
 *
 * `checkPassword` returns a per-rule checklist so the create-account screen can tick rules off
 * live as the resident types, and the council API simulator answers `password_too_weak` with
 * the same rule ids in `failedRules`: the kiosk and the council cannot disagree.
 */

/** Fewest characters. */
export const PASSWORD_MIN_LENGTH = 8;
/** Most characters (counted as Unicode code points, the way people count them). */
export const PASSWORD_MAX_LENGTH = 64;
/** How many of the four kinds a password needs. */
export const PASSWORD_KINDS_REQUIRED = 3;

/** The rule ids, in the order the checklist shows them. */
export const passwordRuleSchema = z.enum([
  /** 8–64 characters. */
  'length',
  /** At least 3 of: lower case, upper case, digit, symbol. */
  'three_kinds',
  /** No control characters (tabs, line breaks…). */
  'no_control_characters',
]);

/** A password rule id. */
export type PasswordRule = z.infer<typeof passwordRuleSchema>;

/** The four kinds of character the policy counts. */
export const passwordKindSchema = z.enum(['lowercase', 'uppercase', 'digit', 'symbol']);

/** A kind of character. */
export type PasswordKind = z.infer<typeof passwordKindSchema>;

/** The result of checking a password: each rule and each kind, met or not. */
export const passwordCheckSchema = z.strictObject({
  /** True when every rule is met. */
  valid: z.boolean(),
  rules: z.array(z.strictObject({ rule: passwordRuleSchema, met: z.boolean() })),
  kinds: z.array(z.strictObject({ kind: passwordKindSchema, present: z.boolean() })),
  /** How many kinds are present (0–4). */
  kindsPresent: z.number().int().min(0).max(4),
  /** Length in code points. */
  length: z.number().int().nonnegative(),
  /** The rules not met, in checklist order; empty when valid. */
  failedRules: z.array(passwordRuleSchema),
});

/** The result of checking a password. */
export type PasswordCheck = z.infer<typeof passwordCheckSchema>;

const KIND_TESTS: Record<PasswordKind, RegExp> = {
  lowercase: /\p{Ll}/u,
  uppercase: /\p{Lu}/u,
  digit: /\p{Nd}/u,
  // Anything that is not a letter, a digit or a control character: punctuation, symbols, spaces.
  symbol: /[^\p{L}\p{Nd}\p{Cc}]/u,
};

/** Checks a password against the policy. Pure and fast: safe to call on every keystroke. */
export function checkPassword(password: string): PasswordCheck {
  const length = Array.from(password).length;
  const kinds = passwordKindSchema.options.map((kind) => ({ kind, present: KIND_TESTS[kind].test(password) }));
  const kindsPresent = kinds.filter((k) => k.present).length;
  const rules: PasswordCheck['rules'] = [
    { rule: 'length', met: length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH },
    { rule: 'three_kinds', met: kindsPresent >= PASSWORD_KINDS_REQUIRED },
    { rule: 'no_control_characters', met: !/\p{Cc}/u.test(password) },
  ];
  const failedRules = rules.filter((r) => !r.met).map((r) => r.rule);
  return { valid: failedRules.length === 0, rules, kinds, kindsPresent, length, failedRules };
}

/** What is wrong with a password, most basic first, so an error message can name it. */
export const passwordProblemSchema = z.enum(['too_short', 'too_long', 'three_kinds', 'no_control_characters']);

/** What is wrong with a password. */
export type PasswordProblem = z.infer<typeof passwordProblemSchema>;

/**
 * The problems of a checked password, in the order an error message names them: the length
 * (split into too short and too long, which the checklist's one rule cannot say), then the kinds
 * of character, then control characters. Empty when the password is valid.
 */
export function passwordProblems(check: PasswordCheck): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (check.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (check.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (check.failedRules.includes('three_kinds')) problems.push('three_kinds');
  if (check.failedRules.includes('no_control_characters')) problems.push('no_control_characters');
  return problems;
}
