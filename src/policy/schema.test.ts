import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import {
  businessHoursSchema,
  cited,
  clockSchema,
  horizonsSchema,
  isValidSource,
  policyPackSchema,
  presetFor,
  ratingsSchema,
  thresholdRuleSchema,
  type Clock,
} from './index.js';

const citedInt = cited(z.int().min(1));

describe('cited()', () => {
  it.each([
    '002:L103',
    '001:L557–563',
    '001:L557-563',
    '002:L98, L184',
    '002:L98,L184',
    '004:L72–L92, L76',
    '004:L66, L214; ANCHORS.md',
    'ANCHORS.md',
    'RULES.md §3',
    'RULES.md §1.2',
  ])('accepts the citation %s', (source) => {
    expect(isValidSource(source)).toBe(true);
    expect(citedInt.safeParse({ value: 5, source }).success).toBe(true);
  });

  it.each(['', '2:L103', '002:103', '002 L103', 'L103', 'seed 002', 'ANCHORS', 'RULES.md section 3', '002:L103;', 'https://example.org'])(
    'refuses the citation %j',
    (source) => {
      expect(isValidSource(source)).toBe(false);
      const r = citedInt.safeParse({ value: 5, source });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].path).toEqual(['source']);
    },
  );

  it('requires a source or a decision, with a clear bilingual message', () => {
    const r = citedInt.safeParse({ value: 5 });
    expect(r.success).toBe(false);
    const issue = r.error?.issues[0];
    expect(issue?.message).toMatch(/source.*decision/);
    expect((issue as { params?: { zh?: string } }).params?.zh).toMatch(/出处/);
    expect(citedInt.safeParse({ value: 5, decision: 'local choice' }).success).toBe(true);
    expect(citedInt.safeParse({ value: 5, decision: '   ' }).success).toBe(false);
    expect(citedInt.safeParse({ value: 5, source: '002:L103', decision: 'why' }).success).toBe(true);
  });

  it('checks the inner value and refuses extra keys', () => {
    expect(citedInt.safeParse({ value: 0, source: '002:L103' }).success).toBe(false);
    expect(citedInt.safeParse({ value: 1.5, source: '002:L103' }).success).toBe(false);
    expect(citedInt.safeParse({ value: 1, source: '002:L103', note: 'x' }).success).toBe(false);
    expect(citedInt.safeParse(1).success).toBe(false);
  });
});

describe('business hours', () => {
  const ok = (periods: unknown) => businessHoursSchema.safeParse(periods).success;

  it('accepts sorted, non-overlapping periods (touching is allowed)', () => {
    expect(ok([{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }])).toBe(true);
    expect(ok([{ start: '00:00', end: '24:00' }])).toBe(true);
    expect(ok([{ start: '08:00', end: '12:00' }, { start: '12:00', end: '17:00' }])).toBe(true);
  });

  it('refuses unsorted, overlapping, empty, inverted and malformed periods', () => {
    const r = businessHoursSchema.safeParse([{ start: '13:30', end: '17:30' }, { start: '08:30', end: '12:00' }]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual([1]);
    expect(ok([{ start: '08:00', end: '12:00' }, { start: '11:00', end: '17:00' }])).toBe(false);
    expect(ok([])).toBe(false);
    expect(ok([{ start: '12:00', end: '12:00' }])).toBe(false);
    expect(ok([{ start: '17:00', end: '09:00' }])).toBe(false);
    expect(ok([{ start: '8:00', end: '12:00' }])).toBe(false);
    expect(ok([{ start: '24:30', end: '25:00' }])).toBe(false);
    expect(ok([{ start: '08:60', end: '12:00' }])).toBe(false);
  });

  it('agrees with a simple oracle on random periods', () => {
    const hhmm = fc.integer({ min: 0, max: 24 * 60 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.record({ start: hhmm, end: hhmm }), { minLength: 1, maxLength: 5 }), (periods) => {
        const min = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
        const valid =
          periods.every((p) => min(p.end) <= 24 * 60 && min(p.start) < 24 * 60 && min(p.start) < min(p.end)) &&
          periods.every((p, i) => i === 0 || min(p.start) >= min(periods[i - 1].end));
        expect(ok(periods)).toBe(valid);
      }),
    );
  });
});

describe('clocks and escalation', () => {
  const base = (): Clock => structuredClone(presetFor('hall').cases.complaint.clocks.reply) as Clock;

  it('a preset clock parses', () => {
    expect(clockSchema.safeParse(base()).success).toBe(true);
  });

  it('durations are positive whole numbers in a known unit', () => {
    for (const value of [{ amount: 0, unit: 'working_days' }, { amount: 2.5, unit: 'working_days' }, { amount: 5, unit: 'weeks' }, { amount: -1, unit: 'calendar_days' }]) {
      const c = base();
      (c.duration as { value: unknown }).value = value;
      expect(clockSchema.safeParse(c).success, JSON.stringify(value)).toBe(false);
    }
  });

  it('refuses a "before" escalation that would fire before the clock starts', () => {
    const c = base(); // 5 working days
    c.escalations.value[0].offset = { amount: 5, unit: 'working_days' };
    const r = clockSchema.safeParse(c);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['escalations', 'value', 0, 'offset']);
    c.escalations.value[0].offset = { amount: 4, unit: 'working_days' };
    expect(clockSchema.safeParse(c).success).toBe(true);
    // before the 严重超期 anchor (2 × 5 = 10 working days after start), 9 is fine, 10 is not
    c.escalations.value[0].anchor = 'severely_overdue';
    c.escalations.value[0].offset = { amount: 9, unit: 'working_days' };
    expect(clockSchema.safeParse(c).success).toBe(true);
    c.escalations.value[0].offset = { amount: 10, unit: 'working_days' };
    expect(clockSchema.safeParse(c).success).toBe(false);
  });

  it('compares calendar hours with calendar days, and leaves working time to the calendar', () => {
    const c = base();
    c.duration.value = { amount: 1, unit: 'calendar_days' };
    c.escalations.value = [{ id: 'r', when: 'before', anchor: 'due', offset: { amount: 24, unit: 'calendar_hours' }, recipients: ['assignee'], actions: ['notify'] }];
    expect(clockSchema.safeParse(c).success).toBe(false);
    c.escalations.value[0].offset = { amount: 23, unit: 'calendar_hours' };
    expect(clockSchema.safeParse(c).success).toBe(true);
    c.escalations.value[0].offset = { amount: 30, unit: 'business_hours' }; // needs a calendar: not judged here
    expect(clockSchema.safeParse(c).success).toBe(true);
  });

  it('refuses "before" with offset 0, duplicate escalation ids, empty recipients/actions, unknown recipients', () => {
    const bad: ((c: Clock) => void)[] = [
      (c) => (c.escalations.value[0].offset = { amount: 0, unit: 'working_days' }),
      (c) => (c.escalations.value[1].id = c.escalations.value[0].id),
      (c) => (c.escalations.value[0].recipients = []),
      (c) => (c.escalations.value[0].actions = []),
      (c) => (c.escalations.value[0].actions = ['notify', 'notify']),
      (c) => ((c.escalations.value[0].recipients as unknown[]) = ['the_boss']),
      (c) => ((c.escalations.value[0] as { when: string }).when = 'during'),
      (c) => (c.id = 'other'),
    ];
    for (const mutate of bad) {
      const c = base();
      mutate(c);
      expect(clockSchema.safeParse(c).success && policyPackSchema.safeParse(withReply(c)).success, mutate.toString()).toBe(false);
    }
  });

  it('a named-role recipient must be one of the six user roles (a typo would notify nobody)', () => {
    const c = base();
    (c.escalations.value[0].recipients as unknown[]) = [{ role: 'nurse_manager' }];
    const r = clockSchema.safeParse(c);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path.slice(0, 4)).toEqual(['escalations', 'value', 0, 'recipients']);
    for (const role of ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'] as const) {
      c.escalations.value[0].recipients = [{ role }];
      expect(clockSchema.safeParse(c).success, role).toBe(true);
    }
  });

  it('severe lateness: factor above 1, or a positive delay after due', () => {
    const c = base();
    c.lateness.severelyOverdue.value = { mode: 'multiple', factor: 1 };
    expect(clockSchema.safeParse(c).success).toBe(false);
    c.lateness.severelyOverdue.value = { mode: 'after_due', delay: { amount: 3, unit: 'working_days' } };
    expect(clockSchema.safeParse(c).success).toBe(true);
    c.lateness.severelyOverdue.value = { mode: 'after_due', delay: { amount: 0, unit: 'working_days' } };
    expect(clockSchema.safeParse(c).success).toBe(false);
  });
});

function withReply(c: Clock) {
  const pack = structuredClone(presetFor('hall'));
  pack.cases.complaint.clocks.reply = c;
  return pack;
}

describe('ratings', () => {
  const ratings = () => structuredClone(presetFor('hospital').ratings);

  it('threshold values are fractions 0..1 with a known op', () => {
    const rule = presetFor('hospital').ratings.thresholds.window_rating_rate.value;
    fc.assert(
      fc.property(fc.double({ min: -2, max: 3, noNaN: true }), (v) => {
        expect(thresholdRuleSchema.safeParse({ ...rule, value: v }).success).toBe(v >= 0 && v <= 1);
      }),
    );
    expect(thresholdRuleSchema.safeParse({ ...rule, value: 90 }).success).toBe(false); // 90 % is 0.9
    expect(thresholdRuleSchema.safeParse({ ...rule, op: 'ge' }).success).toBe(false);
  });

  it('negative levels must be rating levels, not repeat, and not cover every level', () => {
    const r = ratings();
    r.negativeLevels.value = [0];
    expect(ratingsSchema.safeParse(r).success).toBe(false);
    r.negativeLevels.value = [1, 1];
    expect(ratingsSchema.safeParse(r).success).toBe(false);
    r.negativeLevels.value = [1, 2, 3, 4, 5];
    expect(ratingsSchema.safeParse(r).success).toBe(false);
    r.negativeLevels.value = [1];
    expect(ratingsSchema.safeParse(r).success).toBe(true);
  });

  it('positive levels must be rating levels, not repeat, and never be negative too', () => {
    const withPositive = (levels: number[]) => ratingsSchema.safeParse({ ...ratings(), positiveLevels: { ...ratings().positiveLevels, value: levels } });
    for (const [levels, ok] of [[[6], false], [[5, 5], false], [[5, 2], false], [[5], true], [[5, 4, 3], true]] as const) {
      expect(withPositive([...levels]).success, JSON.stringify(levels)).toBe(ok);
    }
    expect(withPositive([5, 2]).error?.issues[0]).toMatchObject({ path: ['positiveLevels', 'value', 1], params: { zh: '等级 2 不能既算好评又算差评' } });
  });

  it('a talk after 1 to 12 months at the bottom (the dashboard reads a year)', () => {
    const r = ratings();
    for (const [months, ok] of [[0, false], [1, true], [12, true], [13, false], [1.5, false]] as const) {
      r.talkAfterMonthsAtBottom.value = months;
      expect(ratingsSchema.safeParse(r).success, String(months)).toBe(ok);
    }
  });

  it('levels run from best to worst without repeats', () => {
    const r = ratings();
    r.levels.value = [...r.levels.value].reverse();
    expect(ratingsSchema.safeParse(r).success).toBe(false);
  });
});

describe('horizons', () => {
  const horizons = () => structuredClone(presetFor('hall').horizons);

  it('due soon is a clock length; board months 1–24; the look-back 1–366 days; each cited', () => {
    expect(horizonsSchema.safeParse(horizons()).success).toBe(true);
    const h = horizons();
    h.dueSoon.value = { amount: 4, unit: 'business_hours' };
    expect(horizonsSchema.safeParse(h).success).toBe(true);
    h.dueSoon.value = { amount: 0, unit: 'working_days' };
    expect(horizonsSchema.safeParse(h).success).toBe(false);
    for (const [months, ok] of [[0, false], [1, true], [24, true], [25, false]] as const) {
      const b = horizons();
      b.boardMonths.value = months;
      expect(horizonsSchema.safeParse(b).success, `boardMonths ${months}`).toBe(ok);
    }
    for (const [days, ok] of [[0, false], [1, true], [366, true], [367, false]] as const) {
      const b = horizons();
      b.complaintLookbackDays.value = days;
      expect(horizonsSchema.safeParse(b).success, `complaintLookbackDays ${days}`).toBe(ok);
    }
    expect(horizonsSchema.safeParse({ ...horizons(), boardMonths: { value: 6 } }).success).toBe(false);
  });
});
