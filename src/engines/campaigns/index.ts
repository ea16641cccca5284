/**
 * Youzhi campaign schedule engine (RULES §8 Campaigns): phases given as dates, 上旬/中旬/下旬 or
 * durations resolved in a campaign year, the phases active on a day, deliverable lateness in
 * days, monthly reports due and reminder days. Pure: no I/O.
 */
export type { CivilDate, DateSpec, MonthPart, PhaseLength, PhaseSpec, PhaseTiming, ResolvedPhase, ScheduleIssue, Span } from './types.js';
export { activePhases, addDays, campaignSpan, daysBetween, dueDateOf, endOfLength, monthPartSpan, resolveSchedule, spanContains, spansOverlap, specSpan, type ResolveScheduleResult } from './schedule.js';
export { deliverableState, lastDayOfMonth, lateDays, missingMonthlyReports, monthsOfSpan, reminderDaysDue, type DeliverableState } from './progress.js';
