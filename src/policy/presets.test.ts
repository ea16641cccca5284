import { describe, it, expect } from 'vitest';
import {
  SECTORS,
  businessHoursOf,
  clockFor,
  clocksOf,
  deadlineConventions,
  explainPolicy,
  horizonsOf,
  isDecision,
  isValidSource,
  listPresetSectors,
  policyPackSchema,
  presetFor,
  ratingSettings,
  ratingThresholds,
  serviceStandardsOf,
  type PolicyPack,
  type Sector,
} from './index.js';
import { bankPreset } from './presets/bank.js';
import { hallPreset } from './presets/hall.js';
import { hospitalPreset } from './presets/hospital.js';
import { utilityPreset } from './presets/utility.js';

const RAW: Record<Sector, PolicyPack> = { hall: hallPreset, hospital: hospitalPreset, bank: bankPreset, utility: utilityPreset };

/** Paths of primitive leaves that are structure (ids, labels, names), not policy values. */
const STRUCTURAL = [/^version$/, /^sector$/, /(^|\.)(name|label)\.(zh|en)$/, /^cases\.[a-z_]+\.clocks\.[a-z_]+\.id$/, /^cases\.[a-z_]+\.standards\.[a-z_]+\.unit$/, /^cases\.[a-z_]+\.checklist\.\d+\.id$/,
  // A competition's structure: codes, kinds, terms, the formula and descriptions in words, the inputs' names and sources; its numbers are cited values.
  /^competitions\.[a-z-]+\.(?:description\.(?:zh|en)|source|(?:blocks|targets)\.\d+\.code|indicators\.\d+\.(?:code|block|kind|direction|source|terms\.\d+|formula\.(?:zh|en)|decision\.(?:zh|en)|inputs\.\d+\.(?:code|measure|source)))$/,
  /^competitions\.[a-z-]+\.decision\.(?:zh|en)$/,
];

/** Independent of explainPolicy: walks every node and sorts leaves into cited / structural / bare. */
function walkLeaves(pack: unknown) {
  const cited: { path: string; source?: unknown; decision?: unknown }[] = [];
  const bare: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    // Scoring templates cite each section, item and metric themselves (inspections.test.ts).
    if (path.length === 2 && path[0] === 'inspections' && path[1] === 'templates') return;
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const keys = Object.keys(node);
      if (keys.includes('value') && keys.every((k) => ['value', 'source', 'decision'].includes(k))) {
        const n = node as { source?: unknown; decision?: unknown };
        cited.push({ path: path.join('.'), source: n.source, decision: n.decision });
        return;
      }
      for (const k of keys) walk((node as Record<string, unknown>)[k], [...path, k]);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, String(i)]));
      return;
    }
    const p = path.join('.');
    // A sanction rule's shape (kind, facts, bands) is cited by the rule's own source
    // (sanction-rules.test.ts); its amounts are cited values and are checked here.
    if (path[0] === 'sanctionRules') return;
    // A fact → rule mapping cites its own source in the entry (checked in 'sector specifics').
    if (path[0] === 'sanctions' && path[1] === 'proposals') return;
    // Award types, profiles and honours cite their own source in each entry (awards.test.ts).
    if (path[0] === 'awards' && ['types', 'profiles', 'everyAward', 'honours'].includes(path[1])) return;
    // Appraisal templates and the 末位 rule cite their own source in each item, grade and rule (appraisal.test.ts).
    if (path[0] === 'appraisal' && (path[1] === 'templates' || (path[1] === 'settings' && path[2] === 'bottom'))) return;
    if (!STRUCTURAL.some((re) => re.test(p))) bare.push(p);
  };
  walk(pack, []);
  return { cited, bare };
}

describe('sector presets', () => {
  it('lists the four sectors', () => {
    expect(listPresetSectors().sort()).toEqual(['bank', 'hall', 'hospital', 'utility']);
    expect([...SECTORS].sort()).toEqual(listPresetSectors().sort());
  });

  for (const sector of SECTORS) {
    describe(sector, () => {
      it('parses with the full schema and names its own sector', () => {
        const r = policyPackSchema.safeParse(RAW[sector]);
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        expect(presetFor(sector).sector).toBe(sector);
        expect(presetFor(sector).version).toBeGreaterThanOrEqual(1);
      });

      it('cites every leaf value: a valid source or a non-empty decision, no bare numbers', () => {
        const { cited, bare } = walkLeaves(presetFor(sector));
        expect(bare).toEqual([]);
        expect(cited.length).toBeGreaterThan(20);
        for (const c of cited) {
          const hasSource = typeof c.source === 'string' && isValidSource(c.source);
          const hasDecision = isDecision(c.decision) && c.decision.zh.trim().length > 0 && c.decision.en.trim().length > 0;
          expect(hasSource || hasDecision, c.path).toBe(true);
          if (c.source !== undefined) expect(isValidSource(String(c.source)), `${c.path}: ${String(c.source)}`).toBe(true);
        }
      });

      it('writes every decision in Chinese for the quality office, and in English', () => {
        const { cited } = walkLeaves(presetFor(sector));
        const decisions = cited.filter((c) => c.decision !== undefined);
        expect(decisions.length).toBeGreaterThan(10);
        for (const c of decisions) {
          expect(isDecision(c.decision), c.path).toBe(true);
          const { zh, en } = c.decision as { zh: string; en: string };
          // Mostly Chinese: more CJK characters than Latin letters, and no developer references.
          const cjk = zh.match(/[\u3400-\u9fff]/g)?.length ?? 0;
          const latin = zh.match(/[A-Za-z]/g)?.length ?? 0;
          expect(cjk, `${c.path}: ${zh}`).toBeGreaterThan(latin);
          expect(zh, c.path).not.toMatch(/Alaveteli|GLPI|osTicket|ANCHORS|RULES\.md/);
          expect(en, c.path).toMatch(/[A-Za-z]{3}/);
          expect(en, c.path).not.toBe(zh);
          // Readers do not know the "seeds": they read "the source documents".
          expect(en, c.path).not.toMatch(/\bseeds?\b/i);
        }
      });

      it('explainPolicy lists exactly the cited values, each with a source or decision', () => {
        const pack = presetFor(sector);
        const explained = explainPolicy(pack);
        const { cited } = walkLeaves(pack);
        expect(explained.map((e) => e.path)).toEqual(cited.map((c) => c.path));
        for (const e of explained) {
          expect(e.source !== undefined || e.decision !== undefined, e.path).toBe(true);
          expect(e.value).not.toBeUndefined();
        }
      });

      it('is frozen so no module can change the preset in place', () => {
        const pack = presetFor(sector);
        expect(Object.isFrozen(pack)).toBe(true);
        expect(Object.isFrozen(pack.calendar.businessHours.value)).toBe(true);
        expect(presetFor(sector)).toBe(pack);
      });

      it('follows RULES §1 calendar conventions: UTC+8, Monday–Friday (002:L99), receipt day not counted', () => {
        const bh = businessHoursOf(presetFor(sector));
        expect(bh.utcOffsetMinutes).toBe(480);
        expect(bh.weekdays).toEqual([1, 2, 3, 4, 5]);
        expect(bh.periods.length).toBeGreaterThanOrEqual(1);
        expect(presetFor(sector).calendar.workingWeekdays.source).toBe('002:L99');
        // RULES §1: day of receipt not counted; after closing → next working day
        expect(deadlineConventions(presetFor(sector))).toEqual({ dayOfReceiptCounted: false, afterClosingCountsNextDay: true });
      });

      it('replies to complaints within 5 working days (002:L103) and has the application limits', () => {
        const pack = presetFor(sector);
        expect(clockFor(pack, 'complaint', 'reply').duration).toEqual({ amount: 5, unit: 'working_days' });
        // 002:L98, L184 one-time supplement notice within 5 working days of receipt
        expect(clockFor(pack, 'application', 'supplement_notice').duration).toEqual({ amount: 5, unit: 'working_days' });
        expect(pack.cases.application.clocks.supplement_notice.duration.source).toBe('002:L98, L184');
        // 004:L188 leader's instruction within 2 days, study within 7 days
        expect(clockFor(pack, 'application', 'leader_instruction').duration.amount).toBe(2);
        expect(clockFor(pack, 'application', 'study').duration.amount).toBe(7);
        expect(pack.cases.application.clocks.study.duration.source).toBe('004:L188');
        // 004:L160 appeal window not given → decision, default 5 working days
        expect(clockFor(pack, 'appeal', 'lodge').duration).toEqual({ amount: 5, unit: 'working_days' });
        expect(pack.cases.appeal.clocks.lodge.duration.decision?.en).toMatch(/appeal/i);
        expect(pack.cases.appeal.clocks.lodge.duration.decision?.zh).toMatch(/申诉/);
      });

      it('uses the 好差评 five levels with the bottom two as 差评 (RULES §3)', () => {
        const r = ratingSettings(presetFor(sector));
        expect(r.levels.map((l) => l.value)).toEqual([5, 4, 3, 2, 1]);
        expect(r.levels.map((l) => l.zh)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
        expect(r.negativeLevels).toEqual([1, 2]);
        expect(r.positiveLevels).toEqual([5, 4]); // 非常满意 + 满意 (RULES §3)
        expect(r.basicSatisfiedCountsAsSatisfied).toBe(false); // RULES §3 decision
        expect(r.satisfaction).toEqual({ satisfiedLevels: [5, 4], positiveLevels: [5, 4], negativeLevels: [1, 2] });
        expect(r.talkAfterMonthsAtBottom).toBe(2); // ANCHORS.md 约谈 after two months at the bottom
        expect(r.tokenExpiryDays).toBe(7);
        // Horizons: 临期 one working day ahead, six months on the board (003:L630), a 92-day look-back.
        expect(horizonsOf(presetFor(sector))).toEqual({ dueSoon: { amount: 1, unit: 'working_days' }, boardMonths: 6, complaintLookbackDays: 92 });
        expect(explainPolicy(presetFor(sector)).find((e) => e.path === 'horizons.boardMonths')?.source).toBe('003:L630');
        expect(clockFor(presetFor(sector), 'rectification', 'callback').duration).toEqual({ amount: 1, unit: 'working_days' }); // ANCHORS.md 实名差评 callback
        expect(clockFor(presetFor(sector), 'rectification', 'feedback').duration).toEqual({ amount: 5, unit: 'working_days' }); // ANCHORS.md local practice 5–15
      });

      it('has thresholds that are fractions with 以上 → gte and 低于 → lt', () => {
        const ts = ratingThresholds(presetFor(sector));
        expect(ts.length).toBeGreaterThan(0);
        for (const t of ts) {
          expect(t.value).toBeGreaterThan(0);
          expect(t.value).toBeLessThanOrEqual(1);
          expect(t.source ?? t.decision).toBeTruthy();
          if (t.kind === 'target') expect(['gte', 'gt']).toContain(t.op);
        }
      });
    });
  }
});

describe('sector specifics', () => {
  it('every fact → rule mapping of the sanctions section cites its source and names a rule of the catalogue', () => {
    for (const pack of Object.values(RAW)) {
      for (const m of pack.sanctions.proposals) {
        expect(isValidSource(m.source ?? ''), `${pack.sector} ${m.fact}: ${m.source}`).toBe(true);
        const [catalogue, rule] = m.rule.split('.');
        expect((pack.sanctionRules as Record<string, Record<string, unknown>>)[catalogue]?.[rule], `${pack.sector} ${m.rule}`).toBeTruthy();
      }
    }
  });

  it('hall: complaint reply clock is 5 working days citing 002:L103', () => {
    const reply = presetFor('hall').cases.complaint.clocks.reply;
    expect(reply.duration.value).toEqual({ amount: 5, unit: 'working_days' });
    expect(reply.duration.source).toBe('002:L103');
  });

  it('hall and hospital: rating rate and satisfaction ≥ 90 % (gte) for window and staff, citing 001:L155', () => {
    for (const sector of ['hall', 'hospital'] as const) {
      const ts = ratingThresholds(presetFor(sector)).filter((t) => t.source === '001:L155');
      expect(ts.map((t) => `${t.metric}/${t.scope}`).sort()).toEqual(['ratingRate/staff', 'ratingRate/window', 'satisfactionRate/staff', 'satisfactionRate/window']);
      for (const t of ts) {
        expect(t.op).toBe('gte');
        expect(t.value).toBe(0.9);
        expect(t.period).toBe('month');
      }
    }
  });

  it('hospital: organisation satisfaction ≥ 95 % (001:L349) and canteen < 60 % triggers rectification (003:L248)', () => {
    const ts = ratingThresholds(presetFor('hospital'));
    const org = ts.find((t) => t.id === 'organisation_satisfaction');
    expect(org).toMatchObject({ op: 'gte', value: 0.95, scope: 'organisation', source: '001:L349' });
    const canteen = ts.find((t) => t.id === 'canteen_satisfaction');
    expect(canteen).toMatchObject({ metric: 'surveySatisfaction', op: 'lt', value: 0.6, kind: 'trigger', action: 'rectification', period: 'quarter', subject: 'canteen', source: '003:L248' });
  });

  it('bank: outlet satisfaction ≥ 85 % (003:L288) and teller ≥ 90 % (001:L557–563)', () => {
    const ts = ratingThresholds(presetFor('bank'));
    expect(ts.find((t) => t.source === '003:L288')).toMatchObject({ op: 'gte', value: 0.85, metric: 'satisfactionRate' });
    expect(ts.find((t) => t.source === '001:L557–563')).toMatchObject({ op: 'gte', value: 0.9, scope: 'staff' });
    expect(businessHoursOf(presetFor('bank')).periods).toEqual([{ start: '09:00', end: '17:00' }]);
  });

  it('utility: 4 rings (004:L66, L214), 24 h hotline (004:L80), arrival limit is a decision', () => {
    const pack = presetFor('utility');
    expect(serviceStandardsOf(pack, 'inquiry')).toEqual([expect.objectContaining({ id: 'phone_answer_rings', unit: 'rings', limit: 4 })]);
    expect(pack.cases.inquiry.standards?.phone_answer_rings.limit.source).toBe('004:L66, L214');
    expect(serviceStandardsOf(pack, 'repair')).toEqual([expect.objectContaining({ id: 'hotline_hours_per_day', limit: 24 })]);
    expect(pack.cases.repair.standards?.hotline_hours_per_day.limit.source).toBe('004:L80');
    const arrival = pack.cases.repair.clocks.arrival.duration;
    expect(arrival.decision?.en).toMatch(/missing/);
    expect(arrival.decision?.zh).toMatch(/缺失/);
    expect(clocksOf(pack, 'repair').map((c) => c.id)).toEqual(['arrival', 'completion', 'callback']);
    // 003:L80 (property contractor 95 %) is not a utility rule
    expect(ratingThresholds(pack).some((t) => t.value === 0.95)).toBe(false);
    for (const t of ratingThresholds(pack)) expect(t.decision).toBeTruthy();
  });

  it('business hours differ by sector and are sorted, non-overlapping periods', () => {
    expect(businessHoursOf(presetFor('hall')).periods).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(businessHoursOf(presetFor('hospital')).periods).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]);
    expect(businessHoursOf(presetFor('utility')).periods).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    for (const s of SECTORS) expect(presetFor(s).calendar.businessHours.decision).toBeTruthy();
  });

  it('severely overdue at 2× the clock duration, citing ANCHORS.md (Alaveteli late / very late)', () => {
    for (const s of SECTORS) {
      const c = presetFor(s).cases.complaint.clocks.reply;
      expect(c.lateness.severelyOverdue.value).toEqual({ mode: 'multiple', factor: 2 });
      expect(c.lateness.severelyOverdue.source).toBe('ANCHORS.md');
    }
  });

  it('default escalation ladder: remind assignee 1 working day before, unit head at due, quality office + priority at 严重超期', () => {
    const esc = clockFor(presetFor('hall'), 'complaint', 'reply').escalations;
    expect(esc).toEqual([
      { id: 'remind_assignee', when: 'before', anchor: 'due', offset: { amount: 1, unit: 'working_days' }, recipients: ['assignee'], actions: ['notify'] },
      { id: 'overdue_unit_head', when: 'after', anchor: 'due', offset: { amount: 0, unit: 'working_days' }, recipients: ['assignee', 'unit_head'], actions: ['notify'] },
      { id: 'severe_quality_office', when: 'after', anchor: 'severely_overdue', offset: { amount: 0, unit: 'working_days' }, recipients: ['unit_head', 'quality_office'], actions: ['notify', 'raise_priority'] },
    ]);
    // a 1-working-day clock cannot be reminded 1 working day ahead: 2 business hours instead
    expect(clockFor(presetFor('hall'), 'inquiry', 'close_loop').escalations[0].offset).toEqual({ amount: 2, unit: 'business_hours' });
    // a 1-hour arrival clock has no reminder at all
    expect(clockFor(presetFor('utility'), 'repair', 'arrival').escalations.map((e) => e.id)).toEqual(['overdue_unit_head', 'severe_quality_office']);
  });
});
