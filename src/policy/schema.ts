/**
 * Policy pack schema. Every number the seeds prescribe lives in a pack as a *cited value*
 * `{ value, source?, decision? }`: `source` points at the seed line (`002:L103`) or spec
 * document (`ANCHORS.md`, `RULES.md §1`), `decision` explains a product choice where the seed is
 * vague or silent — in Chinese and English (`{ zh, en }`: the quality office reads it). Structural fields (ids, labels, the pack's name/version/sector) are not policy
 * values and are not cited.
 *
 * Cross-field rules (sorted business hours, escalation offsets inside the clock, negative levels
 * among the levels…) are part of the schema so that a pack merged from overrides is checked the
 * same way as a preset.
 */
import { z } from 'zod';
import { roles } from '../shared/access.js';
import { text } from '../shared/fields.js';
import { addIssue, isValidSource } from './citations.js';
import { competitionsSchema } from './competitions.js';
import { inspectionsSchema } from './inspections.js';
import { sanctionRulesSchema } from './sanction-rules.js';
import { sanctionsSchema } from './sanctions.js';
import { awardsSchema } from './awards.js';
import { appraisalSchema } from './appraisal.js';

// ---------------------------------------------------------------------------------------------
// Citations

export { DOC_REFERENCE_PATTERN, SEED_CITATION_PATTERN, addIssue, isValidSource } from './citations.js';

export const sourceSchema = z.string().superRefine((s, ctx) => {
  if (!isValidSource(s)) {
    addIssue(
      ctx,
      [],
      `"${s}" is not a citation: use document:line such as 002:L103, 001:L557–563, 002:L98, L184, or ANCHORS.md / RULES.md §1`,
      `"${s}" 不是有效出处:应写作 002:L103、001:L557–563、002:L98, L184 这样的"文档:行号",或 ANCHORS.md / RULES.md §1`,
    );
  }
});

const decisionText = text(2000);

/** A decision note in both languages. */
export type Decision = { zh: string; en: string };

/**
 * `{ zh, en }`. A plain string — how overrides were written before notes were bilingual — is
 * still accepted and stands for both languages.
 */
export const decisionSchema = z.union([z.strictObject({ zh: decisionText, en: decisionText }), decisionText.transform((s): Decision => ({ zh: s, en: s }))]);

export function isDecision(x: unknown): x is Decision {
  return isPlainObject(x) && typeof x.zh === 'string' && typeof x.en === 'string';
}

export const CITATION_REQUIRED = {
  en: 'a policy value must say why: give a source (document:line or ANCHORS.md/RULES.md §x) or a decision',
  zh: '政策取值必须说明依据:请填写出处(文档:行号,或 ANCHORS.md / RULES.md §x)或决定说明',
} as const;

/** `{ value, source?, decision? }` with at least one of source/decision present. */
export function cited<T extends z.ZodType>(inner: T) {
  return z
    .strictObject({
      value: inner,
      source: sourceSchema.optional(),
      decision: decisionSchema.optional(),
    })
    .superRefine((c, ctx) => {
      if (c.source === undefined && c.decision === undefined) {
        addIssue(ctx, [], CITATION_REQUIRED.en, CITATION_REQUIRED.zh);
      }
    });
}

export type Cited<T> = { value: T; source?: string; decision?: Decision };
/** A cited value as an override may write it: the decision may still be one plain string. */
export type CitedOverride<T> = { value: T; source?: string; decision?: Decision | string };

// ---------------------------------------------------------------------------------------------
// Small shared pieces

export const SECTORS = ['hall', 'hospital', 'bank', 'utility'] as const;
export const sectorSchema = z.enum(SECTORS);
export type Sector = z.infer<typeof sectorSchema>;

export const labelSchema = z.strictObject({
  zh: text(200),
  en: text(200),
});
export type Label = z.infer<typeof labelSchema>;

/** Identifiers of case types, clocks, escalations, thresholds: `snake_case`. */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'an id is lower-case snake_case (a-z, 0-9, _), at most 63 characters');

export const DURATION_UNITS = ['working_days', 'business_hours', 'calendar_hours', 'calendar_days'] as const;
export const durationUnitSchema = z.enum(DURATION_UNITS);
export type DurationUnit = z.infer<typeof durationUnitSchema>;

/** A clock length: a positive whole number of units. */
export const durationSchema = z.strictObject({
  amount: z.int().min(1).max(10_000),
  unit: durationUnitSchema,
});
export type Duration = z.infer<typeof durationSchema>;

/** An offset from an anchor instant: zero or more whole units. */
export const offsetSchema = z.strictObject({
  amount: z.int().min(0).max(10_000),
  unit: durationUnitSchema,
});
export type Offset = z.infer<typeof offsetSchema>;

// ---------------------------------------------------------------------------------------------
// Calendar

const HHMM = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const timeOfDaySchema = z.string().regex(HHMM, 'a time of day is HH:MM, 00:00–24:00');

export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export const periodSchema = z
  .strictObject({ start: timeOfDaySchema, end: timeOfDaySchema })
  .superRefine((p, ctx) => {
    if (minutesOfDay(p.start) >= minutesOfDay(p.end)) {
      addIssue(ctx, ['end'], `a period must end after it starts (${p.start}–${p.end})`, `时段结束时间必须晚于开始时间(${p.start}–${p.end})`);
    }
  });
export type Period = z.infer<typeof periodSchema>;

export const businessHoursSchema = z
  .array(periodSchema)
  .min(1)
  .max(12)
  .superRefine((periods, ctx) => {
    for (let i = 1; i < periods.length; i++) {
      const prev = periods[i - 1];
      const cur = periods[i];
      if (minutesOfDay(cur.start) < minutesOfDay(prev.end)) {
        addIssue(
          ctx,
          [i],
          `business-hour periods must be sorted and must not overlap: ${cur.start}–${cur.end} starts before ${prev.start}–${prev.end} ends`,
          `营业时段必须按时间顺序排列且不得重叠:${cur.start}–${cur.end} 在 ${prev.start}–${prev.end} 结束之前开始`,
        );
      }
    }
  });

/** ISO weekdays, 1 = Monday … 7 = Sunday; unique and ascending. */
export const weekdaysSchema = z
  .array(z.int().min(1).max(7))
  .min(1)
  .max(7)
  .superRefine((days, ctx) => {
    for (let i = 1; i < days.length; i++) {
      if (days[i] <= days[i - 1]) {
        addIssue(ctx, [i], 'weekdays must be unique and ascending (1 = Monday … 7 = Sunday)', '工作日须不重复且按升序排列(1 = 周一 … 7 = 周日)');
      }
    }
  });

export const calendarSchema = z.strictObject({
  /** Offset of local civil time from UTC, in minutes (China: +480). */
  utcOffsetMinutes: cited(z.int().min(-720).max(840)),
  workingWeekdays: cited(weekdaysSchema),
  businessHours: cited(businessHoursSchema),
  /** Whether the day of receipt counts as the first of N working days. */
  dayOfReceiptCounted: cited(z.boolean()),
  /** Whether a receipt after the last period's end counts as received the next working day. */
  afterClosingCountsNextDay: cited(z.boolean()),
});
export type CalendarPolicy = z.infer<typeof calendarSchema>;

// ---------------------------------------------------------------------------------------------
// Cases: SLA clocks, lateness, escalation

export const LATENESS_LEVELS = [
  { id: 'overdue', label: { zh: '超期', en: 'overdue' } },
  { id: 'severely_overdue', label: { zh: '严重超期', en: 'severely overdue' } },
] as const;

/**
 * When a clock becomes 严重超期. `multiple`: when `factor` × the clock's duration has elapsed
 * since the start (Alaveteli: late at 20, very late at 40 working days → factor 2).
 * `after_due`: a fixed further delay after the due instant.
 */
export const severeRuleSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('multiple'), factor: z.number().gt(1).max(100) }),
  z.strictObject({ mode: z.literal('after_due'), delay: durationSchema }),
]);
export type SevereRule = z.infer<typeof severeRuleSchema>;

export const RECIPIENTS = ['assignee', 'unit_head', 'quality_office'] as const;
/** A recipient by case relation, or everyone holding one of the six user roles (`{ role: 'supervisor' }`). */
export const recipientSchema = z.union([
  z.enum(RECIPIENTS),
  z.strictObject({ role: z.enum(roles) }),
]);
export type Recipient = z.infer<typeof recipientSchema>;

export const ESCALATION_ACTIONS = ['notify', 'reassign', 'raise_priority'] as const;
export const escalationActionSchema = z.enum(ESCALATION_ACTIONS);

export const escalationSchema = z
  .strictObject({
    id: idSchema,
    /** Fire `offset` before or after the anchor instant. */
    when: z.enum(['before', 'after']),
    /** `due` (超期 starts) or `severely_overdue` (严重超期 starts). */
    anchor: z.enum(['due', 'severely_overdue']),
    offset: offsetSchema,
    recipients: z.array(recipientSchema).min(1).max(10),
    actions: z.array(escalationActionSchema).min(1).max(3),
  })
  .superRefine((e, ctx) => {
    if (e.when === 'before' && e.offset.amount === 0) {
      addIssue(ctx, ['offset', 'amount'], 'an escalation "before" the anchor needs an offset of at least 1; use "after" with 0 to fire at the anchor', '"提前"触发的升级偏移量至少为 1;在节点时刻触发请用"之后"+0');
    }
    if (new Set(e.actions).size !== e.actions.length) {
      addIssue(ctx, ['actions'], 'escalation actions must not repeat', '升级动作不得重复');
    }
  });
export type Escalation = z.infer<typeof escalationSchema>;

/** Amounts in a shared base when two units are comparable without a calendar, else undefined. */
function comparable(a: { amount: number; unit: DurationUnit }, b: { amount: number; unit: DurationUnit }): [number, number] | undefined {
  if (a.unit === b.unit) return [a.amount, b.amount];
  const hours = (x: { amount: number; unit: DurationUnit }) =>
    x.unit === 'calendar_hours' ? x.amount : x.unit === 'calendar_days' ? x.amount * 24 : undefined;
  const ha = hours(a);
  const hb = hours(b);
  return ha !== undefined && hb !== undefined ? [ha, hb] : undefined;
}

export const clockSchema = z
  .strictObject({
    id: idSchema,
    label: labelSchema,
    duration: cited(durationSchema),
    lateness: z.strictObject({ severelyOverdue: cited(severeRuleSchema) }),
    escalations: cited(z.array(escalationSchema).max(20)),
  })
  .superRefine((clock, ctx) => {
    const esc = clock.escalations.value;
    const seen = new Set<string>();
    const duration = clock.duration.value;
    const severe = clock.lateness.severelyOverdue.value;
    esc.forEach((e, i) => {
      if (seen.has(e.id)) {
        addIssue(ctx, ['escalations', 'value', i, 'id'], `escalation id "${e.id}" is used twice in clock "${clock.id}"`, `时钟"${clock.id}"中升级级别 id"${e.id}"重复`);
      }
      seen.add(e.id);
      if (e.when !== 'before') return;
      // How long the anchor is after the clock starts, when expressible in the offset's unit.
      let window: { amount: number; unit: DurationUnit } | undefined = duration;
      if (e.anchor === 'severely_overdue') {
        if (severe.mode === 'multiple') {
          window = { amount: duration.amount * severe.factor, unit: duration.unit };
        } else if (severe.delay.unit === duration.unit) {
          window = { amount: duration.amount + severe.delay.amount, unit: duration.unit };
        } else {
          const both = comparable(duration, severe.delay);
          window = both ? { amount: both[0] + both[1], unit: 'calendar_hours' } : undefined;
        }
      }
      const pair = window ? comparable(e.offset, window) : undefined;
      if (pair && pair[0] >= pair[1]) {
        addIssue(
          ctx,
          ['escalations', 'value', i, 'offset'],
          `escalation "${e.id}" fires ${e.offset.amount} ${e.offset.unit} before ${e.anchor}, which is not after the clock starts (${duration.amount} ${duration.unit})`,
          `升级级别"${e.id}"设在${e.anchor === 'due' ? '到期' : '严重超期'}前 ${e.offset.amount} 个单位,早于或等于时钟起点(时限 ${duration.amount} 个单位)`,
        );
      }
    });
  });
export type Clock = z.infer<typeof clockSchema>;

export const STANDARD_UNITS = ['rings', 'minutes', 'hours_per_day', 'count'] as const;
/** A service standard that is not a case clock, e.g. phone answered within 4 rings. */
export const serviceStandardSchema = z.strictObject({
  label: labelSchema,
  unit: z.enum(STANDARD_UNITS),
  limit: cited(z.number().min(0).max(1_000_000)),
});
export type ServiceStandard = z.infer<typeof serviceStandardSchema>;

/**
 * One point of an on-site checklist (e.g. the repair's 上门服务规范: badge, ID shown, consent, shoe
 * covers): where it applies — always, or only to work at a public site — cited.
 */
export const checklistItemSchema = z.strictObject({
  id: idSchema,
  label: labelSchema,
  applies: cited(z.enum(['always', 'public_sites'])),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const caseTypeSchema = z
  .strictObject({
    label: labelSchema,
    clocks: z.record(idSchema, clockSchema),
    standards: z.record(idSchema, serviceStandardSchema).optional(),
    /** Shortest description the public form accepts (characters, after trimming). */
    minContentLength: cited(z.int().min(1).max(1000)).optional(),
    /** What is checked on site (repair work orders), each point cited. */
    checklist: z.array(checklistItemSchema).max(30).optional(),
  })
  .superRefine((ct, ctx) => {
    for (const [key, clock] of Object.entries(ct.clocks)) {
      if (clock.id !== key) {
        addIssue(ctx, ['clocks', key, 'id'], `clock id "${clock.id}" must equal its key "${key}"`, `时钟 id"${clock.id}"必须与其键名"${key}"一致`);
      }
    }
  });
export type CaseTypePolicy = z.infer<typeof caseTypeSchema>;

/** Known case types are required; further types (repair, rectification, …) may be added. */
export const casesSchema = z
  .object({
    complaint: caseTypeSchema,
    inquiry: caseTypeSchema,
    application: caseTypeSchema,
    appeal: caseTypeSchema,
    rectification: caseTypeSchema,
  })
  .catchall(caseTypeSchema)
  .superRefine((cases, ctx) => {
    for (const key of Object.keys(cases)) {
      if (!idSchema.safeParse(key).success) {
        addIssue(ctx, [key], `case type "${key}" is not a valid id (lower-case snake_case)`, `案件类型"${key}"不是有效 id(小写字母、数字、下划线)`);
      }
    }
  });
export type CasesPolicy = z.infer<typeof casesSchema>;

// ---------------------------------------------------------------------------------------------
// Ratings

export const ratingLevelSchema = z.strictObject({
  value: z.int().min(1).max(10),
  zh: text(50),
  en: text(50),
});
export type RatingLevel = z.infer<typeof ratingLevelSchema>;

export const THRESHOLD_METRICS = ['ratingRate', 'satisfactionRate', 'positiveRate', 'negativeRate', 'surveySatisfaction'] as const;
export const THRESHOLD_OPS = ['gte', 'gt', 'lte', 'lt'] as const;
export const THRESHOLD_SCOPES = ['window', 'staff', 'unit', 'organisation'] as const;

/**
 * A rate threshold. `kind: 'target'` — meeting the condition is the goal and `action` happens
 * when it is missed; `kind: 'trigger'` — `action` happens when the condition holds
 * (canteen satisfaction < 60 % → rectification). Boundaries: 以上/不低于 → gte, 低于 → lt.
 */
export const thresholdRuleSchema = z.strictObject({
  label: labelSchema,
  metric: z.enum(THRESHOLD_METRICS),
  op: z.enum(THRESHOLD_OPS),
  /** A fraction 0..1 (0.9 = 90 %). */
  value: z.number().min(0).max(1),
  scope: z.enum(THRESHOLD_SCOPES),
  period: z.enum(['month', 'quarter', 'year']),
  kind: z.enum(['target', 'trigger']),
  action: z.enum(['alert', 'rectification']),
  /** For survey metrics: which survey (e.g. `canteen`). */
  subject: idSchema.optional(),
});
export type ThresholdRule = z.infer<typeof thresholdRuleSchema>;

export const ratingsSchema = z
  .strictObject({
    levels: cited(
      z
        .array(ratingLevelSchema)
        .min(2)
        .max(10)
        .superRefine((levels, ctx) => {
          for (let i = 1; i < levels.length; i++) {
            if (levels[i].value >= levels[i - 1].value) {
              addIssue(ctx, [i, 'value'], 'rating levels must be unique and listed from best to worst', '评价等级须不重复并按由好到差排列');
            }
          }
        }),
    ),
    negativeLevels: cited(z.array(z.int().min(1).max(10)).min(1).max(9)),
    /** The 好评 levels: "% positive" of a five-level survey question and the satisfaction rate's numerator. */
    positiveLevels: cited(z.array(z.int().min(1).max(10)).min(1).max(9)),
    basicSatisfiedCountsAsSatisfied: cited(z.boolean()),
    tokenExpiryDays: cited(z.int().min(1).max(366)),
    /** Fewer answers than this: a rate or score is shown but flagged as a small sample. */
    minSampleSize: cited(z.int().min(1).max(100_000)),
    /** A standing QR code takes one rating per device and window within this many minutes. */
    deviceIntervalMinutes: cited(z.int().min(0).max(1440)),
    /** More than `ratings` ratings from one client address for one window within `minutes`: the quality office is told. */
    burst: cited(z.strictObject({ ratings: z.int().min(1).max(10_000), minutes: z.int().min(1).max(1440) })),
    thresholds: z.record(idSchema, cited(thresholdRuleSchema)),
    /** 约谈: a window at the bottom of the monthly ranking this many months running (1–12: the dashboard reads a year). */
    talkAfterMonthsAtBottom: cited(z.int().min(1).max(12)),
  })
  .superRefine((r, ctx) => {
    const values = new Set(r.levels.value.map((l) => l.value));
    const neg = r.negativeLevels.value;
    neg.forEach((v, i) => {
      if (!values.has(v)) {
        addIssue(ctx, ['negativeLevels', 'value', i], `negative level ${v} is not one of the rating levels`, `差评等级 ${v} 不在评价等级之中`);
      }
    });
    if (new Set(neg).size !== neg.length) {
      addIssue(ctx, ['negativeLevels', 'value'], 'negative levels must not repeat', '差评等级不得重复');
    } else if (neg.length >= values.size) {
      addIssue(ctx, ['negativeLevels', 'value'], 'not every rating level can be negative', '不能所有评价等级都算差评');
    }
    const pos = r.positiveLevels.value;
    pos.forEach((v, i) => {
      if (!values.has(v)) {
        addIssue(ctx, ['positiveLevels', 'value', i], `positive level ${v} is not one of the rating levels`, `好评等级 ${v} 不在评价等级之中`);
      } else if (neg.includes(v)) {
        addIssue(ctx, ['positiveLevels', 'value', i], `level ${v} cannot be both positive and negative`, `等级 ${v} 不能既算好评又算差评`);
      }
    });
    if (new Set(pos).size !== pos.length) {
      addIssue(ctx, ['positiveLevels', 'value'], 'positive levels must not repeat', '好评等级不得重复');
    }
  });
export type RatingsPolicy = z.infer<typeof ratingsSchema>;

// ---------------------------------------------------------------------------------------------
// Reports

/** 每日来访投诉通报 (002:L108): whether the previous day's bulletin goes out by itself, and when. */
export const reportsSchema = z.strictObject({
  dailyBulletin: z.strictObject({
    send: cited(z.boolean()),
    /** Local time at which yesterday's bulletin is sent (inbox and email). */
    at: cited(timeOfDaySchema),
  }),
});
export type ReportsPolicy = z.infer<typeof reportsSchema>;

// ---------------------------------------------------------------------------------------------
// Horizons (issue 11 §5) — how far ahead a deadline counts as near, how far back published and
// measured figures reach. Kept in one section of their own; the modules read them through
// `horizonsOf` (accessors.ts).

export const horizonsSchema = z.strictObject({
  /** 临期: a running clock whose due instant falls within this span from now is "due soon". */
  dueSoon: cited(durationSchema),
  /** Months of complaint and satisfaction statistics on the public board (服务公开, 003:L630). */
  boardMonths: cited(z.int().min(1).max(24)),
  /** Days before a measured month whose complaints are read to find the replies falling due in it. */
  complaintLookbackDays: cited(z.int().min(1).max(366)),
});
export type HorizonsPolicy = z.infer<typeof horizonsSchema>;

// Casework: how cases are handled beyond their clocks (preset values and accessor in casework.ts)

export const caseworkSchema = z.strictObject({
  /**
   * 审核办结: a complaint the unit head has answered waits for the quality office, which closes it
   * or sends it back (退回重办); off: whoever may close a complaint closes it after the reply.
   */
  complaintReviewClose: cited(z.boolean()),
  /** Photos the public complaint form takes: how many (at most 3) and how large each (bytes). */
  publicPhotos: cited(z.strictObject({ count: z.int().min(0).max(3), maxBytes: z.int().min(10_000).max(5 * 1024 * 1024) })),
});
export type CaseworkPolicy = z.infer<typeof caseworkSchema>;

// ---------------------------------------------------------------------------------------------
// Publication: what the open feeds (Open311 GET requests without a key) show of a complaint.
// Preset and accessor in publication.ts.

export const publicationSchema = z.strictObject({
  /** The complaint text in the open feed: left out, or with phone numbers, e-mail and ID numbers masked. */
  openFeedDescription: cited(z.enum(['omit', 'masked'])),
  /** Coordinates in the open feed: left out, rounded to about 100 m (3 decimals), or as sent. */
  openFeedLocation: cited(z.enum(['omit', 'rounded', 'exact'])),
  /** Whether the address the client sent is in the open feed (it may be someone's home). */
  openFeedAddress: cited(z.boolean()),
});
export type PublicationPolicy = z.infer<typeof publicationSchema>;
// Wording: the sector's lists people pick from (values per sector in wording.ts)

/** One entry of a sector list: a stable code (stored with ratings and cases), its labels, where it comes from. */
export const wordingItemSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a code is lower-case snake_case, at most 40 characters'),
  zh: text(60),
  en: text(80),
  /** A standard or document the entry comes from (GB/T 39734, 002:L98), shown to the office. */
  source: text(60).optional(),
});
export type WordingItem = z.infer<typeof wordingItemSchema>;

const wordingList = z
  .array(wordingItemSchema)
  .min(1)
  .max(60)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.code)) addIssue(ctx, [i, 'code'], `code "${item.code}" is used twice`, `编码“${item.code}”重复`);
      seen.add(item.code);
    });
  });

export const wordingSchema = z.strictObject({
  /** 差评 reasons offered on the rating page (a ratings' `reasons` hold these codes). */
  ratingReasons: cited(wordingList),
  /** 投诉类别: what a complaint is about, also the Open311 service list. */
  complaintCategories: cited(wordingList),
  /** Built-in survey templates the sector offers (code and title). */
  surveyTemplates: cited(wordingList),
});
export type WordingPolicy = z.infer<typeof wordingSchema>;
// Payroll: when final fines and rewards reach the pay (preset values and accessor in payroll.ts)

export const payrollSchema = z.strictObject({
  /** Months from the month a fine or reward became final to the payroll month that carries it (1: the next month). */
  lagMonths: cited(z.int().min(0).max(12)),
});
export type PayrollPolicy = z.infer<typeof payrollSchema>;

// ---------------------------------------------------------------------------------------------
// The pack

export const policyPackSchema = z.strictObject({
  version: z.int().min(1),
  sector: sectorSchema,
  name: labelSchema,
  calendar: calendarSchema,
  cases: casesSchema,
  horizons: horizonsSchema,
  ratings: ratingsSchema,
  reports: reportsSchema,
  /** Inspection checklists and scorecards (RULES §4): see inspections.ts. */
  inspections: inspectionsSchema,
  /** How cases are handled beyond their clocks (审核办结…): see casework.ts. */
  casework: caseworkSchema,
  /** What open feeds show (Open311 without a key): see publication.ts. */
  publication: publicationSchema,
  /** Fines and rewards (RULES §5 奖惩), catalogue → rule, each amount cited: see sanction-rules.ts. */
  sanctionRules: sanctionRulesSchema,
  /** Sector lists: 差评 reasons, complaint categories, survey templates (see wording.ts). */
  wording: wordingSchema,
  /** When final sanctions reach the pay (RULES §5): see payroll.ts. */
  payroll: payrollSchema,
  /** How a sanction is proposed, approved and appealed (奖惩, RULES §5): see sanctions.ts. */
  sanctions: sanctionsSchema,
  /** Award types, disqualification profiles, honours (评选, RULES §6): see awards.ts. */
  awards: awardsSchema,
  /** Indicator competitions (RULES §7 考核指标, 竞赛评分), preset code → KPI definitions: see competitions.ts. */
  competitions: competitionsSchema,
  /** Personal appraisal (个人考核): sheet templates per post, stars and pay coefficients, 末位: see appraisal.ts. */
  appraisal: appraisalSchema,
});
export type PolicyPack = z.infer<typeof policyPackSchema>;
export type PolicyPackInput = z.input<typeof policyPackSchema>;

/** Sections an organisation may override (version, sector are fixed by the preset). */
export const OVERRIDABLE_SECTIONS = ['name', 'calendar', 'cases', 'horizons', 'ratings', 'reports', 'casework', 'wording', 'publication', 'sanctionRules', 'payroll', 'sanctions', 'awards', 'competitions', 'appraisal'] as const;

/**
 * An organisation's override: a deep-partial of the pack where every overridden policy value is
 * itself a cited value (it replaces the preset's value and citation whole).
 */
export type PolicyOverrides = {
  [K in (typeof OVERRIDABLE_SECTIONS)[number]]?: DeepOverride<PolicyPack[K]>;
};
export type DeepOverride<T> =
  T extends Cited<infer V>
    ? CitedOverride<V>
    : T extends readonly unknown[]
      ? T
      : T extends object
        ? { [K in keyof T]?: DeepOverride<T[K]> }
        : T;

// ---------------------------------------------------------------------------------------------
// Shape helpers shared by resolve and the accessors

/** A plain object (`{}` literal or null-prototype), not an array, date, map or class instance. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const CITED_KEYS = new Set(['value', 'source', 'decision']);

/** True for a `{ value, source?, decision? }` wrapper that carries a source or a decision. */
export function isCitedValue(x: unknown): x is Cited<unknown> {
  if (!isPlainObject(x) || !Object.hasOwn(x, 'value')) return false;
  return Object.keys(x).every((k) => CITED_KEYS.has(k)) && (typeof x.source === 'string' || typeof x.decision === 'string' || isDecision(x.decision));
}
