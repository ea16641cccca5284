/**
 * Youzhi working-day calendar engine (RULES §1 Calendar and deadlines). Pure: no I/O.
 * Public API; everything else in this folder is internal.
 */
export type {
  BusinessHours,
  CalendarOverride,
  CivilDate,
  DayDescription,
  DayReason,
  NationalSchedule,
  OverrideKind,
  Period,
  WorkCalendar,
  WorkCalendarInput,
} from './types.js';
export { CalendarConfigError, CalendarFormatError, CalendarYearMissingError, InvalidDateError } from './errors.js';
export {
  DEFAULT_BUSINESS_HOURS,
  addWorkingDays,
  createWorkCalendar,
  describeDay,
  isWorkingDay,
  nextWorkingDay,
  openPeriods,
  workingDaysBetween,
  workingDaysInRange,
} from './calendar.js';
export { addBusinessMinutes, businessMinutesBetween, effectiveReceiptDate, localDateOf, shiftWorkingDays, workingDayDeadline } from './business-hours.js';
export { fromChineseDaysData, mergeSchedules, parseHolidayCnJson, parseIcsSchedule } from './formats.js';
export { daysInMonth, formatDayNumber, isValidCivilDate, parseDayNumber } from './dates.js';
