/** Types of the campaign schedule engine (RULES §8 Campaigns). */

/** A civil date 'YYYY-MM-DD' (no time zone). */
export type CivilDate = string;

/** 上旬 / 中旬 / 下旬 of a month, or the whole month ("(4月)", "3月底前"). */
export type MonthPart = 'early' | 'mid' | 'late' | 'month';

/**
 * A day of a campaign, relative to the campaign's year so that a template can be copied into any
 * year: an exact date, a day of a month, or a part of a month (its first day as a start, its last
 * day as an end). `yearOffset` moves it into the next (1) or previous (-1) year: phases may cross
 * years (003:L165; 002:L76).
 */
export type DateSpec =
  | { date: CivilDate }
  | { month: number; day: number; yearOffset?: number }
  | { month: number; part: MonthPart; yearOffset?: number };

/** How long a phase given as a duration lasts; "半个月" is `{ halfMonths: 1 }`. */
export interface PhaseLength {
  days?: number;
  months?: number;
  halfMonths?: number;
}

/** A phase given by its first and last day, or as a length after the previous phase ends. */
export type PhaseTiming = { from: DateSpec; to: DateSpec } | { after: 'previous'; length: PhaseLength };

export interface PhaseSpec {
  code: string;
  timing: PhaseTiming;
}

/** A span of days, both ends included. */
export interface Span {
  from: CivilDate;
  to: CivilDate;
}

export interface ResolvedPhase extends Span {
  code: string;
}

/** Where a schedule could not be resolved: the phase (index) and why. */
export interface ScheduleIssue {
  path: (string | number)[];
  code: 'invalid_date' | 'ends_before_start' | 'no_previous_phase' | 'invalid_length' | 'invalid_year';
  message: string;
}
