import { describe, expect, it } from 'vitest';
import { scoreInspection, validateTemplate, type ScoringTemplate } from '../engines/scoring/index.js';
import { SECTORS, findInspectionTemplate, inspectionTemplatesOf, policyPackSchema, presetFor, resolvePolicy, serviceStandardsOf, type Sector } from './index.js';
import { fromZodIssues } from './issues.js';

const SEED_LINE = /^\d{3}:L\d+/;
const measured = (values: Record<string, number>) => Object.entries(values).map(([metric, value]) => ({ metric, value }));

/** The template, its sections, items and metrics, each with a readable path. */
function nodes(t: ScoringTemplate) {
  const out: { path: string; node: { source?: string; decision?: { zh: string; en: string } } }[] = [{ path: t.code, node: t }];
  for (const s of t.sections) {
    out.push({ path: `${t.code}/${s.code}`, node: s });
    for (const it of s.items) {
      out.push({ path: `${t.code}/${s.code}/${it.code}`, node: it });
      for (const m of it.metrics ?? []) out.push({ path: `${t.code}/${s.code}/${it.code}/${m.code}`, node: m });
    }
  }
  return out;
}

function template(sector: Sector, code: string): ScoringTemplate {
  const t = findInspectionTemplate(presetFor(sector), code);
  if (!t) throw new Error(`${sector} has no template ${code}`);
  return t;
}

describe('inspection templates in the sector presets', () => {
  it('ship with stable codes where the seeds apply', () => {
    const codes = Object.fromEntries(SECTORS.map((s) => [s, inspectionTemplatesOf(presetFor(s)).map((t) => t.code)]));
    expect(codes).toEqual({
      hall: ['window-norm', 'phone-check', 'cctv-clips'],
      hospital: ['hospital-scorecard', 'window-norm'],
      bank: ['bank-mystery-shopper', 'cctv-clips'], // 004:L116 is a bank's outlet programme
      utility: ['phone-check', 'window-norm'], // 004:L66, L68 gas; 004:L214 power supply
    });
  });

  for (const sector of SECTORS) {
    it(`${sector}: every template validates and cites a seed line on every section, item and metric`, () => {
      for (const t of inspectionTemplatesOf(presetFor(sector))) {
        expect(validateTemplate(t).ok, t.code).toBe(true);
        for (const { path, node } of nodes(t)) {
          expect(node.source, path).toMatch(SEED_LINE);
          if (node.decision) {
            expect(node.decision.zh, path).toMatch(/[\u3400-\u9fff]/);
            expect(node.decision.en, path).toMatch(/[A-Za-z]{3}/);
            expect(node.decision.en, path).not.toBe(node.decision.zh);
          }
        }
      }
    });
  }

  it('window-norm has the six sections of 002 篇9 and the advisory early arrival (002:L163)', () => {
    const t = template('hall', 'window-norm');
    expect(t.sections.map((s) => s.code)).toEqual(['preparation', 'appearance', 'conduct', 'language', 'quality', 'prohibitions']);
    const early = t.sections[0].items.find((i) => i.code === 'early_arrival');
    expect(early).toMatchObject({ advisory: true, source: '002:L163' });
    expect(t.sections[5].items.find((i) => i.code === 'banned_phrases')).toMatchObject({ source: '002:L193', per: 'case', deduction: 5 });
    // the seed gives no points: the scoring is a decision
    expect(t.decision?.zh).toMatch(/没有分值/);
  });

  it('hospital-scorecard: items and metrics exactly as RULES §4 lists them, item 六 incomplete', () => {
    const t = template('hospital', 'hospital-scorecard');
    expect(t).toMatchObject({ mode: 'deduct', fullMark: 10 });
    const items = t.sections.flatMap((s) => s.items);
    expect(items.map((i) => [i.code, i.points, i.per, i.deduction])).toEqual([
      ['lawful', 1, 'case', 1], // 004:L202 发现一例扣1分
      ['service', 1, 'case', 0.1], // 004:L204 发现一例扣0.1分
      ['quality', 3, 'failure', 0.5], // 004:L204 发现一项扣0.5分
      ['fees', 1, 'case', 0.2],
      ['care', 1, 'case', 0.2],
      ['relations', undefined, undefined, undefined],
    ]);
    expect(items[5].incomplete).toBe(true);
    const metrics = (code: string) => items.find((i) => i.code === code)?.metrics?.map((m) => [m.code, m.unit, m.failsWhen, m.threshold]);
    expect(metrics('service')).toEqual([
      ['window_wait', 'minutes', '>', 10],
      ['equipment_report', 'hours', '>', 24],
      ['routine_test', 'minutes', '>', 30],
    ]);
    expect(metrics('quality')).toEqual([
      ['major_incident', 'count', '>', 0],
      ['incident_reporting', 'percent', '<', 100],
      ['average_stay', 'days', '>', 10],
      ['prescription_compliance', 'percent', '<', 98],
      ['grade_a_records', 'percent', '<', 85],
      ['grade_c_records', 'count', '>', 0],
      ['drug_ratio', 'percent', '>', 30],
    ]);
  });

  it('phone-check answers within the pack\'s own ring limit (004:L66, L214)', () => {
    const pack = presetFor('utility');
    const rings = serviceStandardsOf(pack, 'inquiry').find((s) => s.id === 'phone_answer_rings')?.limit;
    const metric = template('utility', 'phone-check').sections[0].items.find((i) => i.code === 'answer_rings')?.metrics?.[0];
    expect(rings).toBe(4);
    expect(metric).toMatchObject({ code: 'rings', failsWhen: '>', threshold: rings });
  });
});

describe('a realistic inspection per template', () => {
  it('window-norm: a hall visit — one missing badge, one banned phrase, late arrival noted, no phone at the window', () => {
    const r = scoreInspection({
      template: template('hall', 'window-norm'),
      results: [
        { item: 'early_arrival', pass: false, note: '08:58 到岗' }, // 提倡 only (002:L163): no deduction
        { item: 'badge', cases: 1 }, // 002:L167 挂牌上岗
        { item: 'banned_phrases', cases: 1, note: '"有牌子、自己看"' }, // 002:L193
        { item: 'phone_script', na: true },
        { item: 'smile', cases: 0 },
      ],
    });
    expect(r).toMatchObject({ score: 93, maxScore: 100, vetoed: false });
    expect(r.items.find((i) => i.item === 'early_arrival')).toMatchObject({ failures: 1, deduction: 0, scored: false });
  });

  it('hospital-scorecard: a month of a clinical department', () => {
    const r = scoreInspection({
      template: template('hospital', 'hospital-scorecard'),
      results: [
        { item: 'lawful', cases: 0 },
        {
          item: 'service',
          observations: [
            { metric: 'window_wait', value: 6 },
            { metric: 'window_wait', value: 12 },
            { metric: 'equipment_report', value: 20 },
            { metric: 'routine_test', value: 35 },
          ],
        },
        {
          item: 'quality',
          observations: measured({
            major_incident: 0,
            incident_reporting: 100,
            average_stay: 9.2,
            prescription_compliance: 97.5,
            grade_a_records: 88,
            grade_c_records: 0,
            drug_ratio: 28.4,
          }),
        },
        { item: 'fees', cases: 1 },
        { item: 'care', cases: 0 },
      ],
    });
    // service: 2 cases × 0.1; quality: prescriptions < 98 % → 0.5; fees: 1 × 0.2 (004:L202–204)
    expect(r.items.filter((i) => i.deduction > 0).map((i) => [i.item, i.deduction])).toEqual([
      ['service', 0.2],
      ['quality', 0.5],
      ['fees', 0.2],
    ]);
    expect(r.score).toBe(9.1);
  });

  it('bank-mystery-shopper: a torn UnionPay sign, a teller on the phone, a guard seen three times; a founded complaint vetoes but keeps the score', () => {
    const t = template('bank', 'bank-mystery-shopper');
    const results = [
      { item: 'unionpay_sign', pass: false }, // 003:L439
      { item: 'self_service', pass: true },
      { item: 'teller_phone', cases: 1 }, // 003:L442
      { item: 'security_guard', cases: 3 }, // 003:L446: −5 each, at most 10
    ];
    const r = scoreInspection({ template: t, results });
    expect(r).toMatchObject({ score: 80, maxScore: 100, vetoed: false });
    expect(r.items.find((i) => i.item === 'security_guard')).toMatchObject({ deduction: 10, capped: true });
    const vetoed = scoreInspection({ template: t, results: [...results, { item: 'founded_complaint', pass: false }] }); // 001:L869
    expect(vetoed).toMatchObject({ score: 80, vetoed: true });
  });

  it('cctv-clips: 2 morning clips, 1 afternoon clip, finished 15:05 → 40; complete by 15:00 sharp → 100 (004:L116)', () => {
    const t = template('bank', 'cctv-clips');
    const day = (morning: number, afternoon: number, finishedAt: number) =>
      scoreInspection({
        template: t,
        results: [
          { item: 'morning_clips', observations: [{ metric: 'clips', value: morning }] },
          { item: 'afternoon_clips', observations: [{ metric: 'clips', value: afternoon }] },
          { item: 'done_by_15', observations: [{ metric: 'finished_at', value: finishedAt }] },
        ],
      });
    expect(day(2, 1, 905).score).toBe(40);
    expect(day(2, 2, 900).score).toBe(100);
    expect(day(3, 4, 840).score).toBe(100);
  });

  it('phone-check: five rings and the agent hung up first; a plain inquiry needs no caller details', () => {
    const r = scoreInspection({
      template: template('utility', 'phone-check'),
      results: [
        { item: 'answer_rings', observations: [{ metric: 'rings', value: 5 }] }, // > 4 rings (004:L66)
        { item: 'greeting', pass: true },
        { item: 'courtesy', pass: true },
        { item: 'caller_details', na: true },
        { item: 'caller_hangs_up_first', pass: false }, // 004:L68
      ],
    });
    expect(r).toMatchObject({ score: 40, maxScore: 90 });
    expect(r.items.find((i) => i.item === 'answer_rings')?.failed).toEqual(['rings']);
  });
});

describe('the pack schema checks templates', () => {
  const withTemplate = (mutate: (t: Record<string, any>) => void) => {
    const pack = structuredClone(presetFor('hospital')) as Record<string, any>;
    mutate(pack.inspections.templates[0]);
    const r = policyPackSchema.safeParse(pack);
    return r.success ? [] : fromZodIssues(r.error.issues);
  };

  it('accepts the presets and resolves them unchanged', () => {
    for (const s of SECTORS) expect(resolvePolicy(s).inspections).toEqual(presetFor(s).inspections);
  });

  it('refuses an item that says neither where it comes from nor why', () => {
    const issues = withTemplate((t) => delete t.sections[0].items[0].source);
    expect(issues).toEqual([expect.objectContaining({ path: 'inspections.templates.0.sections.0.items.0' })]);
    expect(issues[0].message.zh).toMatch(/依据/);
  });

  it('refuses a source that is not a citation', () => {
    const issues = withTemplate((t) => (t.sections[0].items[1].metrics[0].source = 'the hospital rules'));
    expect(issues.map((i) => i.path)).toEqual(['inspections.templates.0.sections.0.items.1.metrics.0.source']);
  });

  it('passes on the engine\'s own findings, in both languages', () => {
    const issues = withTemplate((t) => (t.sections[0].items[0].cap = 2));
    expect(issues).toEqual([expect.objectContaining({ path: 'inspections.templates.0.sections.0.items.0.cap' })]);
    expect(issues[0].message.en).toMatch(/cap/);
    expect(issues[0].message.zh).toMatch(/扣分上限/);
  });

  it('refuses two templates with one code', () => {
    const pack = structuredClone(presetFor('hospital')) as Record<string, any>;
    pack.inspections.templates[1].code = 'hospital-scorecard';
    const r = policyPackSchema.safeParse(pack);
    expect(r.success).toBe(false);
    expect(fromZodIssues(r.error!.issues).map((i) => i.path)).toEqual(['inspections.templates.1.code']);
  });
});
