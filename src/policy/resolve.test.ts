import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  PolicyInvalidError,
  PolicyLookupError,
  SECTORS,
  businessHoursOf,
  clockFor,
  explainPolicy,
  findClock,
  isValidSource,
  policyPackSchema,
  presetFor,
  ratingSettings,
  ratingThresholds,
  resolvePolicy,
  validatePolicyOverrides,
  type PolicyIssue,
  type PolicyOverrides,
  type PolicyValidation,
} from './index.js';

function issuesOf(r: PolicyValidation): PolicyIssue[] {
  if (r.ok) throw new Error('expected the overrides to be refused');
  return r.issues;
}

describe('validatePolicyOverrides — accepted overrides', () => {
  it('no overrides gives the preset', () => {
    expect(validatePolicyOverrides('hall', undefined)).toEqual({ ok: true, pack: presetFor('hall') });
    expect(validatePolicyOverrides('hall', {})).toEqual({ ok: true, pack: presetFor('hall') });
    expect(resolvePolicy('bank')).toBe(presetFor('bank'));
  });

  it('a cited override replaces value and citation, leaving the rest of the preset', () => {
    const overrides: PolicyOverrides = {
      cases: {
        complaint: { clocks: { reply: { duration: { value: { amount: 3, unit: 'working_days' }, decision: 'Our hall commits to 3 working days (缩短承诺时限).', source: '002:L188' } } } },
        rectification: { clocks: { feedback: { duration: { value: { amount: 10, unit: 'working_days' }, decision: 'Our county allows 10 working days.' } } } },
      },
      ratings: {
        tokenExpiryDays: { value: 14, decision: 'Rural clients rate later.' },
      },
    };
    const pack = resolvePolicy('hall', overrides);
    expect(clockFor(pack, 'complaint', 'reply').duration).toEqual({ amount: 3, unit: 'working_days' });
    expect(pack.cases.complaint.clocks.reply.duration).toEqual({
      value: { amount: 3, unit: 'working_days' },
      // A plain-string decision (how overrides were written before notes were bilingual) stands for both languages.
      decision: { zh: 'Our hall commits to 3 working days (缩短承诺时限).', en: 'Our hall commits to 3 working days (缩短承诺时限).' },
      source: '002:L188',
    });
    expect(ratingSettings(pack).tokenExpiryDays).toBe(14);
    // the preset's citation (ANCHORS.md) does not leak into an override that gives only a decision
    expect(presetFor('hall').cases.rectification.clocks.feedback.duration.source).toBe('ANCHORS.md');
    expect(pack.cases.rectification.clocks.feedback.duration).toEqual({ value: { amount: 10, unit: 'working_days' }, decision: { zh: 'Our county allows 10 working days.', en: 'Our county allows 10 working days.' } });
    // untouched values keep their preset citation
    expect(pack.cases.application.clocks.supplement_notice.duration.source).toBe('002:L98, L184');
    expect(pack.ratings.thresholds.window_rating_rate).toEqual(presetFor('hall').ratings.thresholds.window_rating_rate);
    // the preset itself is unchanged
    expect(presetFor('hall').cases.complaint.clocks.reply.duration.value.amount).toBe(5);
  });

  it('arrays are replaced whole, not merged', () => {
    const pack = resolvePolicy('hall', {
      calendar: { businessHours: { value: [{ start: '08:00', end: '18:00' }], decision: 'Continuous hours, no lunch break.' } },
    });
    expect(businessHoursOf(pack).periods).toEqual([{ start: '08:00', end: '18:00' }]);
    const pack2 = resolvePolicy('hall', {
      cases: { complaint: { clocks: { reply: { escalations: { value: [], decision: 'Escalation handled by phone.' } } } } },
    });
    expect(clockFor(pack2, 'complaint', 'reply').escalations).toEqual([]);
  });

  it('labels may be reworded without a citation (text, not policy)', () => {
    const pack = resolvePolicy('hospital', { name: { zh: '某某市人民医院' }, cases: { complaint: { label: { en: 'Patient complaint' } } } });
    expect(pack.name).toEqual({ zh: '某某市人民医院', en: 'Hospital' });
    expect(pack.cases.complaint.label).toEqual({ zh: '投诉', en: 'Patient complaint' });
  });

  it('an organisation may add a case type, a clock and a threshold if they are complete', () => {
    const extra = structuredClone(presetFor('hall').cases.complaint.clocks.reply);
    extra.id = 'verify';
    extra.label = { zh: '核实', en: 'Verify' };
    extra.duration = { value: { amount: 2, unit: 'working_days' }, decision: { zh: '2 个工作日内核实。', en: 'Verify within 2 working days.' } };
    const pack = resolvePolicy('hall', {
      cases: {
        complaint: { clocks: { verify: extra } },
        rectification: { label: { zh: '整改', en: 'Rectification' }, clocks: { fix: { ...extra, id: 'fix' } } },
      },
      ratings: {
        thresholds: {
          negative_rate: {
            value: { label: { zh: '差评率', en: 'Negative rate' }, metric: 'negativeRate', op: 'lt', value: 0.02, scope: 'window', period: 'month', kind: 'target', action: 'alert' },
            decision: 'Keep 差评 under 2 %.',
          },
        },
      },
    });
    expect(clockFor(pack, 'complaint', 'verify').duration.amount).toBe(2);
    expect(clockFor(pack, 'rectification', 'fix').id).toBe('fix');
    expect(ratingThresholds(pack).find((t) => t.id === 'negative_rate')).toMatchObject({ op: 'lt', value: 0.02, decision: { zh: 'Keep 差评 under 2 %.', en: 'Keep 差评 under 2 %.' } });
  });

  it('the resolved pack is frozen but the caller\'s overrides are not', () => {
    const overrides = { ratings: { tokenExpiryDays: { value: 2, decision: 'Two days for links.' } } };
    const pack = resolvePolicy('utility', overrides);
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(overrides.ratings.tokenExpiryDays)).toBe(false);
    overrides.ratings.tokenExpiryDays.value = 9;
    expect(ratingSettings(pack).tokenExpiryDays).toBe(2);
  });
});

describe('validatePolicyOverrides — refused overrides', () => {
  it('an override without source or decision is refused at its path', () => {
    const issues = issuesOf(validatePolicyOverrides('hall', { ratings: { tokenExpiryDays: { value: 14 } } }));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('ratings.tokenExpiryDays');
    expect(issues[0].message.en).toMatch(/source|decision/);
    expect(issues[0].message.zh).toMatch(/出处|决定/);
  });

  it('a bare value where a cited value belongs is refused with an explanation', () => {
    const issues = issuesOf(validatePolicyOverrides('hall', { ratings: { tokenExpiryDays: 14 } }));
    expect(issues.map((i) => i.path)).toEqual(['ratings.tokenExpiryDays']);
    expect(issues[0].message.en).toMatch(/\{ value, source\?, decision\? \}/);
  });

  it('a malformed source is refused', () => {
    const issues = issuesOf(validatePolicyOverrides('hall', { ratings: { tokenExpiryDays: { value: 14, source: 'the boss said so' } } }));
    expect(issues.map((i) => i.path)).toEqual(['ratings.tokenExpiryDays.source']);
  });

  it('unsorted business hours are refused with the path of the offending period', () => {
    const issues = issuesOf(
      validatePolicyOverrides('hall', {
        calendar: { businessHours: { value: [{ start: '13:30', end: '17:00' }, { start: '09:00', end: '12:00' }], decision: 'x' } },
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['calendar.businessHours.value.1']);
    expect(issues[0].message.zh).toMatch(/顺序|重叠/);
  });

  it('unknown keys are refused at every level', () => {
    const issues = issuesOf(
      validatePolicyOverrides('hall', {
        colour: 'red',
        calendar: { timezone: { value: 'Asia/Shanghai', decision: 'x' } },
        cases: { complaint: { clocks: { reply: { duration: { value: { amount: 3, unit: 'working_days', extra: 1 }, decision: 'x' } } } } },
        ratings: { thresholds: { window_rating_rate: { value: presetFor('hall').ratings.thresholds.window_rating_rate.value, decision: 'x', why: 'y' } } },
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['calendar.timezone', 'cases.complaint.clocks.reply.duration.value.extra', 'colour', 'ratings.thresholds.window_rating_rate.why'].sort(),
    );
    for (const i of issues) expect(i.message.en).toMatch(/unknown key/);
  });

  it('version and sector cannot be overridden', () => {
    const issues = issuesOf(validatePolicyOverrides('hall', { version: 9, sector: 'bank' }));
    expect(issues.map((i) => i.path).sort()).toEqual(['sector', 'version']);
  });

  it('wrong types are refused with paths', () => {
    const issues = issuesOf(
      validatePolicyOverrides('hospital', {
        calendar: { dayOfReceiptCounted: { value: 'no', decision: 'x' }, workingWeekdays: { value: '1-5', decision: 'x' } },
        cases: { complaint: { clocks: { reply: { duration: { value: { amount: '5', unit: 'working_days' }, source: '002:L103' } } } } },
        ratings: 'none',
      }),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('calendar.dayOfReceiptCounted.value');
    expect(paths).toContain('calendar.workingWeekdays.value');
    expect(paths).toContain('cases.complaint.clocks.reply.duration.value.amount');
    expect(paths).toContain('ratings');
    for (const i of issues) {
      expect(i.message.en.length).toBeGreaterThan(0);
      expect(i.message.zh.length).toBeGreaterThan(0);
    }
  });

  it('cross-field rules still hold after merging: thresholds in 0..1, positive amounts, escalation offsets', () => {
    const t = presetFor('hall').ratings.thresholds.window_satisfaction.value;
    expect(issuesOf(validatePolicyOverrides('hall', { ratings: { thresholds: { window_satisfaction: { value: { ...t, value: 90 }, source: '001:L155' } } } }))[0].path).toBe(
      'ratings.thresholds.window_satisfaction.value.value',
    );
    expect(
      issuesOf(validatePolicyOverrides('hall', { cases: { inquiry: { clocks: { close_loop: { duration: { value: { amount: 0, unit: 'working_days' }, decision: 'on the spot' } } } } } }))[0].path,
    ).toBe('cases.inquiry.clocks.close_loop.duration.value.amount');
    // shortening the complaint clock to 1 working day makes the "1 working day before" reminder invalid
    const issues = issuesOf(validatePolicyOverrides('hall', { cases: { complaint: { clocks: { reply: { duration: { value: { amount: 1, unit: 'working_days' }, decision: 'Same-day reply.' } } } } } }));
    expect(issues.map((i) => i.path)).toEqual(['cases.complaint.clocks.reply.escalations.value.0.offset']);
    // negative levels must stay among the levels
    expect(issuesOf(validatePolicyOverrides('bank', { ratings: { negativeLevels: { value: [0], decision: 'x' } } }))[0].path).toBe('ratings.negativeLevels.value.0');
  });

  it('an incomplete new case type is refused', () => {
    const issues = issuesOf(validatePolicyOverrides('hall', { cases: { complant: { clocks: {} } } }));
    expect(issues.map((i) => i.path)).toEqual(['cases.complant.label']);
  });

  it('prototype keys are refused and pollute nothing', () => {
    const overrides: unknown = JSON.parse('{"__proto__": {"polluted": true}, "ratings": {"constructor": {"value": 1, "decision": "x"}}}');
    const issues = issuesOf(validatePolicyOverrides('hall', overrides));
    expect(issues.map((i) => i.path).sort()).toEqual(['__proto__', 'ratings.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unknown sector and non-object overrides are issues, not exceptions', () => {
    expect(issuesOf(validatePolicyOverrides('school', {}))[0].path).toBe('sector');
    expect(issuesOf(validatePolicyOverrides('hall', [1, 2]))[0].path).toBe('');
    expect(issuesOf(validatePolicyOverrides('hall', 'calendar'))[0].path).toBe('');
  });

  it('resolvePolicy throws PolicyInvalidError carrying the issues', () => {
    let caught: unknown;
    try {
      resolvePolicy('hall', { ratings: { tokenExpiryDays: { value: 14 } } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PolicyInvalidError);
    const err = caught as PolicyInvalidError;
    expect(err.issues.map((i) => i.path)).toEqual(['ratings.tokenExpiryDays']);
    expect(err.message).toMatch(/ratings\.tokenExpiryDays/);
  });

  it('an override that cannot be read (throwing getter) comes back as an issue', () => {
    const evil = {};
    Object.defineProperty(evil, 'ratings', { enumerable: true, get: () => { throw new Error('boom'); } });
    const issues = issuesOf(validatePolicyOverrides('hall', evil));
    expect(issues[0].message.en).toMatch(/boom/);
  });
});

describe('accessors', () => {
  it('clockFor throws PolicyLookupError for an unknown clock or case type; findClock returns undefined', () => {
    const pack = presetFor('hall');
    expect(() => clockFor(pack, 'complaint', 'nope')).toThrow(PolicyLookupError);
    expect(() => clockFor(pack, 'repair', 'arrival')).toThrow(PolicyLookupError); // utility only
    expect(() => clockFor(pack, 'toString', 'x')).toThrow(PolicyLookupError);
    expect(findClock(pack, 'complaint', 'nope')).toBeUndefined();
  });

  it('accessor results are copies: changing them does not change the pack', () => {
    const pack = presetFor('hall');
    const bh = businessHoursOf(pack);
    bh.periods.push({ start: '18:00', end: '19:00' });
    bh.weekdays.push(6);
    expect(businessHoursOf(pack).periods).toHaveLength(2);
    const c = clockFor(pack, 'complaint', 'reply');
    c.duration.amount = 99;
    expect(clockFor(pack, 'complaint', 'reply').duration.amount).toBe(5);
  });

  it('explainPolicy reports overridden values with the override\'s citation', () => {
    const pack = resolvePolicy('bank', { calendar: { utcOffsetMinutes: { value: 480, source: 'RULES.md §1', decision: { zh: '北京时间。', en: 'Beijing time.' } } } });
    expect(explainPolicy(pack).find((e) => e.path === 'calendar.utcOffsetMinutes')).toEqual({ path: 'calendar.utcOffsetMinutes', value: 480, source: 'RULES.md §1', decision: { zh: '北京时间。', en: 'Beijing time.' } });
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: validatePolicyOverrides never throws.

const sectorArb = fc.constantFrom<string>(...SECTORS, 'school', '');

/** Checks that hold for any result of validatePolicyOverrides. */
function checkResult(r: PolicyValidation): void {
  if (r.ok) {
    expect(policyPackSchema.safeParse(r.pack).success).toBe(true);
    for (const e of explainPolicy(r.pack)) {
      expect(e.decision !== undefined || (e.source !== undefined && isValidSource(e.source))).toBe(true);
    }
  } else {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) {
      expect(typeof i.path).toBe('string');
      expect(i.message.en.length).toBeGreaterThan(0);
      expect(i.message.zh.length).toBeGreaterThan(0);
    }
  }
}

/** Dotted paths of every cited value in every preset. */
const citedPaths = [...new Set(SECTORS.flatMap((s) => explainPolicy(presetFor(s)).map((e) => e.path)))];

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((k) => {
    // Only plain objects are descended into: junk set earlier (a typed array, a boxed number) is replaced.
    const child = node[k];
    if (typeof child !== 'object' || child === null || Object.getPrototypeOf(child) !== Object.prototype) node[k] = {};
    node = node[k] as Record<string, unknown>;
  });
  node[path[path.length - 1]] = value;
}

const junkValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true }),
  fc.record({ value: fc.anything(), source: fc.oneof(fc.constant('002:L103'), fc.string()), decision: fc.string() }, { requiredKeys: ['value'] }),
  fc.record({ value: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant([1, 2, 3])), decision: fc.constant('fuzz') }),
);

/** Overrides shaped like real ones: a few real paths (sometimes cut short) set to junk. */
const shapedOverrides = fc
  .array(fc.tuple(fc.constantFrom(...citedPaths), fc.nat(6), junkValue), { maxLength: 6 })
  .map((entries) => {
    const o: Record<string, unknown> = {};
    for (const [path, cut, value] of entries) {
      const parts = path.split('.');
      setPath(o, parts.slice(0, Math.max(1, parts.length - (cut % parts.length))), value);
    }
    return o;
  });

describe('property: validatePolicyOverrides never throws', () => {
  it('on arbitrary junk', () => {
    fc.assert(
      fc.property(sectorArb, fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withBigInt: true, maxDepth: 4 }), (sector, junk) => {
        let r: PolicyValidation | undefined;
        expect(() => (r = validatePolicyOverrides(sector, junk))).not.toThrow();
        checkResult(r as PolicyValidation);
      }),
      { numRuns: 300 },
    );
  });

  it('on junk objects keyed by the pack sections', () => {
    const sectionJunk = fc.dictionary(fc.constantFrom('name', 'calendar', 'cases', 'ratings', 'version', '__proto__', 'x'), fc.anything({ maxDepth: 3, withNullPrototype: true }));
    fc.assert(
      fc.property(sectorArb, sectionJunk, (sector, junk) => {
        const r = validatePolicyOverrides(sector, junk);
        checkResult(r);
      }),
      { numRuns: 300 },
    );
  });

  it('on overrides shaped like real ones with junk at real paths', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECTORS), shapedOverrides, (sector, overrides) => {
        const r = validatePolicyOverrides(sector, overrides);
        checkResult(r);
      }),
      { numRuns: 400 },
    );
  });

  it('a cited integer override is accepted exactly when it is in range, and then used', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECTORS), fc.integer({ min: -5, max: 400 }), (sector, days) => {
        const r = validatePolicyOverrides(sector, { ratings: { tokenExpiryDays: { value: days, decision: 'fuzz' } } });
        expect(r.ok).toBe(days >= 1 && days <= 366);
        if (r.ok) expect(ratingSettings(r.pack).tokenExpiryDays).toBe(days);
      }),
    );
  });
});

describe('every preset resolves with an empty override for every sector', () => {
  it.each(SECTORS)('%s', (sector) => {
    expect(resolvePolicy(sector, {})).toEqual(presetFor(sector));
  });
});

describe('bilingual decisions', () => {
  it('an override may write its decision as { zh, en }; both halves must be given and not be empty', () => {
    const ok = validatePolicyOverrides('hall', { ratings: { tokenExpiryDays: { value: 10, decision: { zh: '农村群众评价较晚。', en: 'Rural clients rate later.' } } } });
    expect(ok.ok && ok.pack.ratings.tokenExpiryDays.decision).toEqual({ zh: '农村群众评价较晚。', en: 'Rural clients rate later.' });
    const half = validatePolicyOverrides('hall', { ratings: { tokenExpiryDays: { value: 10, decision: { zh: '只有中文' } } } });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.issues.map((i) => i.path)).toContain('ratings.tokenExpiryDays.decision.en');
    const empty = validatePolicyOverrides('hall', { ratings: { tokenExpiryDays: { value: 10, decision: '   ' } } });
    expect(empty.ok).toBe(false);
  });
});
