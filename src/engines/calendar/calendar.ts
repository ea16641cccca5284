/**
 * The compiled working-day calendar and the working-day functions.
 *
 * createWorkCalendar turns a national schedule + organisation overrides into dense arrays over
 * the covered day range [firstYear-01-01, lastYear-12-31]:
 *   working[i]  1 if day i is a working day
 *   prefix[i]   number of working days before day i (prefix[len] = total)
 *   kth[k]      day index of the k-th working day (0-based)
 * so addWorkingDays / workingDaysBetween are O(1) after parsing the date, and output strings are
 * cached per day index. Days of uncovered (gap) years are never working and every function
 * checks that it stays inside one run of covered years, so nothing is ever guessed.
 */
import {
  MS_PER_MINUTE,
  daysFromCivil,
  formatCivil,
  formatClock,
  isValidCivilDate,
  parseClock,
  parseDayNumber,
  yearOfDayNumber,
  daysInMonth,
} from './dates.js';
import { CalendarConfigError, CalendarYearMissingError } from './errors.js';
import type {
  BusinessHours,
  CalendarOverride,
  CivilDate,
  DayDescription,
  DayReason,
  Period,
  WorkCalendar,
  WorkCalendarInput,
} from './types.js';

/** Default opening hours: Monday–Friday (RULES §1 / 002:L99), 09:00–12:00 and 13:30–17:30, China time. */
export const DEFAULT_BUSINESS_HOURS: Readonly<BusinessHours> = Object.freeze({
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  utcOffsetMinutes: 480,
  weekdays: [1, 2, 3, 4, 5],
});

/** Reason codes stored per day. 0 = the day's year has no schedule. */
const R_MISSING = 0;
const R_WEEKDAY = 1;
const R_WEEKEND = 2;
const R_HOLIDAY = 3;
const R_MAKEUP = 4;
const R_CLOSURE = 5;
const R_EXTRA = 6;
const R_HALF = 7;

const REASONS: readonly (DayReason | undefined)[] = [
  undefined,
  'weekday',
  'weekend',
  'statutory_holiday',
  'makeup_workday',
  'closure',
  'extra_workday',
  'half_day',
];

/** Opening periods of one day, in milliseconds after local midnight. */
export interface DayHours {
  readonly periods: readonly Readonly<Period>[];
  readonly startMs: readonly number[];
  readonly endMs: readonly number[];
  /** Total open time of the day. */
  readonly openMs: number;
  /** Close of business: end of the last period. */
  readonly closeMs: number;
}

/** @internal The compiled calendar. Only this module and business-hours.ts read its fields. */
export class CompiledCalendar implements WorkCalendar {
  constructor(
    readonly firstYear: number,
    readonly lastYear: number,
    /** Day number (days since 1970-01-01) of firstYear-01-01. */
    readonly base: number,
    readonly len: number,
    readonly reason: Uint8Array,
    readonly working: Uint8Array,
    readonly prefix: Int32Array,
    readonly kth: Int32Array,
    /** First / last day index of the run of covered years containing day i (-1 on missing days). */
    readonly runStart: Int32Array,
    readonly runEnd: Int32Array,
    readonly dates: readonly string[],
    readonly hours: readonly (DayHours | null)[],
    /** Open milliseconds before day i (business-time coordinate). */
    readonly bizPrefix: Float64Array,
    readonly offsetMs: number,
  ) {}
}

export function compiled(cal: WorkCalendar): CompiledCalendar {
  if (cal instanceof CompiledCalendar) return cal;
  throw new TypeError('Expected a WorkCalendar created by createWorkCalendar()');
}

/** Civil year of day index i (i may be just outside the range). */
export function yearOfIndex(c: CompiledCalendar, i: number): number {
  return yearOfDayNumber(c.base + i);
}

/** Parse a date and return its day index; throws if its year is not covered. */
export function indexOfDate(c: CompiledCalendar, date: CivilDate): number {
  const dn = parseDayNumber(date);
  const i = dn - c.base;
  if (i < 0 || i >= c.len || c.reason[i] === R_MISSING) {
    throw new CalendarYearMissingError(yearOfDayNumber(dn), `needed for ${date}`);
  }
  return i;
}

/**
 * Day index of the n-th working day after (n > 0) / before (n < 0) day i; i itself for n = 0.
 * `what` names the computation in the error; given as a function, it is worded only then (the
 * sweep places hundreds of thousands of deadlines in a burst, and an ISO date each was a share of it).
 */
export function addWorkingIndex(c: CompiledCalendar, i: number, n: number, what: string | (() => string)): number {
  if (n > 0) {
    const k = c.prefix[i + 1] + n - 1;
    const end = c.runEnd[i];
    if (k < c.kth.length) {
      const j = c.kth[k];
      if (j <= end) return j;
    }
    throw new CalendarYearMissingError(yearOfIndex(c, end + 1), worded(what));
  }
  if (n < 0) {
    const k = c.prefix[i] + n;
    const start = c.runStart[i];
    if (k >= 0) {
      const j = c.kth[k];
      if (j >= start) return j;
    }
    throw new CalendarYearMissingError(yearOfIndex(c, start - 1), worded(what));
  }
  return i;
}

const worded = (what: string | (() => string)) => (typeof what === 'string' ? what : what());

/** Throws unless days i and j lie in the same run of covered years (walking from i to j). */
export function assertSameRun(c: CompiledCalendar, i: number, j: number, what: string): void {
  if (c.runStart[i] === c.runStart[j]) return;
  const year = j > i ? yearOfIndex(c, c.runEnd[i] + 1) : yearOfIndex(c, c.runStart[i] - 1);
  throw new CalendarYearMissingError(year, what);
}

// ---------------------------------------------------------------------------------------------
// Compilation

function configError(message: string): never {
  throw new CalendarConfigError(message);
}

function compilePeriods(periods: unknown, what: string): DayHours {
  if (!Array.isArray(periods) || periods.length === 0) configError(`${what}: at least one opening period is required`);
  const out: Readonly<Period>[] = [];
  const startMs: number[] = [];
  const endMs: number[] = [];
  let prevEnd = -1;
  let open = 0;
  for (const p of periods as unknown[]) {
    const start = p && typeof p === 'object' ? (p as Period).start : undefined;
    const end = p && typeof p === 'object' ? (p as Period).end : undefined;
    const s = parseClock(start as string, false);
    const e = parseClock(end as string, true);
    if (s === undefined || e === undefined) {
      configError(`${what}: period ${JSON.stringify(p)} must be {start:'HH:MM', end:'HH:MM'}`);
    }
    if (s >= e) configError(`${what}: period ${start}–${end} must start before it ends`);
    if (s < prevEnd) configError(`${what}: periods must be sorted and must not overlap (${start} starts before ${formatClock(prevEnd)})`);
    prevEnd = e;
    out.push(Object.freeze({ start: formatClock(s), end: e === 1440 ? '24:00' : formatClock(e) }));
    startMs.push(s * MS_PER_MINUTE);
    endMs.push(e * MS_PER_MINUTE);
    open += (e - s) * MS_PER_MINUTE;
  }
  return Object.freeze({
    periods: Object.freeze(out),
    startMs: Object.freeze(startMs),
    endMs: Object.freeze(endMs),
    openMs: open,
    closeMs: endMs[endMs.length - 1],
  });
}

function compileHours(hours: BusinessHours | undefined): { regular: DayHours; weekdays: boolean[]; offsetMs: number } {
  const h = hours ?? DEFAULT_BUSINESS_HOURS;
  if (!h || typeof h !== 'object') configError('hours must be an object');
  const regular = compilePeriods(h.periods, 'hours.periods');
  const off = h.utcOffsetMinutes;
  if (!Number.isInteger(off) || off < -720 || off > 840) {
    configError(`hours.utcOffsetMinutes must be an integer between -720 and 840 (China: 480), got ${String(off)}`);
  }
  const wd = h.weekdays ?? [1, 2, 3, 4, 5];
  if (!Array.isArray(wd)) configError('hours.weekdays must be an array of 0 (Sunday) … 6 (Saturday)');
  const weekdays = [false, false, false, false, false, false, false];
  for (const d of wd) {
    if (!Number.isInteger(d) || d < 0 || d > 6) configError(`hours.weekdays: ${String(d)} is not 0 (Sunday) … 6 (Saturday)`);
    weekdays[d] = true;
  }
  return { regular, weekdays, offsetMs: off * MS_PER_MINUTE };
}

function checkDate(date: unknown, what: string): number {
  if (!isValidCivilDate(date)) configError(`${what}: ${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
  return parseDayNumber(date);
}

/** Compile a calendar. Throws CalendarConfigError on inconsistent input. */
export function createWorkCalendar(input: WorkCalendarInput): WorkCalendar {
  if (!input || typeof input !== 'object' || !input.schedule || typeof input.schedule !== 'object') {
    configError('createWorkCalendar needs { schedule: { years, offDays, workdays } }');
  }
  const { schedule } = input;
  if (!Array.isArray(schedule.years) || !Array.isArray(schedule.offDays) || !Array.isArray(schedule.workdays)) {
    configError('schedule must have arrays years, offDays and workdays');
  }
  const years = [...new Set(schedule.years)].sort((a, b) => a - b);
  for (const y of years) {
    if (!Number.isInteger(y) || y < 1 || y > 9998) configError(`schedule.years: ${String(y)} is not a year`);
  }
  if (years.length === 0) configError('schedule.years is empty: load at least one published year');
  const firstYear = years[0];
  const lastYear = years[years.length - 1];
  const covered = new Uint8Array(lastYear - firstYear + 1);
  for (const y of years) covered[y - firstYear] = 1;

  const { regular, weekdays, offsetMs } = compileHours(input.hours);

  const base = daysFromCivil(firstYear, 1, 1);
  const len = daysFromCivil(lastYear + 1, 1, 1) - base;
  const reason = new Uint8Array(len);
  const hours: (DayHours | null)[] = new Array<DayHours | null>(len).fill(null);
  const dates: string[] = new Array<string>(len);

  // Regular weekday/weekend rule, and the cached output strings.
  let i = 0;
  let wd = (((base + 4) % 7) + 7) % 7;
  for (let y = firstYear; y <= lastYear; y++) {
    const yc = covered[y - firstYear] === 1;
    for (let m = 1; m <= 12; m++) {
      const dim = daysInMonth(y, m);
      for (let d = 1; d <= dim; d++, i++, wd = wd === 6 ? 0 : wd + 1) {
        dates[i] = formatCivil(y, m, d);
        if (yc) reason[i] = weekdays[wd] ? R_WEEKDAY : R_WEEKEND;
      }
    }
  }

  // National schedule: statutory days off and make-up working days.
  const national = new Map<number, boolean>(); // day number → isOffDay
  const addNational = (list: unknown[], off: boolean, what: string) => {
    for (const date of list) {
      const dn = checkDate(date, what);
      const prev = national.get(dn);
      if (prev !== undefined && prev !== off) {
        configError(`schedule lists ${String(date)} both as a day off and as a make-up working day`);
      }
      national.set(dn, off);
    }
  };
  addNational(schedule.offDays, true, 'schedule.offDays');
  addNational(schedule.workdays, false, 'schedule.workdays');
  for (const [dn, off] of national) {
    const j = dn - base;
    // Dates outside the covered years (e.g. 2006-12-30 in the 2007 file) are ignored.
    if (j < 0 || j >= len || reason[j] === R_MISSING) continue;
    if (off) reason[j] = R_HOLIDAY;
    else if (reason[j] === R_WEEKEND) reason[j] = R_MAKEUP;
  }
  for (let j = 0; j < len; j++) {
    const r = reason[j];
    if (r === R_WEEKDAY || r === R_MAKEUP) hours[j] = regular;
  }

  // Organisation overrides beat the national schedule (RULES §1 Decisions).
  const seen = new Set<number>();
  for (const o of (input.overrides ?? []) as CalendarOverride[]) {
    if (!o || typeof o !== 'object') configError('overrides: each override must be an object');
    const dn = checkDate(o.date, 'override');
    if (seen.has(dn)) configError(`overrides: more than one override for ${o.date}`);
    seen.add(dn);
    let dayHours: DayHours | null;
    let r: number;
    switch (o.kind) {
      case 'closure':
        r = R_CLOSURE;
        dayHours = null;
        break;
      case 'extra_workday':
        r = R_EXTRA;
        dayHours = o.periods === undefined ? regular : compilePeriods(o.periods, `override ${o.date}`);
        break;
      case 'half_day':
        r = R_HALF;
        // Default: the first regular period (e.g. the morning session).
        dayHours =
          o.periods === undefined
            ? compilePeriods([regular.periods[0]], `override ${o.date}`)
            : compilePeriods(o.periods, `override ${o.date}`);
        break;
      default:
        configError(`override ${o.date}: kind must be closure, extra_workday or half_day, got ${JSON.stringify(o.kind)}`);
    }
    const j = dn - base;
    if (j < 0 || j >= len || reason[j] === R_MISSING) continue; // the calendar never consults it
    reason[j] = r;
    hours[j] = dayHours;
  }

  // Dense arrays.
  const working = new Uint8Array(len);
  const prefix = new Int32Array(len + 1);
  const bizPrefix = new Float64Array(len + 1);
  const runStart = new Int32Array(len).fill(-1);
  const runEnd = new Int32Array(len).fill(-1);
  let total = 0;
  for (let j = 0; j < len; j++) {
    prefix[j] = total;
    const h = hours[j];
    bizPrefix[j + 1] = bizPrefix[j] + (h ? h.openMs : 0);
    if (h) {
      working[j] = 1;
      total++;
    }
  }
  prefix[len] = total;
  const kth = new Int32Array(total);
  for (let j = 0, k = 0; j < len; j++) if (working[j]) kth[k++] = j;
  for (let j = 0; j < len; ) {
    if (reason[j] === R_MISSING) {
      j++;
      continue;
    }
    let e = j;
    while (e + 1 < len && reason[e + 1] !== R_MISSING) e++;
    runStart.fill(j, j, e + 1);
    runEnd.fill(e, j, e + 1);
    j = e + 1;
  }

  return new CompiledCalendar(
    firstYear,
    lastYear,
    base,
    len,
    reason,
    working,
    prefix,
    kth,
    runStart,
    runEnd,
    Object.freeze(dates),
    Object.freeze(hours),
    bizPrefix,
    offsetMs,
  );
}

// ---------------------------------------------------------------------------------------------
// Working-day functions

function checkDays(days: number): void {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${String(days)}`);
}

export function isWorkingDay(cal: WorkCalendar, date: CivilDate): boolean {
  const c = compiled(cal);
  return c.working[indexOfDate(c, date)] === 1;
}

/** First working day strictly after `date`. */
export function nextWorkingDay(cal: WorkCalendar, date: CivilDate): CivilDate {
  const c = compiled(cal);
  return c.dates[addWorkingIndex(c, indexOfDate(c, date), 1, `the working day after ${date}`)];
}

/**
 * The `days`-th working day after `date` (before it when negative). RULES §1 / 002:L103: the day
 * of receipt is not counted, so `date` itself never counts; days = 0 returns `date` (whose year
 * must still be covered: the engine never answers for an unpublished year).
 */
export function addWorkingDays(cal: WorkCalendar, date: CivilDate, days: number): CivilDate {
  const c = cal instanceof CompiledCalendar ? cal : compiled(cal);
  if (!Number.isInteger(days)) checkDays(days);
  const i = indexOfDate(c, date);
  if (days === 0) return c.dates[i];
  if (days > 0) {
    // Inline fast path of addWorkingIndex (this is the benchmarked call).
    const k = c.prefix[i + 1] + days - 1;
    if (k < c.kth.length) {
      const j = c.kth[k];
      if (j <= c.runEnd[i]) return c.dates[j];
    }
  }
  return c.dates[addWorkingIndex(c, i, days, `${days} working days from ${date}`)];
}

/**
 * Number of working days d with from < d <= to; when to < from, minus the number of working
 * days d with to < d <= from. Antisymmetric and additive:
 * between(a,b) + between(b,c) = between(a,c), and between(a, addWorkingDays(a, n)) = n for
 * n >= 0 (and for n < 0 when a is a working day).
 */
export function workingDaysBetween(cal: WorkCalendar, from: CivilDate, to: CivilDate): number {
  const c = compiled(cal);
  const i = indexOfDate(c, from);
  const j = indexOfDate(c, to);
  assertSameRun(c, i, j, `counting working days from ${from} to ${to}`);
  return c.prefix[j + 1] - c.prefix[i + 1];
}

/** Working days in [from, to], inclusive, ascending ([] when to < from). */
export function workingDaysInRange(cal: WorkCalendar, from: CivilDate, to: CivilDate): CivilDate[] {
  const c = compiled(cal);
  const i = indexOfDate(c, from);
  const j = indexOfDate(c, to);
  if (j < i) return [];
  assertSameRun(c, i, j, `listing working days from ${from} to ${to}`);
  const out: CivilDate[] = [];
  for (let k = c.prefix[i], end = c.prefix[j + 1]; k < end; k++) out.push(c.dates[c.kth[k]]);
  return out;
}

function copyPeriods(h: DayHours | null): Period[] {
  return h ? h.periods.map((p) => ({ start: p.start, end: p.end })) : [];
}

/** Open periods of `date`: [] on non-working days, the reduced periods on half days. */
export function openPeriods(cal: WorkCalendar, date: CivilDate): Period[] {
  const c = compiled(cal);
  return copyPeriods(c.hours[indexOfDate(c, date)]);
}

/** Everything a month-view screen shows about one day. */
export function describeDay(cal: WorkCalendar, date: CivilDate): DayDescription {
  const c = compiled(cal);
  const i = indexOfDate(c, date);
  return {
    date: c.dates[i],
    working: c.working[i] === 1,
    reason: REASONS[c.reason[i]] as DayReason,
    periods: copyPeriods(c.hours[i]),
  };
}
