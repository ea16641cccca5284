/**
 * Appraisal periods (考核周期): ISO weeks ('2026-W47', Monday to Sunday), months ('2026-11') and
 * quarters ('2026-Q4'), each with inclusive civil dates from/to.
 */
import { daysInMonth, formatDayNumber, isValidCivilDate, parseDayNumber } from '../calendar/index.js';
import { AppraisalError } from './errors.js';
import { PERIOD_KINDS, type Period, type PeriodKind } from './types.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const date = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
/** ISO weekday of a day number: 0 Monday … 6 Sunday (day 0 = 1970-01-01, a Thursday). */
const isoWeekday = (dn: number) => (((dn + 3) % 7) + 7) % 7;

function invalid(kind: unknown, label: unknown): never {
  throw new AppraisalError('appraisal_period_invalid', `"${String(label)}" is not a ${String(kind)} period (2026-W47, 2026-11, 2026-Q4)`, 'period');
}

/** Day number of the Monday of ISO week 1 of `year` (the week holding 4 January). */
function isoWeekOneMonday(year: number): number {
  const jan4 = parseDayNumber(date(year, 1, 4));
  return jan4 - isoWeekday(jan4);
}
const isoWeeksIn = (year: number) => (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;

function weekly(year: number, week: number): Period {
  const monday = isoWeekOneMonday(year) + (week - 1) * 7;
  return { kind: 'weekly', label: `${pad(year, 4)}-W${pad(week)}`, from: formatDayNumber(monday), to: formatDayNumber(monday + 6) };
}
function monthly(year: number, month: number): Period {
  return { kind: 'monthly', label: `${pad(year, 4)}-${pad(month)}`, from: date(year, month, 1), to: date(year, month, daysInMonth(year, month)) };
}
function quarterly(year: number, q: number): Period {
  const last = q * 3;
  return { kind: 'quarterly', label: `${pad(year, 4)}-Q${q}`, from: date(year, last - 2, 1), to: date(year, last, daysInMonth(year, last)) };
}

const YEAR_MIN = 1971;
const YEAR_MAX = 9998;

/** The period of `kind` labelled `label`; AppraisalError('appraisal_period_invalid') for anything else. */
export function periodOf(kind: PeriodKind, label: string): Period {
  if (!(PERIOD_KINDS as readonly unknown[]).includes(kind) || typeof label !== 'string') invalid(kind, label);
  const pattern = kind === 'weekly' ? /^(\d{4})-W(\d{2})$/ : kind === 'monthly' ? /^(\d{4})-(\d{2})$/ : /^(\d{4})-Q(\d)$/;
  const m = pattern.exec(label);
  if (!m) invalid(kind, label);
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (year < YEAR_MIN || year > YEAR_MAX) invalid(kind, label);
  if (kind === 'weekly' && n >= 1 && n <= isoWeeksIn(year)) return weekly(year, n);
  if (kind === 'monthly' && n >= 1 && n <= 12) return monthly(year, n);
  if (kind === 'quarterly' && n >= 1 && n <= 4) return quarterly(year, n);
  return invalid(kind, label);
}

/** The period of `kind` holding the civil date `day` (YYYY-MM-DD). */
export function periodContaining(kind: PeriodKind, day: string): Period {
  if (!(PERIOD_KINDS as readonly unknown[]).includes(kind) || !isValidCivilDate(day)) invalid(kind, day);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (year < YEAR_MIN || year > YEAR_MAX) invalid(kind, day);
  if (kind === 'monthly') return monthly(year, month);
  if (kind === 'quarterly') return quarterly(year, Math.ceil(month / 3));
  const dn = parseDayNumber(day);
  // The ISO week-year is the year of the week's Thursday.
  const thursday = dn - isoWeekday(dn) + 3;
  const weekYear = Number(formatDayNumber(thursday).slice(0, 4));
  return weekly(weekYear, Math.floor((thursday - isoWeekOneMonday(weekYear)) / 7) + 1);
}

/** The period just before `period`. */
export function periodBefore(period: Period): Period {
  const prior = formatDayNumber(parseDayNumber(periodOf(period.kind, period.label).from) - 1);
  return periodContaining(period.kind, prior);
}

/** The `n` periods before `period`, the latest first: [p−1, p−2, …, p−n]. */
export function previousPeriods(period: Period, n: number): Period[] {
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new AppraisalError('appraisal_period_invalid', `cannot step back ${n} periods`, 'n');
  const out: Period[] = [];
  let p = period;
  for (let i = 0; i < n; i++) out.push((p = periodBefore(p)));
  return out;
}
