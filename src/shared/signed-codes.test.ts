import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSignedCode, encodeLongSignedCode, encodeSignedCode } from './signed-codes.js';

const secret = 'test-secret-0123456789abcdef';

describe('signed codes', () => {
  it('round-trips the fields it signed', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), (fields) => {
        expect(decodeSignedCode(secret, 'any-code', encodeSignedCode(secret, 'any-code', fields))).toEqual(fields);
      }),
    );
  });

  it('refuses another domain, another secret, a changed payload or mac, extra parts and oversized payloads', () => {
    const code = encodeSignedCode(secret, 'rating-code', ['org', 'unit', '']);
    const [payload, mac] = code.split('.');
    expect(decodeSignedCode(secret, 'survey-code', code)).toBeNull();
    expect(decodeSignedCode(`${secret}x`, 'rating-code', code)).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', `${payload}A.${mac}`)).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', `${payload}.${mac.slice(1)}`)).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', `${code}.x`)).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', payload)).toBeNull();
    const long = encodeSignedCode(secret, 'rating-code', ['x'.repeat(200)]);
    expect(decodeSignedCode(secret, 'rating-code', long)).toBeNull();
  });
});

describe('compact codes (issue 13 item 8: a less dense QR code)', () => {
  const uuid = fc.uuid().map((u) => u.toLowerCase());
  const org = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';
  const unit = '0192f3a4-5b6c-7d8e-8f01-23456789abce';
  const staff = '0192f3a4-5b6c-7d8e-af01-23456789abcf';

  it('round-trips UUID fields, empty ones in their place', () => {
    fc.assert(
      fc.property(fc.array(fc.option(uuid, { nil: '' }), { minLength: 1, maxLength: 4 }), (fields) => {
        fc.pre(fields.some(Boolean));
        const code = encodeSignedCode(secret, 'rating-code', fields);
        expect(code).not.toContain('.');
        expect(decodeSignedCode(secret, 'rating-code', code)).toEqual(fields);
      }),
    );
  });

  it('is less than half as long as the long form printed before, which still decodes', () => {
    for (const fields of [[org, unit, ''], [org, unit, staff]]) {
      const compact = encodeSignedCode(secret, 'rating-code', fields);
      const long = encodeLongSignedCode(secret, 'rating-code', fields);
      expect(compact.length * 2).toBeLessThan(long.length);
      expect(decodeSignedCode(secret, 'rating-code', long)).toEqual(fields);
    }
    expect(encodeSignedCode(secret, 'rating-code', [org, unit, '']).length).toBe(56);
  });

  it('refuses a tampered payload or signature, another domain or secret, a cut or padded code', () => {
    const code = encodeSignedCode(secret, 'rating-code', [org, unit, '']);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (let i = 0; i < code.length; i++) expect(decodeSignedCode(secret, 'rating-code', flip(code, i)), `char ${i}`).toBeNull();
    expect(decodeSignedCode(secret, 'survey-code', code)).toBeNull();
    expect(decodeSignedCode(`${secret}x`, 'rating-code', code)).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', code.slice(1))).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', `A${code}`)).toBeNull();
    expect(decodeSignedCode(secret, 'rating-code', `${code}A`)).toBeNull();
  });
});
