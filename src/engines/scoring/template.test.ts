import { describe, expect, it } from 'vitest';
import { ScoringTemplateError, compileTemplate, formatMilli, toMilli, validateTemplate, type ScoringIssue, type ScoringTemplate } from './index.js';

const L = { zh: '项', en: 'item' };
const valid = (): ScoringTemplate => ({
  code: 'window-check',
  version: 2,
  label: L,
  mode: 'deduct',
  fullMark: 10,
  sections: [
    {
      code: 'service',
      label: L,
      items: [
        { code: 'wait', label: L, points: 1, per: 'case', deduction: 0.1, metrics: [{ code: 'minutes', label: L, unit: 'minutes', failsWhen: '>', threshold: 10 }], source: '004:L202' },
        { code: 'early', label: L, per: 'failure', advisory: true },
        { code: 'lost', label: L, incomplete: true, decision: { zh: '缺失', en: 'lost' } },
      ],
    },
  ],
});

function issuesFor(mutate: (t: Record<string, any>) => void): ScoringIssue[] {
  const t = valid() as unknown as Record<string, any>;
  mutate(t);
  const r = validateTemplate(t);
  return r.ok ? [] : r.issues;
}

describe('points are exact decimals in thousandths', () => {
  it('reads numbers and decimal strings with up to 3 places', () => {
    expect([toMilli(0.1), toMilli('0.1'), toMilli(10), toMilli('9.3'), toMilli(0.125), toMilli('0')]).toEqual([100, 100, 10000, 9300, 125, 0]);
  });
  it('refuses negatives, a fourth place, exponents, non-finite and non-numbers', () => {
    for (const x of [-1, 0.0001, '1e3', 1e-7, Number.NaN, Infinity, '', ' ', '1.', '.5', null, true, {}, 10_000.001]) expect(toMilli(x), String(x)).toBeUndefined();
  });
  it('formats without float noise or trailing zeros', () => {
    expect([formatMilli(9300), formatMilli(10000), formatMilli(1), formatMilli(0), formatMilli(-500)]).toEqual(['9.3', '10', '0.001', '0', '-0.5']);
  });
});

describe('validateTemplate', () => {
  it('accepts a well-formed template and compiles its amounts to thousandths', () => {
    const r = validateTemplate(valid());
    expect(r.ok).toBe(true);
    const c = compileTemplate(valid());
    expect(c.fullMark).toBe(10_000);
    expect(c.items.map((i) => [i.code, i.points, i.deduction, i.cap, i.scored])).toEqual([
      ['wait', 1000, 100, 1000, true],
      ['early', 0, 0, 0, false],
      ['lost', 0, 0, 0, false],
    ]);
  });

  const bad: [string, (t: Record<string, any>) => void, Partial<ScoringIssue>][] = [
    ['a template code that is not kebab-case', (t) => (t.code = 'Window_Check'), { path: ['code'], reason: 'invalid_code' }],
    ['an unknown mode', (t) => (t.mode = 'average'), { path: ['mode'], reason: 'invalid_shape' }],
    ['a deduct template without full mark', (t) => delete t.fullMark, { path: ['fullMark'], reason: 'invalid_points' }],
    ['an earn template whose full mark is not the sum of its items', (t) => (t.mode = 'earn'), { path: ['fullMark'], reason: 'inconsistent' }],
    ['an unknown veto outcome', (t) => (t.vetoOutcome = 'halve'), { path: ['vetoOutcome'], reason: 'invalid_shape' }],
    ['no sections', (t) => (t.sections = []), { path: ['sections'], reason: 'out_of_range' }],
    ['a section code twice', (t) => t.sections.push({ ...t.sections[0], items: [{ code: 'other', label: L, points: 1, per: 'case' }] }), { path: ['sections', 1, 'code'], reason: 'duplicate_code' }],
    ['an item code twice across sections', (t) => t.sections.push({ code: 'two', label: L, items: [{ code: 'wait', label: L, points: 1, per: 'case' }] }), { path: ['sections', 1, 'items', 0, 'code'], reason: 'duplicate_code' }],
    ['a scored item without points', (t) => delete t.sections[0].items[0].points, { path: ['sections', 0, 'items', 0, 'points'], reason: 'invalid_points' }],
    ['points with four decimals', (t) => (t.sections[0].items[0].points = 0.0001), { path: ['sections', 0, 'items', 0, 'points'], reason: 'invalid_points' }],
    ['negative points', (t) => (t.sections[0].items[0].points = -1), { path: ['sections', 0, 'items', 0, 'points'], reason: 'invalid_points' }],
    ['a zero deduction', (t) => (t.sections[0].items[0].deduction = 0), { path: ['sections', 0, 'items', 0, 'deduction'], reason: 'invalid_points' }],
    ['a cap above the points', (t) => (t.sections[0].items[0].cap = 1.5), { path: ['sections', 0, 'items', 0, 'cap'], reason: 'inconsistent' }],
    ['an unknown basis', (t) => (t.sections[0].items[0].per = 'minute'), { path: ['sections', 0, 'items', 0, 'per'], reason: 'invalid_shape' }],
    ['an advisory veto item', (t) => (t.sections[0].items[1].veto = true), { path: ['sections', 0, 'items', 1], reason: 'inconsistent' }],
    ['a metric code twice', (t) => t.sections[0].items[0].metrics.push({ ...t.sections[0].items[0].metrics[0] }), { path: ['sections', 0, 'items', 0, 'metrics', 1, 'code'], reason: 'duplicate_code' }],
    ['an unknown unit', (t) => (t.sections[0].items[0].metrics[0].unit = 'seconds'), { path: ['sections', 0, 'items', 0, 'metrics', 0, 'unit'], reason: 'invalid_shape' }],
    ['an unknown boundary', (t) => (t.sections[0].items[0].metrics[0].failsWhen = '=='), { path: ['sections', 0, 'items', 0, 'metrics', 0, 'failsWhen'], reason: 'invalid_shape' }],
    ['a threshold outside the unit range', (t) => Object.assign(t.sections[0].items[0].metrics[0], { unit: 'percent', threshold: 101 }), { path: ['sections', 0, 'items', 0, 'metrics', 0, 'threshold'], reason: 'out_of_range' }],
    ['min not below max', (t) => Object.assign(t.sections[0].items[0].metrics[0], { min: 5, max: 5 }), { path: ['sections', 0, 'items', 0, 'metrics', 0, 'max'], reason: 'inconsistent' }],
    ['a label without English', (t) => (t.label = { zh: '项' }), { path: ['label', 'en'], reason: 'invalid_shape' }],
    ['a decision that is one string', (t) => (t.sections[0].items[2].decision = 'lost'), { path: ['sections', 0, 'items', 2, 'decision'], reason: 'invalid_shape' }],
    ['an unknown field', (t) => (t.sections[0].items[0].weight = 2), { path: ['sections', 0, 'items', 0, 'weight'], reason: 'unknown_field' }],
    ['only unscored items', (t) => (t.sections[0].items = [t.sections[0].items[1]]), { path: ['sections'], reason: 'inconsistent' }],
  ];
  for (const [what, mutate, expected] of bad) {
    it(`refuses ${what}`, () => {
      const issues = issuesFor(mutate);
      expect(issues).toContainEqual(expect.objectContaining(expected));
      for (const i of issues) expect(i.message.zh).toMatch(/[\u3400-\u9fff]|[<>=]/);
    });
  }

  it('never throws, whatever it is given', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    for (const x of [undefined, null, 1, 'x', [], hostile]) expect(validateTemplate(x).ok).toBe(false);
    expect(() => compileTemplate(null as unknown as ScoringTemplate)).toThrow(ScoringTemplateError);
  });

  it('compiles a frozen template once', () => {
    const t = Object.freeze(valid());
    expect(compileTemplate(t)).toBe(compileTemplate(t));
    expect(compileTemplate(valid())).not.toBe(compileTemplate(valid()));
  });
});
