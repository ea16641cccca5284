import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSignedCode, encodeSignedCode } from './signed-codes.js';

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
