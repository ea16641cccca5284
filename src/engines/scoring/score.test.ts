import { describe, expect, it } from 'vitest';
import { hospitalScorecard } from '../../policy/presets/templates/hospital-scorecard.js';
import { ScoringInputError, ScoringTemplateError, scoreInspection, type ItemResult, type ScoringIssue, type ScoringItem, type ScoringTemplate } from './index.js';

const L = { zh: '项', en: 'item' };

function template(items: ScoringItem[], extra: Partial<ScoringTemplate> = {}): ScoringTemplate {
  return { code: 'test', label: L, mode: 'earn', sections: [{ code: 's', label: L, items }], ...extra };
}

function issuesOf(run: () => unknown): ScoringIssue[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ScoringInputError);
    expect((err as ScoringInputError).code).toBe('scoring_invalid');
    return (err as ScoringInputError).issues;
  }
  throw new Error('expected a ScoringInputError');
}

const score = (t: ScoringTemplate, results: ItemResult[]) => scoreInspection({ template: t, results });
/** One measurement per indicator: `{ drug_ratio: 30 }` → `[{ metric: 'drug_ratio', value: 30 }]`. */
const measured = (values: Record<string, number>) => Object.entries(values).map(([metric, value]) => ({ metric, value }));
const waits = (...minutes: number[]) => minutes.map((value) => ({ metric: 'window_wait', value }));

describe('hospital scorecard (004:L202–204): the acceptance examples', () => {
  it('window waits 9, 10 and 13 minutes and three fee cases → service −0.1, fees −0.6, score 9.3', () => {
    // 004:L202 waits ≤ 10 min comply (10 itself does); 004:L204 service −0.1 per case, fees −0.2 per case
    const r = score(hospitalScorecard, [
      { item: 'service', observations: waits(9, 10, 13) },
      { item: 'fees', cases: 3 },
    ]);
    const service = r.items.find((i) => i.item === 'service');
    const fees = r.items.find((i) => i.item === 'fees');
    expect(service).toMatchObject({ deduction: 0.1, cases: 1, failed: ['window_wait'], capped: false });
    expect(fees).toMatchObject({ deduction: 0.6, cases: 3, failed: [] });
    expect(r.score).toBe(9.3);
    expect(String(r.score)).toBe('9.3');
    expect(r.maxScore).toBe(10);
    expect(r.deductions).toBe(0.7);
    expect(r.vetoed).toBe(false);
  });

  it('twelve window waits over 10 minutes → service loses 1.0 (its point), not 1.2', () => {
    // 004:L204 item (二) is worth 1 point; RULES §4: an item never loses more than its points
    const r = score(hospitalScorecard, [{ item: 'service', observations: waits(...Array.from({ length: 12 }, (_, i) => 11 + i)) }]);
    expect(r.items.find((i) => i.item === 'service')).toMatchObject({ deduction: 1, cases: 12, capped: true });
    expect(r.score).toBe(9);
  });

  it('quality loses 0.5 per failed indicator, each at its own boundary (004:L204)', () => {
    const r = score(hospitalScorecard, [
      {
        item: 'quality',
        observations: measured({
          major_incident: 0, // none: complies
          incident_reporting: 99.9, // < 100 % fails
          average_stay: 10, // ≤ 10 days complies
          prescription_compliance: 98, // ≥ 98 % complies
          grade_a_records: 84.9, // < 85 % fails
          grade_c_records: 0,
          drug_ratio: 30, // "30%以内": 30 % complies
        }),
      },
    ]);
    expect(r.items.find((i) => i.item === 'quality')).toMatchObject({ deduction: 1, failures: 2, failed: ['incident_reporting', 'grade_a_records'] });
    expect(r.score).toBe(9);
  });

  it('every item at its worst: deductions stop at each item\'s points and the total at 7 of 10 (items 一–五)', () => {
    const r = score(hospitalScorecard, [
      { item: 'lawful', cases: 4 },
      { item: 'service', cases: 30, observations: [{ metric: 'equipment_report', value: 25 }, { metric: 'routine_test', value: 31 }] },
      {
        item: 'quality',
        observations: measured({
          major_incident: 1,
          incident_reporting: 50,
          average_stay: 10.5,
          prescription_compliance: 90,
          grade_a_records: 60,
          grade_c_records: 2,
          drug_ratio: 30.1,
        }),
      },
      { item: 'fees', cases: 6 },
      { item: 'care', cases: 5 },
    ]);
    expect(r.items.map((i) => [i.item, i.deduction])).toEqual([
      ['lawful', 1],
      ['service', 1],
      ['quality', 3], // 7 × 0.5 = 3.5, capped at 3
      ['fees', 1], // 6 × 0.2 = 1.2, capped at 1
      ['care', 1],
      ['relations', 0], // item 六: text lost, not scored
    ]);
    expect(r.score).toBe(3);
  });

  it('item 六 is incomplete: a note is kept, findings are refused', () => {
    expect(score(hospitalScorecard, [{ item: 'relations', note: '患者反映沟通不足' }]).score).toBe(10);
    const issues = issuesOf(() => score(hospitalScorecard, [{ item: 'relations', cases: 1 }]));
    expect(issues).toEqual([expect.objectContaining({ path: ['results', 0], reason: 'item_incomplete' })]);
  });
});

describe('deductions and caps', () => {
  it('a deduction defaults to the item\'s points: one failure loses the item', () => {
    const t = template([{ code: 'badge', label: L, points: 5, per: 'failure' }, { code: 'tidy', label: L, points: 5, per: 'failure' }]);
    const r = score(t, [{ item: 'badge', pass: false }, { item: 'tidy', pass: true }]);
    expect(r.items.map((i) => i.deduction)).toEqual([5, 0]);
    expect(r).toMatchObject({ score: 5, maxScore: 10 });
  });

  it('a cap below the points limits the loss', () => {
    const t = template([{ code: 'a', label: L, points: 4, per: 'case', deduction: 1, cap: 2.5 }]);
    expect(score(t, [{ item: 'a', cases: 2 }]).items[0]).toMatchObject({ deduction: 2, capped: false });
    expect(score(t, [{ item: 'a', cases: 3 }]).items[0]).toMatchObject({ deduction: 2.5, capped: true });
    expect(score(t, [{ item: 'a', cases: 3 }]).score).toBe(1.5);
  });

  it('ten cases of 0.1 are exactly 1, and thirds of a point in thousandths add up exactly', () => {
    const tenths = template([{ code: 'a', label: L, points: 10, per: 'case', deduction: 0.1 }]);
    expect(score(tenths, [{ item: 'a', cases: 10 }]).items[0].deduction).toBe(1);
    expect(score(tenths, [{ item: 'a', cases: 3 }]).score).toBe(9.7);
    const thousandths = template([{ code: 'a', label: L, points: '1', per: 'case', deduction: '0.333' }]);
    expect(score(thousandths, [{ item: 'a', cases: 3 }])).toMatchObject({ score: 0.001, deductions: 0.999 });
  });

  it('a deduct template floors at 0 although its items could lose more than the full mark', () => {
    const t = template(
      [
        { code: 'a', label: L, points: 10, per: 'case', deduction: 5 },
        { code: 'b', label: L, points: 10, per: 'case', deduction: 5 },
      ],
      { mode: 'deduct', fullMark: 12 },
    );
    expect(score(t, [{ item: 'a', cases: 2 }, { item: 'b', cases: 2 }])).toMatchObject({ score: 0, maxScore: 12, deductions: 20 });
  });

  it('a case item counts entered cases and every breaching measurement', () => {
    const t = template([
      { code: 'wait', label: L, points: 2, per: 'case', deduction: 0.5, metrics: [{ code: 'minutes', label: L, unit: 'minutes', failsWhen: '>', threshold: 10 }] },
    ]);
    const r = score(t, [{ item: 'wait', cases: 1, observations: [{ metric: 'minutes', value: 11 }, { metric: 'minutes', value: 10 }, { metric: 'minutes', value: 40 }] }]);
    expect(r.items[0]).toMatchObject({ cases: 3, deduction: 1.5, failed: ['minutes'] });
  });
});

describe('boundaries', () => {
  const at = (failsWhen: '<=' | '<' | '>=' | '>', value: number) => {
    const t = template([{ code: 'm', label: L, points: 1, per: 'failure', metrics: [{ code: 'x', label: L, unit: 'percent', failsWhen, threshold: 90 }] }]);
    return score(t, [{ item: 'm', observations: [{ metric: 'x', value }] }]).items[0].failures;
  };
  it('> and >= differ only at the threshold; so do < and <=', () => {
    expect([at('>', 89.9), at('>', 90), at('>', 90.1)]).toEqual([0, 0, 1]);
    expect([at('>=', 89.9), at('>=', 90), at('>=', 90.1)]).toEqual([0, 1, 1]);
    expect([at('<', 89.9), at('<', 90), at('<', 90.1)]).toEqual([1, 0, 0]);
    expect([at('<=', 89.9), at('<=', 90), at('<=', 90.1)]).toEqual([1, 1, 0]);
  });
});

describe('N/A, advisory and veto items', () => {
  const items: ScoringItem[] = [
    { code: 'phone', label: L, points: 20, per: 'failure', allowNa: true },
    { code: 'badge', label: L, points: 80, per: 'failure' },
  ];

  it('earn: an N/A item leaves the maximum (scored out of what applied)', () => {
    expect(score(template(items), [{ item: 'phone', na: true }])).toMatchObject({ score: 80, maxScore: 80 });
    expect(score(template(items), [{ item: 'phone', na: true }, { item: 'badge', pass: false }])).toMatchObject({ score: 0, maxScore: 80 });
  });

  it('deduct: an N/A item loses nothing and the full mark stays (RULES §4: undefined items score full)', () => {
    const t = template(items, { mode: 'deduct', fullMark: 100 });
    expect(score(t, [{ item: 'phone', na: true }, { item: 'badge', pass: false }])).toMatchObject({ score: 20, maxScore: 100 });
  });

  it('advisory items are recorded, never scored (提前10分钟上班 is 提倡, 002:L163)', () => {
    const t = template([{ code: 'early', label: L, per: 'failure', advisory: true }, ...items]);
    const r = score(t, [{ item: 'early', pass: false }]);
    expect(r.items[0]).toMatchObject({ item: 'early', failures: 1, deduction: 0, scored: false });
    expect(r).toMatchObject({ score: 100, maxScore: 100 });
  });

  it('a veto finding (一票否决, 001:L869) zeroes the inspection by default', () => {
    const t = template([...items, { code: 'major', label: L, points: 0, per: 'failure', veto: true }]);
    expect(score(t, [{ item: 'major', pass: true }])).toMatchObject({ score: 100, vetoed: false });
    const r = score(t, [{ item: 'major', pass: false }]);
    expect(r).toMatchObject({ score: 0, vetoed: true });
    expect(r.items.find((i) => i.item === 'major')?.veto).toBe(true);
  });

  it('with vetoOutcome "flag" the score stands and the inspection is marked vetoed', () => {
    const t = template([...items, { code: 'major', label: L, points: 0, per: 'case', veto: true }], { vetoOutcome: 'flag' });
    expect(score(t, [{ item: 'major', cases: 1 }, { item: 'phone', pass: false }])).toMatchObject({ score: 80, vetoed: true });
  });
});

describe('results that do not fit the template → ScoringInputError naming the field', () => {
  const t = template([
    { code: 'wait', label: L, points: 1, per: 'case', deduction: 0.1, metrics: [{ code: 'minutes', label: L, unit: 'minutes', failsWhen: '>', threshold: 10 }] },
    { code: 'rate', label: L, points: 1, per: 'failure', metrics: [{ code: 'pct', label: L, unit: 'percent', failsWhen: '<', threshold: 98 }, { code: 'count', label: L, unit: 'count', failsWhen: '>', threshold: 0 }] },
    { code: 'badge', label: L, points: 1, per: 'failure' },
  ]);
  const cases: [string, unknown, Partial<ScoringIssue>][] = [
    ['unknown item', [{ item: 'nope' }], { path: ['results', 0, 'item'], reason: 'unknown_item' }],
    ['an item twice', [{ item: 'badge', pass: true }, { item: 'badge', pass: false }], { path: ['results', 1, 'item'], reason: 'duplicate_item' }],
    ['unknown metric', [{ item: 'wait', observations: [{ metric: 'pct', value: 1 }] }], { path: ['results', 0, 'observations', 0, 'metric'], reason: 'unknown_metric' }],
    ['an indicator twice', [{ item: 'rate', observations: [{ metric: 'pct', value: 99 }, { metric: 'pct', value: 97 }] }], { path: ['results', 0, 'observations', 1, 'metric'], reason: 'duplicate_metric' }],
    ['percent over 100', [{ item: 'rate', observations: [{ metric: 'pct', value: 100.5 }] }], { path: ['results', 0, 'observations', 0, 'value'], reason: 'out_of_range' }],
    ['negative minutes', [{ item: 'wait', observations: [{ metric: 'minutes', value: -1 }] }], { path: ['results', 0, 'observations', 0, 'value'], reason: 'out_of_range' }],
    ['a fractional count', [{ item: 'rate', observations: [{ metric: 'count', value: 0.5 }] }], { path: ['results', 0, 'observations', 0, 'value'], reason: 'out_of_range' }],
    ['a value that is text', [{ item: 'wait', observations: [{ metric: 'minutes', value: '12' }] }], { path: ['results', 0, 'observations', 0, 'value'], reason: 'out_of_range' }],
    ['negative cases', [{ item: 'wait', cases: -1 }], { path: ['results', 0, 'cases'], reason: 'out_of_range' }],
    ['fractional cases', [{ item: 'wait', cases: 1.5 }], { path: ['results', 0, 'cases'], reason: 'out_of_range' }],
    ['cases on a failure item', [{ item: 'badge', cases: 1 }], { path: ['results', 0, 'cases'], reason: 'not_accepted' }],
    ['pass on a case item', [{ item: 'wait', pass: false }], { path: ['results', 0, 'pass'], reason: 'not_accepted' }],
    ['pass on a measured item', [{ item: 'rate', pass: false }], { path: ['results', 0, 'pass'], reason: 'not_accepted' }],
    ['observations on an unmeasured item', [{ item: 'badge', observations: [] }], { path: ['results', 0, 'observations'], reason: 'not_accepted' }],
    ['N/A not allowed', [{ item: 'badge', na: true }], { path: ['results', 0, 'na'], reason: 'na_not_allowed' }],
    ['an unknown field', [{ item: 'badge', pass: true, photo: 'x' }], { path: ['results', 0, 'photo'], reason: 'unknown_field' }],
    ['results not a list', { item: 'badge' }, { path: ['results'], reason: 'invalid_shape' }],
    ['a result not an object', [null], { path: ['results', 0], reason: 'invalid_shape' }],
    ['a long note', [{ item: 'badge', note: 'x'.repeat(2001) }], { path: ['results', 0, 'note'], reason: 'invalid_shape' }],
  ];
  for (const [what, results, expected] of cases) {
    it(what, () => {
      const issues = issuesOf(() => scoreInspection({ template: t, results: results as ItemResult[] }));
      expect(issues).toContainEqual(expect.objectContaining(expected));
      for (const i of issues) {
        expect(i.message.en).toMatch(/[a-z]/);
        expect(i.message.zh).toMatch(/[\u3400-\u9fff]/);
      }
    });
  }

  it('N/A with findings is refused where N/A is allowed', () => {
    const na = template([{ code: 'phone', label: L, points: 1, per: 'failure', allowNa: true }]);
    expect(issuesOf(() => score(na, [{ item: 'phone', na: true, pass: false }]))).toEqual([expect.objectContaining({ reason: 'na_with_findings', path: ['results', 0, 'na'] })]);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(() => score(t, [{ item: 'nope' }, { item: 'wait', cases: -2 }, { item: 'wait' }]));
    expect(issues.map((i) => i.reason)).toEqual(['unknown_item', 'out_of_range', 'duplicate_item']);
  });

  it('a hostile result (a throwing getter) is an input error, not a crash', () => {
    const evil = { item: 'badge' };
    Object.defineProperty(evil, 'pass', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(issuesOf(() => score(t, [evil as ItemResult]))[0].reason).toBe('invalid_shape');
  });

  it('a bad template is a ScoringTemplateError', () => {
    expect(() => scoreInspection({ template: { code: 'x' } as unknown as ScoringTemplate, results: [] })).toThrow(ScoringTemplateError);
    expect(() => scoreInspection(undefined as unknown as { template: ScoringTemplate; results: [] })).toThrow(ScoringTemplateError);
  });
});
