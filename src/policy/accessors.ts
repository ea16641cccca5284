/**
 * Typed accessors: modules read the pack through these and never dig into its structure.
 * Values come back unwrapped (no `{ value, source }`) and copied, so callers may keep them.
 */
import {
  isCitedValue,
  isPlainObject,
  type Decision,
  type Duration,
  type Escalation,
  type Label,
  type Period,
  type PolicyPack,
  type RatingLevel,
  type ServiceStandard,
  type SevereRule,
  type ThresholdRule,
} from './schema.js';
import { satisfactionOptions, type SatisfactionOptions } from '../engines/metrics/index.js';
import { sourceInWords, type Words } from './references.js';

/** The pack lacks a value a caller needs (a clock of a case type); code `policy_value_missing` (422). */
export class PolicyLookupError extends Error {
  readonly code = 'policy_value_missing' as const;
  constructor(message: string) {
    super(message);
    this.name = 'PolicyLookupError';
  }
}

const copy = <T>(x: T): T => structuredClone(x);

export interface ResolvedClock {
  caseType: string;
  id: string;
  label: Label;
  duration: Duration;
  severelyOverdue: SevereRule;
  escalations: Escalation[];
}

/** Case types the pack defines (complaint, inquiry, application, appeal, and any added). */
export function caseTypesOf(pack: PolicyPack): string[] {
  return Object.keys(pack.cases);
}

/** The clock, or undefined when the pack has no such case type or clock. */
export function findClock(pack: PolicyPack, caseType: string, clockId: string): ResolvedClock | undefined {
  const ct = Object.hasOwn(pack.cases, caseType) ? pack.cases[caseType] : undefined;
  const c = ct && Object.hasOwn(ct.clocks, clockId) ? ct.clocks[clockId] : undefined;
  if (!c) return undefined;
  return {
    caseType,
    id: c.id,
    label: copy(c.label),
    duration: copy(c.duration.value),
    severelyOverdue: copy(c.lateness.severelyOverdue.value),
    escalations: copy(c.escalations.value),
  };
}

/** The clock; throws `PolicyLookupError` when the pack has no such case type or clock. */
export function clockFor(pack: PolicyPack, caseType: string, clockId: string): ResolvedClock {
  const c = findClock(pack, caseType, clockId);
  if (!c) throw new PolicyLookupError(`policy pack "${pack.sector}" v${pack.version} has no clock "${clockId}" for case type "${caseType}"`);
  return c;
}

/** Every clock of a case type (empty when the case type is unknown). */
export function clocksOf(pack: PolicyPack, caseType: string): ResolvedClock[] {
  const ct = Object.hasOwn(pack.cases, caseType) ? pack.cases[caseType] : undefined;
  return ct ? Object.keys(ct.clocks).map((id) => findClock(pack, caseType, id) as ResolvedClock) : [];
}

export interface ResolvedStandard {
  caseType: string;
  id: string;
  label: Label;
  unit: ServiceStandard['unit'];
  limit: number;
}

/** Service standards of a case type (e.g. utility inquiry: phone answered within 4 rings). */
export function serviceStandardsOf(pack: PolicyPack, caseType: string): ResolvedStandard[] {
  const ct = Object.hasOwn(pack.cases, caseType) ? pack.cases[caseType] : undefined;
  return Object.entries(ct?.standards ?? {}).map(([id, s]) => ({ caseType, id, label: copy(s.label), unit: s.unit, limit: s.limit.value }));
}

export interface RatingThreshold extends ThresholdRule {
  id: string;
  source?: string;
  /** The source in words (《服务提升年活动实施方案》第1篇), for screens; absent for the system's own defaults. */
  reference?: Words;
  decision?: Decision;
}

/** Rating thresholds as a flat list, each with its citation. */
export function ratingThresholds(pack: PolicyPack): RatingThreshold[] {
  return Object.entries(pack.ratings.thresholds).map(([id, t]) => {
    const out: RatingThreshold = { id, ...copy(t.value) };
    if (t.source !== undefined) out.source = t.source;
    const reference = sourceInWords(t.source);
    if (reference) out.reference = reference;
    if (t.decision !== undefined) out.decision = t.decision;
    return out;
  });
}

export interface RatingSettings {
  levels: RatingLevel[];
  negativeLevels: number[];
  positiveLevels: number[];
  basicSatisfiedCountsAsSatisfied: boolean;
  /** The level sets the metrics engine counts with (satisfied, positive, negative). */
  satisfaction: SatisfactionOptions;
  tokenExpiryDays: number;
  /** Below this many answers a figure is flagged as a small sample. */
  minSampleSize: number;
  /** 约谈 after this many months running at the bottom of the window ranking. */
  talkAfterMonthsAtBottom: number;
  deviceIntervalMinutes: number;
  burst: { ratings: number; minutes: number };
}

export function ratingSettings(pack: PolicyPack): RatingSettings {
  const r = pack.ratings;
  return {
    levels: copy(r.levels.value),
    negativeLevels: [...r.negativeLevels.value],
    positiveLevels: [...r.positiveLevels.value],
    basicSatisfiedCountsAsSatisfied: r.basicSatisfiedCountsAsSatisfied.value,
    satisfaction: satisfactionOptions({
      basicSatisfiedCounts: r.basicSatisfiedCountsAsSatisfied.value,
      negativeLevels: r.negativeLevels.value,
      positiveLevels: r.positiveLevels.value,
      levels: r.levels.value.map((l) => l.value),
    }),
    tokenExpiryDays: r.tokenExpiryDays.value,
    minSampleSize: r.minSampleSize.value,
    talkAfterMonthsAtBottom: r.talkAfterMonthsAtBottom.value,
    deviceIntervalMinutes: r.deviceIntervalMinutes.value,
    burst: { ...r.burst.value },
  };
}

/** How far ahead "due soon" looks and how far back the board and the commitment measures read. */
export interface Horizons {
  dueSoon: Duration;
  boardMonths: number;
  complaintLookbackDays: number;
}

export function horizonsOf(pack: PolicyPack): Horizons {
  const h = pack.horizons;
  return { dueSoon: copy(h.dueSoon.value), boardMonths: h.boardMonths.value, complaintLookbackDays: h.complaintLookbackDays.value };
}

/** What the calendar engine needs: business-hour periods, the UTC offset, working weekdays. */
export interface BusinessHours {
  periods: { start: string; end: string }[];
  utcOffsetMinutes: number;
  weekdays: number[];
}

export function businessHoursOf(pack: PolicyPack): BusinessHours {
  const c = pack.calendar;
  return {
    periods: c.businessHours.value.map((p: Period) => ({ start: p.start, end: p.end })),
    utcOffsetMinutes: c.utcOffsetMinutes.value,
    weekdays: [...c.workingWeekdays.value],
  };
}

/** How deadlines count receipt: RULES §1 conventions. */
export interface DeadlineConventions {
  dayOfReceiptCounted: boolean;
  afterClosingCountsNextDay: boolean;
}

export function deadlineConventions(pack: PolicyPack): DeadlineConventions {
  return {
    dayOfReceiptCounted: pack.calendar.dayOfReceiptCounted.value,
    afterClosingCountsNextDay: pack.calendar.afterClosingCountsNextDay.value,
  };
}

export interface PolicyExplanation {
  /** Dotted path of the cited value, e.g. `cases.complaint.clocks.reply.duration`. */
  path: string;
  value: unknown;
  source?: string;
  decision?: Decision;
}

/** Every cited value in the pack with its source/decision, in pack order (for a "sources" screen). */
export function explainPolicy(pack: PolicyPack): PolicyExplanation[] {
  const out: PolicyExplanation[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (isCitedValue(node)) {
      const e: PolicyExplanation = { path: path.join('.'), value: copy(node.value) };
      if (node.source !== undefined) e.source = node.source;
      if (node.decision !== undefined) e.decision = node.decision;
      out.push(e);
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, String(i)]));
    } else if (isPlainObject(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(pack, []);
  return out;
}
