import { getCountryCallingCode, parsePhoneNumberWithError, ParseError, validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumberType } from 'libphonenumber-js/max';
import { z } from 'zod';

/**
 * Phone numbers for two-factor enrolment (seed steps 9–10). A resident types a number the way
 * they write it ("01603 222222", "07911 123456", "+44 (0)7911 123456"); this turns it into E.164
 * for the council API, says what kind of number it is, and which checks it can receive: a
 * mobile gets 'Send Code' (a text) or 'Call Me'; a landline only 'Call Me'.
 *
 * Type detection needs libphonenumber's full metadata (`libphonenumber-js/max`): the smaller
 * builds cannot tell a mobile from a landline. In the renderer bundle it costs about 250 KiB
 * minified, 53 KiB gzipped (the `min` build: 32 KiB gzipped), measured by
 * `test/bench/councilPhoneMetadata.bench.ts`. The kiosk and the council API simulator both use
 * this file, so they agree.
 */

/** The country assumed when a number has no `+` prefix: the kiosks are in the UK. */
export const DEFAULT_PHONE_COUNTRY = 'GB';

/** Longest input we try to parse; anything longer is refused before parsing. */
const MAX_INPUT_LENGTH = 40;

/**
 * What kind of number it is. `landline_or_mobile` is for countries whose numbers do not say (the
 * USA); the rest follow libphonenumber's types.
 */
export const phoneKindSchema = z.enum([
  'mobile',
  'landline',
  'landline_or_mobile',
  'voip',
  'toll_free',
  'premium_rate',
  'shared_cost',
  'personal',
  'pager',
  'uan',
  'voicemail',
  'unknown',
]);

/** A kind of phone number. */
export type PhoneKind = z.infer<typeof phoneKindSchema>;

/** How a number can be checked: a text with a code, or an automated call. */
export const phoneCheckMethodSchema = z.enum(['sms', 'call']);

/** A phone check method. */
export type PhoneCheckMethod = z.infer<typeof phoneCheckMethodSchema>;

/** Why a typed number was refused. */
export const phoneNumberProblemSchema = z.enum([
  /** Nothing typed. */
  'empty',
  /** Letters or other characters that cannot be a phone number. */
  'not_a_number',
  /** A `+` and a country code that does not exist. */
  'invalid_country',
  'too_short',
  'too_long',
  /** The right shape but no such number (an unallocated range). */
  'invalid',
  /** An extension ("ext 5"): an automated call or text cannot reach it. */
  'has_extension',
  /** A real number, but in a country the service does not send texts or calls to. */
  'country_not_supported',
]);

/** Why a typed number was refused. */
export type PhoneNumberProblem = z.infer<typeof phoneNumberProblemSchema>;

/** The result of reading a typed phone number. */
export const parsedPhoneNumberSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** For the council API: `+441603222222`. */
    e164: z.string(),
    kind: phoneKindSchema,
    /** For display, as people in the number's country write it: `01603 222222`. */
    nationalFormat: z.string(),
    /** For display to someone abroad: `+44 1603 222222`. */
    internationalFormat: z.string(),
    /** ISO country, when known. */
    country: z.string().optional(),
    /** The checks this number can receive; empty for kinds that cannot be enrolled. */
    methods: z.array(phoneCheckMethodSchema),
  }),
  z.strictObject({ ok: z.literal(false), problem: phoneNumberProblemSchema }),
]);

/** The result of reading a typed phone number. */
export type ParsedPhoneNumber = z.infer<typeof parsedPhoneNumberSchema>;

const KINDS: Record<PhoneNumberType, PhoneKind> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  FIXED_LINE_OR_MOBILE: 'landline_or_mobile',
  VOIP: 'voip',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};
/** `KINDS` as looked up at run time: a newer libphonenumber-js may answer a type `KINDS` does not list. */
const KIND_OF_TYPE: Partial<Record<string, PhoneKind>> = KINDS;

/**
 * Which checks a kind of number can receive. Texts only reach mobiles; landlines (and numbers
 * that may be either, or internet phones) get a call; kinds that cannot take an automated call
 * reliably (premium rate, pagers, voicemail, non-geographic ranges) cannot be enrolled.
 */
export function phoneMethodsFor(kind: PhoneKind): PhoneCheckMethod[] {
  switch (kind) {
    case 'mobile':
      return ['sms', 'call'];
    case 'landline':
    case 'landline_or_mobile':
    case 'voip':
      return ['call'];
    default:
      return [];
  }
}

const PARSE_PROBLEMS: Record<string, PhoneNumberProblem> = {
  NOT_A_NUMBER: 'not_a_number',
  INVALID_COUNTRY: 'invalid_country',
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'invalid',
};

/** How to read a typed number: where it is assumed to be, and which numbers the service takes. */
export interface PhoneNumberOptions {
  /** The country assumed when a number has no `+` prefix (default `GB`). */
  defaultCountry?: string;
  /**
   * The countries whose numbers the service can text or call (a service definition's
   * `phoneCountries`); a valid number elsewhere is `country_not_supported`. Omitted: any country.
   */
  countries?: readonly string[];
  /** Training mode: Ofcom's drama ranges are accepted (see `isUkDramaNumber`). */
  training?: boolean;
}

/**
 * Ofcom's ranges kept for drama, which nobody owns: 07700 900000–900999 (mobile) and
 * 01632 960000–960999 (landline). libphonenumber calls them invalid; training mode accepts them
 * so trainers can practise with numbers that reach no one. `nationalNumber` has no leading 0.
 */
export function ukDramaKind(nationalNumber: string): 'mobile' | 'landline' | undefined {
  if (/^7700900\d{3}$/.test(nationalNumber)) return 'mobile';
  if (/^1632960\d{3}$/.test(nationalNumber)) return 'landline';
  return undefined;
}

// A country's numbering plan is its calling code: 'GB' is every +44 number, so the Channel
// Islands' and the Isle of Man's numbers, which share the UK's plan, count as UK numbers.
function callingCodeOf(country: string): string | undefined {
  try {
    return getCountryCallingCode(country as CountryCode);
  } catch {
    return undefined;
  }
}

// A UK number without a leading 0 has 10 digits, apart from a few small areas with 9; an invalid
// one that is shorter or longer than that is said to be too short or too long, which is what
// the resident can act on ("07700 12345" has lost a digit; it is not an unknown number).
function ukLengthProblem(nationalNumber: string): PhoneNumberProblem {
  if (nationalNumber.length < 10) return 'too_short';
  if (nationalNumber.length > 10) return 'too_long';
  return 'invalid';
}

/**
 * Reads a typed phone number; a number without `+` is taken to be in `options.defaultCountry`.
 * With `options.countries`, a number from anywhere else is refused as `country_not_supported`.
 */
export function parsePhoneNumber(raw: string, options: PhoneNumberOptions = {}): ParsedPhoneNumber {
  const defaultCountry = options.defaultCountry ?? DEFAULT_PHONE_COUNTRY;
  const text = raw.trim();
  if (text.length === 0) return { ok: false, problem: 'empty' };
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, problem: 'too_long' };
  if (!/^[\d\s()+\-./]+(\s*(ext\.?|x|#)\s*\d+)?$/i.test(text)) return { ok: false, problem: 'not_a_number' };
  const country = defaultCountry as CountryCode;
  let phone;
  try {
    phone = parsePhoneNumberWithError(text, country);
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, problem: PARSE_PROBLEMS[error.message] ?? 'invalid' };
    throw error;
  }
  if (phone.ext !== undefined) return { ok: false, problem: 'has_extension' };
  if (options.countries !== undefined && !options.countries.some((c) => callingCodeOf(c) === phone.countryCallingCode)) {
    return { ok: false, problem: phone.isValid() ? 'country_not_supported' : 'invalid' };
  }
  const drama = options.training === true && phone.countryCallingCode === '44' ? ukDramaKind(phone.nationalNumber) : undefined;
  if (!phone.isValid() && drama === undefined) {
    if (phone.countryCallingCode === '44') return { ok: false, problem: ukLengthProblem(phone.nationalNumber) };
    const length = validatePhoneNumberLength(text, country);
    return { ok: false, problem: length !== undefined ? (PARSE_PROBLEMS[length] ?? 'invalid') : 'invalid' };
  }
  const type = phone.getType();
  const kind: PhoneKind = drama ?? (type !== undefined ? (KIND_OF_TYPE[type] ?? 'unknown') : 'unknown');
  return {
    ok: true,
    e164: phone.number,
    kind,
    nationalFormat: phone.formatNational(),
    internationalFormat: phone.formatInternational(),
    ...(phone.country !== undefined ? { country: phone.country } : {}),
    methods: phoneMethodsFor(kind),
  };
}
