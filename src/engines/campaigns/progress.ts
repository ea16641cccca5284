/**
 * Deliverable lateness and monthly reports of a campaign (RULES §8). Pure: no I/O.
 */
import { isValidCivilDate } from '../calendar/index.js';
import { addDays, daysBetween } from './schedule.js';
import type { CivilDate, Span } from './types.js';

/**
 * Days late of a deliverable received on `receivedOn` (the organisation's local date) and due on
 * `dueDate`: 0 on or before the due day (a "…前" deadline includes it), 1 the day after, and so on.
 */
export function lateDays(dueDate: CivilDate, receivedOn: CivilDate): number {
  return Math.max(0, daysBetween(dueDate, receivedOn));
}

export type DeliverableState = 'done' | 'late' | 'missing' | 'pending';

/**
 * A deliverable's state on a day: done (received on time), late (received after the due day),
 * missing (not received and the due day has passed) or pending (not received, not yet due).
 */
export function deliverableState(dueDate: CivilDate, receivedOn: CivilDate | null, today: CivilDate): DeliverableState {
  if (receivedOn !== null) return lateDays(dueDate, receivedOn) > 0 ? 'late' : 'done';
  return today > dueDate ? 'missing' : 'pending';
}

/** 'YYYY-MM' of every month the span touches, in order: the months a unit reports on (003:L166; 001:L679). */
export function monthsOfSpan(span: Span): string[] {
  const out: string[] = [];
  let [y, m] = span.from.slice(0, 7).split('-').map(Number);
  const end = span.to.slice(0, 7);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last day of a month 'YYYY-MM'. */
export function lastDayOfMonth(month: string): CivilDate {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * The months whose progress report is due by `today` (the month has ended, plus `graceDays`) and
 * not in `reported`: these are flagged missing.
 */
export function missingMonthlyReports(span: Span, reported: ReadonlySet<string>, today: CivilDate, graceDays = 0): string[] {
  if (!isValidCivilDate(today)) throw new RangeError(`invalid date ${String(today)}`);
  return monthsOfSpan(span).filter((month) => !reported.has(month) && today > addDays(lastDayOfMonth(month), graceDays));
}

/**
 * Days before a due date on which to remind (e.g. [7, 1]): the reminder days that fall on or
 * before `today` and not after the due day, newest first. A sweep sends each once.
 */
export function reminderDaysDue(dueDate: CivilDate, daysBefore: readonly number[], today: CivilDate): number[] {
  if (today > dueDate) return [];
  return [...daysBefore].filter((n) => addDays(dueDate, -n) <= today).sort((a, b) => a - b);
}
