/** Public types of the working-day calendar engine. */

/** A civil (zone-less) date, 'YYYY-MM-DD'. */
export type CivilDate = string;

/**
 * A national holiday schedule (State Council 放假安排).
 * - `years`: the years whose schedule is published and loaded. Any computation that needs a
 *   date in another year throws CalendarYearMissingError (RULES §1 Decisions).
 * - `offDays`: statutory days off (weekend days inside a holiday block may be listed too).
 * - `workdays`: make-up working days (调休上班), normally weekend days.
 * Lists may contain a few dates of the neighbouring year (e.g. a late-December make-up day that
 * belongs to next year's 元旦 arrangement); dates outside the covered years are ignored.
 */
export interface NationalSchedule {
  years: number[];
  offDays: CivilDate[];
  workdays: CivilDate[];
}

export type OverrideKind = 'closure' | 'extra_workday' | 'half_day';

/** Local opening period, 'HH:MM'–'HH:MM' ('24:00' allowed as an end); start < end. */
export interface Period {
  start: string;
  end: string;
}

/**
 * An organisation's own exception, beating the national schedule (RULES §1 Decisions:
 * "plus organisation overrides (closures, extra service days, half days)").
 * - closure: the day is not a working day;
 * - extra_workday: the day is a working day (with `periods`, or the regular periods);
 * - half_day: the day is a working day open only during `periods` (default: the first regular period).
 */
export interface CalendarOverride {
  date: CivilDate;
  kind: OverrideKind;
  periods?: Period[];
}

/**
 * Opening hours. `periods` sorted and non-overlapping; `weekdays` 0=Sun…6=Sat are the regular
 * working weekdays (RULES §1: window acceptance Monday–Friday, 002:L99); China: utcOffsetMinutes 480.
 */
export interface BusinessHours {
  periods: Period[];
  utcOffsetMinutes: number;
  weekdays: number[];
}

export interface WorkCalendarInput {
  schedule: NationalSchedule;
  overrides?: CalendarOverride[];
  /** Defaults to DEFAULT_BUSINESS_HOURS (Mon–Fri 09:00–12:00, 13:30–17:30, UTC+8). */
  hours?: BusinessHours;
}

/** A compiled calendar: create with createWorkCalendar; the contents are private. */
export interface WorkCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
}

export type DayReason =
  | 'weekday'
  | 'weekend'
  | 'statutory_holiday'
  | 'makeup_workday'
  | 'closure'
  | 'extra_workday'
  | 'half_day';

export interface DayDescription {
  date: CivilDate;
  working: boolean;
  reason: DayReason;
  /** Open periods that day ([] when not working). */
  periods: Period[];
}
