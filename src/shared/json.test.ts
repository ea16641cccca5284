import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './json.js';

/** What canonicalJson has always answered: a sorted copy of every object, serialised. */
function copiedAndSorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copiedAndSorted);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = copiedAndSorted(v);
    }
    return out;
  }
  return value;
}

/** The same members in another order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, seed + 1));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7) || (b[0] < a[0] ? -1 : 1));
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffled(v, seed + 1)]));
  }
  return value;
}

describe('canonicalJson', () => {
  const values = fc.anything({ withObjectString: false, withNullPrototype: true, withDate: true, withSparseArray: true, maxDepth: 4 });

  it('answers what a sorted copy of the value serialises to, for any value', () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(canonicalJson(v)).toBe(JSON.stringify(copiedAndSorted(v)));
      }),
    );
  });

  it('is the same whatever order the members were given in', () => {
    fc.assert(
      fc.property(values, fc.nat(100), (v, seed) => {
        expect(canonicalJson(shuffled(v, seed))).toBe(canonicalJson(v));
      }),
    );
  });

  it('serialises an object already in key order as it stands, and orders the rest', () => {
    const inOrder = { actions: ['notify'], caseId: 'c1', levelId: 'remind', nested: { a: 1, b: undefined, c: [{ y: 2, x: 1 }] } };
    expect(canonicalJson(inOrder)).toBe('{"actions":["notify"],"caseId":"c1","levelId":"remind","nested":{"a":1,"c":[{"x":1,"y":2}]}}');
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(canonicalJson({ 10: 'ten', 9: 'nine', a: undefined })).toBe('{"9":"nine","10":"ten"}');
    expect(canonicalJson(new Date(0))).toBe('{}');
  });
});
