/**
 * Campaign schedules (服务提升年 plans, RULES §8): phases and deadlines given as dates, as
 * 上旬/中旬/下旬 of a month or as durations after the previous phase, resolved into civil dates of
 * one campaign year. Pure: no I/O.
 *
 * Decisions (RULES §8): 上旬 / 中旬 / 下旬 = days 1–10 / 11–20 / 21 to month end; a "…前" deadline
 * includes that day and is not moved off a weekend or holiday; "半个月" ends on the 15th; a phase
 * given as a duration starts the day after the previous one ends.
 */
import { daysInMonth, formatDayNumber, isValidCivilDate, parseDayNumber } from '../calendar/index.js';
import type { CivilDate, DateSpec, MonthPart, PhaseLength, PhaseSpec, ResolvedPhase, ScheduleIssue, Span } from './types.js';

/** The days of a part of a month: 上旬 1–10, 中旬 11–20, 下旬 21 to the end, or the whole month. */
export function monthPartSpan(year: number, month: number, part: MonthPart): Span {
  const last = daysInMonth(year, month);
  const [a, b] = part === 'early' ? [1, 10] : part === 'mid' ? [11, 20] : part === 'late' ? [21, last] : [1, last];
  return { from: civil(year, month, a), to: civil(year, month, b) };
}

function civil(y: number, m: number, d: number): CivilDate {
  return formatDayNumber(parseDayNumber(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
}

/** A day `n` days after (before, n < 0) a date. */
export function addDays(date: CivilDate, n: number): CivilDate {
  return formatDayNumber(parseDayNumber(date) + n);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return parseDayNumber(b) - parseDayNumber(a);
}

function isMonth(m: unknown): m is number {
  return Number.isInteger(m) && (m as number) >= 1 && (m as number) <= 12;
}

/**
 * The span a spec names in the campaign year: one day for a date, the part's days for a part of
 * a month. Throws RangeError for an impossible spec (13th month, 30 February, a bad date).
 */
export function specSpan(year: number, spec: DateSpec): Span {
  if ('date' in spec) {
    if (!isValidCivilDate(spec.date)) throw new RangeError(`invalid date ${String(spec.date)}`);
    return { from: spec.date, to: spec.date };
  }
  const y = year + (spec.yearOffset ?? 0);
  if (!Number.isInteger(y) || y < 1 || y > 9999) throw new RangeError(`invalid year ${String(y)}`);
  if (!isMonth(spec.month)) throw new RangeError(`invalid month ${String(spec.month)}`);
  if ('part' in spec) return monthPartSpan(y, spec.month, spec.part);
  if (!Number.isInteger(spec.day) || spec.day < 1 || spec.day > daysInMonth(y, spec.month)) throw new RangeError(`no day ${String(spec.day)} in ${y}-${spec.month}`);
  const d = civil(y, spec.month, spec.day);
  return { from: d, to: d };
}

/** A deadline spec's due date: the last day it names ("3月底前" → 31 March; "5月6日前" → 6 May, inclusive). */
export function dueDateOf(year: number, spec: DateSpec): CivilDate {
  return specSpan(year, spec).to;
}

/**
 * The last day of a phase of `length` starting on `start`. Months run to the day before the same
 * day of the later month (clamped to its end); "半个月" from the 1st ends on the 15th and from the
 * 16th at month end (RULES §8 decision), otherwise after 15 days.
 */
export function endOfLength(start: CivilDate, length: PhaseLength): CivilDate {
  const days = length.days ?? 0;
  const months = length.months ?? 0;
  const halves = length.halfMonths ?? 0;
  for (const n of [days, months, halves]) if (!Number.isInteger(n) || n < 0) throw new RangeError('a length counts whole, non-negative days, months or half months');
  if (days + months + halves === 0) throw new RangeError('a phase lasts at least a day');
  // The exclusive end: the first day after the phase.
  let next = start;
  if (months > 0) next = addMonths(next, months);
  for (let i = 0; i < halves; i++) next = addHalfMonth(next);
  return addDays(next, days - 1);
}

function addMonths(date: CivilDate, n: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return civil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The day after half a month from `date`: 1st → 16th, 16th → 1st of the next month, else 15 days on. */
function addHalfMonth(date: CivilDate): CivilDate {
  const [y, m, d] = date.split('-').map(Number);
  if (d === 1) return civil(y, m, 16);
  if (d === 16) return addDays(civil(y, m, daysInMonth(y, m)), 1);
  return addDays(date, 15);
}

export type ResolveScheduleResult = { ok: true; phases: ResolvedPhase[] } | { ok: false; issues: ScheduleIssue[] };

/**
 * Resolves a campaign's phases in its year. Phases may overlap ("各项工作穿插进行", 003:L137) and
 * cross into the next year; a phase given as a length starts the day after the previous one ends.
 * Every problem is reported with its phase's index, not only the first.
 */
export function resolveSchedule(year: number, phases: readonly PhaseSpec[]): ResolveScheduleResult {
  const issues: ScheduleIssue[] = [];
  if (!Number.isInteger(year) || year < 1 || year > 9998) return { ok: false, issues: [{ path: ['year'], code: 'invalid_year', message: `invalid year ${String(year)}` }] };
  const out: ResolvedPhase[] = [];
  let previous: ResolvedPhase | null = null;
  phases.forEach((p, i) => {
    const path = ['phases', i];
    let span: Span | null = null;
    if ('after' in p.timing) {
      if (!previous) issues.push({ path: [...path, 'timing'], code: 'no_previous_phase', message: 'a phase given as a length needs a phase before it' });
      else {
        const from = addDays(previous.to, 1);
        try {
          span = { from, to: endOfLength(from, p.timing.length) };
        } catch (e) {
          issues.push({ path: [...path, 'timing', 'length'], code: 'invalid_length', message: (e as Error).message });
        }
      }
    } else {
      let from: Span | null = null;
      let to: Span | null = null;
      try {
        from = specSpan(year, p.timing.from);
      } catch (e) {
        issues.push({ path: [...path, 'timing', 'from'], code: 'invalid_date', message: (e as Error).message });
      }
      try {
        to = specSpan(year, p.timing.to);
      } catch (e) {
        issues.push({ path: [...path, 'timing', 'to'], code: 'invalid_date', message: (e as Error).message });
      }
      if (from && to) {
        span = { from: from.from, to: to.to };
        if (span.to < span.from) {
          issues.push({ path: [...path, 'timing', 'to'], code: 'ends_before_start', message: `ends ${span.to} before it starts ${span.from}` });
          span = null;
        }
      }
    }
    const resolved = span ? { code: p.code, ...span } : null;
    if (resolved) out.push(resolved);
    previous = resolved;
  });
  return issues.length ? { ok: false, issues } : { ok: true, phases: out };
}

/** True when the day lies in the span (both ends included). */
export function spanContains(span: Span, date: CivilDate): boolean {
  return span.from <= date && date <= span.to;
}

/** True when two spans share at least one day. */
export function spansOverlap(a: Span, b: Span): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The phases running on a day, in schedule order (several when they overlap). */
export function activePhases<T extends Span>(phases: readonly T[], date: CivilDate): T[] {
  if (!isValidCivilDate(date)) throw new RangeError(`invalid date ${String(date)}`);
  return phases.filter((p) => spanContains(p, date));
}

/** The whole campaign: its first phase's start to its last phase's end (null without phases). */
export function campaignSpan(phases: readonly Span[]): Span | null {
  if (phases.length === 0) return null;
  return { from: phases.reduce((a, p) => (p.from < a ? p.from : a), phases[0].from), to: phases.reduce((a, p) => (p.to > a ? p.to : a), phases[0].to) };
}
