/**
 * Errors of the calendar engine. Each carries a stable `code` that the API layer maps to a
 * response; messages are for operators, so they say what to do.
 */

/**
 * A computation needed a date in a year whose State Council schedule is not loaded.
 * RULES §1 Decisions: "A computation that reaches a year with no published schedule must say
 * so instead of guessing."
 */
export class CalendarYearMissingError extends Error {
  readonly code = 'calendar_year_missing' as const;
  readonly year: number;
  constructor(year: number, detail?: string) {
    super(
      `No holiday schedule is loaded for ${year}` +
        (detail ? ` (${detail})` : '') +
        `: import the State Council schedule for ${year} before computing dates in it.`,
    );
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

/** A civil date that is not a strict, existing 'YYYY-MM-DD' (e.g. '2026-2-3', '2026-02-30'). */
export class InvalidDateError extends Error {
  readonly code = 'invalid_date' as const;
  constructor(value: unknown, reason?: string) {
    super(`Invalid date ${describe(value)}: expected an existing date as YYYY-MM-DD` + (reason ? ` (${reason})` : ''));
    this.name = 'InvalidDateError';
  }
}

/** A calendar import file (holiday-cn JSON, iCalendar, chinese-days data) is malformed. */
export class CalendarFormatError extends Error {
  readonly code = 'calendar_format_invalid' as const;
  constructor(message: string) {
    super(message);
    this.name = 'CalendarFormatError';
  }
}

/** The input to createWorkCalendar is inconsistent (bad periods, conflicting days, …). */
export class CalendarConfigError extends Error {
  readonly code = 'calendar_config_invalid' as const;
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigError';
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return `(${typeof value}) ${String(value)}`;
}
