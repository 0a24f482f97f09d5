import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedPhoneNumberSchema, parsePhoneNumber, phoneMethodsFor, phoneKindSchema, ukDramaKind } from '../../shared/phoneNumber.ts';

describe('phone numbers', () => {
  it.each([
    ['07911 123456', '+447911123456', 'mobile', '07911 123456', ['sms', 'call']],
    ['+44 (0)7911 123456', '+447911123456', 'mobile', '07911 123456', ['sms', 'call']],
    ['01603 222222', '+441603222222', 'landline', '01603 222222', ['call']],
    ['(01603) 222-222', '+441603222222', 'landline', '01603 222222', ['call']],
    ['020 7946 0018', '+442079460018', 'landline', '020 7946 0018', ['call']],
    ['056 1234 5678', '+445612345678', 'voip', '056 1234 5678', ['call']],
    ['+1 212 555 0100', '+12125550100', 'landline_or_mobile', '(212) 555-0100', ['call']],
    ['+33 6 12 34 56 78', '+33612345678', 'mobile', '06 12 34 56 78', ['sms', 'call']],
    ['0800 123 4567', '+448001234567', 'toll_free', '0800 123 4567', []],
    ['0909 879 0000', '+449098790000', 'premium_rate', '0909 879 0000', []],
  ])('reads %j', (typed, e164, kind, national, methods) => {
    const parsed = parsePhoneNumber(typed);
    expect(parsed).toMatchObject({ ok: true, e164, kind, nationalFormat: national, methods });
    expect(parsedPhoneNumberSchema.parse(parsed)).toEqual(parsed);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['call me maybe', 'not_a_number'],
    ['tel:+441603222222', 'not_a_number'],
    ['<script>', 'not_a_number'],
    ['123', 'too_short'],
    ['0770090012345678', 'too_long'],
    ['1'.repeat(41), 'too_long'],
    ['+999 1234567', 'invalid_country'],
    ['07700 900123', 'invalid'],
    ['01603 222222 ext 5', 'has_extension'],
    // A UK number missing a digit is too short, not an unknown number.
    ['07700 12345', 'too_short'],
    ['01603 22222', 'too_short'],
    ['07911 1234567', 'too_long'],
  ])('refuses %j as %s', (typed, problem) => {
    expect(parsePhoneNumber(typed)).toEqual({ ok: false, problem });
  });

  it('refuses numbers outside the service\'s countries, saying so, and still reads UK numbers', () => {
    const uk = { countries: ['GB'] };
    expect(parsePhoneNumber('+1 202 555 0143', uk)).toEqual({ ok: false, problem: 'country_not_supported' });
    expect(parsePhoneNumber('+33 6 12 34 56 78', uk)).toEqual({ ok: false, problem: 'country_not_supported' });
    expect(parsePhoneNumber('+1 202', uk)).toEqual({ ok: false, problem: 'invalid' });
    expect(parsePhoneNumber('+44 7911 123456', uk)).toMatchObject({ ok: true, e164: '+447911123456', kind: 'mobile' });
    expect(parsePhoneNumber('07911 123456', uk)).toMatchObject({ ok: true, kind: 'mobile' });
    expect(parsePhoneNumber('+33 6 12 34 56 78', { countries: ['GB', 'FR'] })).toMatchObject({ ok: true, kind: 'mobile' });
  });

  it("accepts Ofcom's drama ranges in training mode only", () => {
    const training = { countries: ['GB'], training: true };
    expect(parsePhoneNumber('07700 900000', training)).toMatchObject({ ok: true, e164: '+447700900000', kind: 'mobile', methods: ['sms', 'call'] });
    expect(parsePhoneNumber('07700 900999', training)).toMatchObject({ ok: true, kind: 'mobile', nationalFormat: '07700 900999' });
    expect(parsePhoneNumber('01632 960000', training)).toMatchObject({ ok: true, e164: '+441632960000', kind: 'landline', methods: ['call'] });
    expect(parsePhoneNumber('+44 1632 960999', training)).toMatchObject({ ok: true, kind: 'landline' });
    // Just outside the ranges, and the ranges outside training.
    expect(parsePhoneNumber('01632 961000', training)).toEqual({ ok: false, problem: 'invalid' });
    expect(parsePhoneNumber('07700 900123', { countries: ['GB'] })).toEqual({ ok: false, problem: 'invalid' });
    expect(parsePhoneNumber('01632 960123')).toEqual({ ok: false, problem: 'invalid' });
    expect(ukDramaKind('7700900500')).toBe('mobile');
    expect(ukDramaKind('7700901500')).toBeUndefined();
  });

  it('offers texts to mobiles only and calls to landlines', () => {
    expect(phoneMethodsFor('mobile')).toEqual(['sms', 'call']);
    expect(phoneMethodsFor('landline')).toEqual(['call']);
    for (const kind of phoneKindSchema.options) {
      if (kind !== 'mobile') expect(phoneMethodsFor(kind)).not.toContain('sms');
    }
  });

  it('uses the default country only for numbers without +', () => {
    expect(parsePhoneNumber('06 12 34 56 78', { defaultCountry: 'FR' })).toMatchObject({ ok: true, e164: '+33612345678', kind: 'mobile' });
    expect(parsePhoneNumber('+441603222222', { defaultCountry: 'FR' })).toMatchObject({ ok: true, e164: '+441603222222', kind: 'landline' });
  });

  it('never throws, and always answers the schema, for any typed text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 50 }), fc.stringMatching(/^[+0-9 ()-]{0,25}$/)), (typed) => {
        const parsed = parsePhoneNumber(typed);
        expect(parsedPhoneNumberSchema.safeParse(parsed).success).toBe(true);
        if (parsed.ok) expect(parsed.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });
});
