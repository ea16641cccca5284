import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newId } from './ids.js';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId', () => {
  it('is a UUIDv7 carrying the time it was made at', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), (ms) => {
        const id = newId(ms);
        expect(id).toMatch(uuidV7);
        expect(msOf(id)).toBe(ms);
      }),
    );
  });

  it('orders ids made in one millisecond as they were made (RFC 9562 §6.2), each distinct', () => {
    const now = Date.parse('2026-11-16T17:31:00+08:00');
    const ids = Array.from({ length: 5_000 }, () => newId(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => id.match(uuidV7) && msOf(id) === now)).toBe(true);
  });

  it('orders ids by time across milliseconds, and an id made for an earlier time still carries that time', () => {
    const a = newId(2_000_000_000_000);
    const b = newId(2_000_000_000_001);
    const older = newId(1_500_000_000_000);
    expect(a < b).toBe(true);
    expect(msOf(older)).toBe(1_500_000_000_000);
    expect(older < a).toBe(true);
  });

  it('does not repeat the random part of ids made in the same millisecond', () => {
    const now = 1_800_000_000_000;
    const tails = new Set(Array.from({ length: 1_000 }, () => newId(now).slice(15)));
    expect(tails.size).toBe(1_000);
  });
});
