/**
 * Business-hours arithmetic. Instants are epoch milliseconds; local time = UTC + utcOffsetMinutes
 * (China has no DST, so a fixed offset is exact).
 *
 * Business time is a monotone coordinate B(t) = open milliseconds from the start of the calendar
 * to t (bizPrefix per day + the elapsed open time inside the day), so businessMinutesBetween is
 * a subtraction and addBusinessMinutes a binary search over days.
 */
import {
  CompiledCalendar,
  addWorkingIndex,
  assertSameRun,
  compiled,
  yearOfIndex,
  type DayHours,
} from './calendar.js';
import { MS_PER_DAY, MS_PER_MINUTE, formatDayNumber, yearOfDayNumber } from './dates.js';
import { CalendarYearMissingError } from './errors.js';
import type { CivilDate, WorkCalendar } from './types.js';

interface Located {
  /** Day index. */
  i: number;
  /** Milliseconds after local midnight. */
  tau: number;
}

function locate(c: CompiledCalendar, t: number, what: string): Located {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new RangeError(`${what} must be epoch milliseconds, got ${String(t)}`);
  const local = t + c.offsetMs;
  const dn = Math.floor(local / MS_PER_DAY);
  const i = dn - c.base;
  if (i < 0 || i >= c.len || c.reason[i] === 0) {
    throw new CalendarYearMissingError(yearOfDayNumber(dn), `needed for ${what} ${new Date(t).toISOString()}`);
  }
  return { i, tau: local - dn * MS_PER_DAY };
}

/** Open milliseconds of the day before `tau`. */
function elapsed(h: DayHours | null, tau: number): number {
  if (!h) return 0;
  let acc = 0;
  for (let p = 0; p < h.startMs.length; p++) {
    const s = h.startMs[p];
    if (tau <= s) break;
    const e = h.endMs[p];
    acc += (tau < e ? tau : e) - s;
  }
  return acc;
}

function bizTime(c: CompiledCalendar, at: Located): number {
  return c.bizPrefix[at.i] + elapsed(c.hours[at.i], at.tau);
}

function instantOf(c: CompiledCalendar, i: number, tau: number): number {
  return (c.base + i) * MS_PER_DAY + tau - c.offsetMs;
}

function receiptIndex(c: CompiledCalendar, receivedAt: number): number {
  const at = locate(c, receivedAt, 'receipt at');
  const h = c.hours[at.i];
  // RULES §1 Decisions: "Receipts after closing time count as received the next working day";
  // so do receipts on non-working days. At exactly the closing time the office is closed.
  if (h && at.tau < h.closeMs) return at.i;
  return addWorkingIndex(c, at.i, 1, 'the working day after a receipt out of hours');
}

/**
 * The date a receipt counts as received: the local date, or the next working day when it arrives
 * on a non-working day or at/after the close of business (end of that day's last open period).
 */
export function effectiveReceiptDate(cal: WorkCalendar, receivedAt: number): CivilDate {
  const c = compiled(cal);
  return c.dates[receiptIndex(c, receivedAt)];
}

/**
 * Deadline of `days` working days for a receipt: RULES §1 Decisions "a deadline of N working days
 * ends at the close of business of the N-th working day after receipt" (002:L103: day of receipt
 * not counted). days = 0 (即办) is due at the close of the effective receipt day.
 */
export function workingDayDeadline(cal: WorkCalendar, receivedAt: number, days: number): { dueDate: CivilDate; dueAt: number } {
  const c = compiled(cal);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${String(days)}`);
  const e = receiptIndex(c, receivedAt);
  const j = addWorkingIndex(c, e, days, () => `a deadline of ${days} working days from ${c.dates[e]}`);
  const h = c.hours[j] as DayHours; // j is a working day, so it has periods
  return { dueDate: c.dates[j], dueAt: instantOf(c, j, h.closeMs) };
}

/**
 * Add business minutes: only time inside open periods counts; a start outside hours begins at the
 * next opening. The result is the earliest instant reaching the target (so it can be a period's
 * end, e.g. 12:00, rather than the next opening). Negative minutes go backwards (result: the
 * latest instant, e.g. a period's start). minutes = 0 returns start.
 */
export function addBusinessMinutes(cal: WorkCalendar, start: number, minutes: number): number {
  const c = compiled(cal);
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) throw new RangeError(`minutes must be a finite number, got ${String(minutes)}`);
  const at = locate(c, start, 'start');
  const delta = Math.round(minutes * MS_PER_MINUTE);
  if (delta === 0) return start;
  const target = bizTime(c, at) + delta;
  const bp = c.bizPrefix;
  const what = `${minutes} business minutes from ${new Date(start).toISOString()}`;
  if (delta > 0) {
    // Smallest day j >= i with bp[j + 1] >= target.
    const end = c.runEnd[at.i];
    if (bp[end + 1] < target) throw new CalendarYearMissingError(yearOfIndex(c, end + 1), what);
    let lo = at.i;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bp[mid + 1] >= target) hi = mid;
      else lo = mid + 1;
    }
    const h = c.hours[lo] as DayHours;
    const r = target - bp[lo];
    let acc = 0;
    for (let p = 0; p < h.startMs.length; p++) {
      const len = h.endMs[p] - h.startMs[p];
      if (acc + len >= r) return instantOf(c, lo, h.startMs[p] + (r - acc));
      acc += len;
    }
    return instantOf(c, lo, h.closeMs); // unreachable: r <= openMs
  }
  // Largest day j <= i with bp[j] <= target.
  const begin = c.runStart[at.i];
  if (bp[begin] > target) throw new CalendarYearMissingError(yearOfIndex(c, begin - 1), what);
  let lo = begin;
  let hi = at.i;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (bp[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  const h = c.hours[lo] as DayHours;
  const r = target - bp[lo];
  let acc = 0;
  for (let p = 0; p < h.startMs.length; p++) {
    const len = h.endMs[p] - h.startMs[p];
    if (r < acc + len) return instantOf(c, lo, h.startMs[p] + (r - acc));
    acc += len;
  }
  return instantOf(c, lo, h.closeMs); // unreachable: r < openMs
}

/** Business minutes between two instants (negative when to < from); only open time counts. */
export function businessMinutesBetween(cal: WorkCalendar, from: number, to: number): number {
  const c = compiled(cal);
  const a = locate(c, from, 'from');
  const b = locate(c, to, 'to');
  assertSameRun(c, a.i, b.i, 'counting business minutes');
  return (bizTime(c, b) - bizTime(c, a)) / MS_PER_MINUTE;
}

/**
 * The local civil date of an instant (in the calendar's UTC offset). Pure arithmetic: it needs no
 * holiday schedule, so it answers for years that are not loaded too (a tracking number, a
 * calendar-time deadline).
 */
export function localDateOf(cal: WorkCalendar, t: number): CivilDate {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new RangeError(`instant must be epoch milliseconds, got ${String(t)}`);
  const c = compiled(cal);
  return formatDayNumber(Math.floor((t + c.offsetMs) / MS_PER_DAY));
}

/**
 * The same local time of day on the n-th working day after (n < 0: before) the instant's local
 * date — e.g. "remind one working day before the due time". The instant's own day is not counted.
 */
export function shiftWorkingDays(cal: WorkCalendar, t: number, n: number): number {
  const c = compiled(cal);
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${String(n)}`);
  const at = locate(c, t, 'instant');
  if (n === 0) return t;
  const j = addWorkingIndex(c, at.i, n, () => `${n} working days from ${new Date(t).toISOString()}`);
  return instantOf(c, j, at.tau);
}
