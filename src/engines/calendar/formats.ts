/**
 * Import formats for national holiday schedules. Pure parsers: they take the file text (or the
 * parsed chinese-days object) and return a NationalSchedule, or throw CalendarFormatError
 * (code 'calendar_format_invalid') saying what is wrong and where.
 *
 * Year attribution: the State Council's schedule for year Y can list days of Y-1 (a late-December
 * make-up day for Y's 元旦, e.g. 2006-12-30 in the 2007 notice). Such a December fragment never
 * makes Y-1 "covered" on its own, and mergeSchedules keeps it with Y's schedule.
 */
import { civilFromDays, formatDayNumber, isValidCivilDate, parseDayNumber } from './dates.js';
import { CalendarFormatError } from './errors.js';
import type { CivilDate, NationalSchedule } from './types.js';

function fail(message: string): never {
  throw new CalendarFormatError(message);
}

/** Collects day-off / make-up-workday entries and rejects contradictions. */
class DayCollector {
  private readonly days = new Map<number, boolean>(); // day number → isOffDay
  constructor(private readonly source: string) {}

  add(date: string, off: boolean, where: string): void {
    if (!isValidCivilDate(date)) fail(`${this.source}: ${where}: ${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
    const dn = parseDayNumber(date);
    const prev = this.days.get(dn);
    if (prev !== undefined && prev !== off) {
      fail(`${this.source}: ${date} is listed both as a day off and as a make-up working day`);
    }
    this.days.set(dn, off);
  }

  get size(): number {
    return this.days.size;
  }

  dayNumbers(): number[] {
    return [...this.days.keys()];
  }

  schedule(years: number[]): NationalSchedule {
    const sorted = [...this.days.entries()].sort((a, b) => a[0] - b[0]);
    return {
      years: [...years].sort((a, b) => a - b),
      offDays: sorted.filter(([, off]) => off).map(([dn]) => formatDayNumber(dn)),
      workdays: sorted.filter(([, off]) => !off).map(([dn]) => formatDayNumber(dn)),
    };
  }
}

/** Dec 18–31: days that can only belong to the coming 元旦 arrangement. */
function isNewYearTail(m: number, d: number): boolean {
  return m === 12 && d >= 18;
}

/**
 * Years a set of dates covers: each date's year, except a year whose only dates fall in its last
 * two weeks (Dec 18–31) — that is the next year's 元旦 arrangement, not the year's own schedule.
 */
function yearsOf(dayNumbers: number[]): number[] {
  const substantial = new Set<number>();
  for (const dn of dayNumbers) {
    const { y, m, d } = civilFromDays(dn);
    if (!isNewYearTail(m, d)) substantial.add(y);
  }
  return [...substantial].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// holiday-cn JSON (NateScarlet/holiday-cn): { year, papers, days: [{ name, date, isOffDay }] }

/**
 * One holiday-cn year file. years = [file.year], except that a file with no days at all is the
 * placeholder holiday-cn publishes before the State Council's notice (e.g. 2027.json in November
 * 2026): it covers nothing (years = []) so that computations in that year still throw
 * CalendarYearMissingError instead of treating every weekday as a working day
 * (RULES §1 Decisions: never guess an unpublished year).
 */
export function parseHolidayCnJson(text: string): NationalSchedule {
  if (typeof text !== 'string') fail('holiday-cn JSON: expected the file text');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(`holiday-cn JSON: not valid JSON (${(e as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('holiday-cn JSON: expected an object { year, days }');
  const file = data as Record<string, unknown>;
  const year = file.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9998) {
    fail(`holiday-cn JSON: "year" must be a four-digit year, got ${JSON.stringify(year)}`);
  }
  if (!Array.isArray(file.days)) fail(`holiday-cn JSON ${year}: "days" must be an array`);
  if (file.papers !== undefined && !Array.isArray(file.papers)) fail(`holiday-cn JSON ${year}: "papers" must be an array`);
  const days = new DayCollector(`holiday-cn JSON ${year}`);
  file.days.forEach((entry: unknown, n: number) => {
    const where = `days[${n}]`;
    if (!entry || typeof entry !== 'object') fail(`holiday-cn JSON ${year}: ${where} must be an object { name, date, isOffDay }`);
    const { name, date, isOffDay } = entry as Record<string, unknown>;
    if (typeof name !== 'string') fail(`holiday-cn JSON ${year}: ${where}.name must be a string`);
    if (typeof isOffDay !== 'boolean') fail(`holiday-cn JSON ${year}: ${where}.isOffDay must be true or false`);
    if (typeof date !== 'string' || !isValidCivilDate(date)) {
      fail(`holiday-cn JSON ${year}: ${where}.date ${JSON.stringify(date)} is not a valid YYYY-MM-DD date`);
    }
    const y = Number(date.slice(0, 4));
    if (Math.abs(y - year) > 1) fail(`holiday-cn JSON ${year}: ${where}.date ${date} is not in or next to ${year}`);
    days.add(date, isOffDay, where);
  });
  return days.schedule(days.size === 0 ? [] : [year]);
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545): all-day VEVENTs, e.g. chinese-days' holidays.ics

const WORK_SUMMARY = /[(（]\s*班\s*[)）]|补班|上班|[(（]\s*workday\s*[)）]/i;
const OFF_SUMMARY = /[(（]\s*休\s*[)）]|放假|休息|[(（]\s*holiday\s*[)）]/i;

interface IcsProperty {
  name: string;
  params: string;
  value: string;
  line: number;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

/** 'YYYYMMDD' (optionally from DTSTART;VALUE=DATE) → day number; undefined when it has a time. */
function icsDate(p: IcsProperty): number | undefined {
  const v = p.value.trim();
  if (!/^\d{8}$/.test(v)) return undefined;
  const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  if (!isValidCivilDate(iso)) fail(`iCalendar line ${p.line}: ${p.name} ${v} is not a valid date`);
  return parseDayNumber(iso);
}

/**
 * VEVENT all-day events: (班) / 补班 / (Workday) / X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY → workdays;
 * (休) / 放假 / (Holiday) / X-APPLE-SPECIAL-DAY:WORK-HOLIDAY → offDays. DTEND is exclusive (RFC 5545);
 * without DTEND an all-day event lasts one day (or DURATION:PnD / PnW). Events that are neither
 * (e.g. solar terms) are ignored. years = the distinct years of the events (see yearsOf).
 */
export function parseIcsSchedule(text: string): NationalSchedule {
  if (typeof text !== 'string') fail('iCalendar: expected the file text');
  // Unfold continuation lines (CRLF followed by a space or tab).
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: { text: string; line: number }[] = [];
  raw.forEach((l, n) => {
    if ((l.startsWith(' ') || l.startsWith('\t')) && lines.length > 0) lines[lines.length - 1].text += l.slice(1);
    else if (l.length > 0) lines.push({ text: l, line: n + 1 });
  });
  if (lines.length === 0 || lines[0].text.toUpperCase() !== 'BEGIN:VCALENDAR') fail('iCalendar: the file must start with BEGIN:VCALENDAR');

  const days = new DayCollector('iCalendar');
  let event: IcsProperty[] | null = null;
  let eventLine = 0;
  let nested = 0; // components inside the VEVENT (VALARM…), whose properties are not the event's
  let events = 0;
  let sawEnd = false;
  for (const { text: l, line } of lines) {
    const colon = findValueColon(l);
    if (colon < 0) fail(`iCalendar line ${line}: not a "NAME:value" content line`);
    const head = l.slice(0, colon);
    const semi = head.indexOf(';');
    const name = (semi < 0 ? head : head.slice(0, semi)).toUpperCase();
    const params = semi < 0 ? '' : head.slice(semi + 1);
    const value = l.slice(colon + 1);
    if (name === 'BEGIN') {
      const comp = value.trim().toUpperCase();
      if (event) nested++;
      else if (comp === 'VEVENT') {
        event = [];
        eventLine = line;
      }
      continue;
    }
    if (name === 'END') {
      const comp = value.trim().toUpperCase();
      if (event && nested > 0) nested--;
      else if (event && comp === 'VEVENT') {
        if (addEvent(days, event, eventLine)) events++;
        event = null;
      } else if (comp === 'VCALENDAR') sawEnd = true;
      continue;
    }
    if (event && nested === 0) event.push({ name, params, value, line });
  }
  if (event) fail(`iCalendar: the VEVENT starting at line ${eventLine} has no END:VEVENT`);
  if (!sawEnd) fail('iCalendar: missing END:VCALENDAR (truncated file?)');
  if (events === 0) fail('iCalendar: no holiday events found (expected all-day VEVENTs marked (休) or (班))');
  return days.schedule(yearsOf(days.dayNumbers()));
}

/** Index of the ':' separating name/params from the value (params may quote ':'). */
function findValueColon(l: string): number {
  let quoted = false;
  for (let i = 0; i < l.length; i++) {
    const ch = l.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 58 && !quoted) return i;
  }
  return -1;
}

/** Adds one VEVENT; returns false when it is not a holiday/workday event. */
function addEvent(days: DayCollector, props: IcsProperty[], line: number): boolean {
  const get = (n: string) => props.find((p) => p.name === n);
  const summary = unescapeText(get('SUMMARY')?.value ?? '');
  const special = (get('X-APPLE-SPECIAL-DAY')?.value ?? '').trim().toUpperCase();
  let off: boolean | undefined;
  if (special === 'ALTERNATE-WORKDAY') off = false;
  else if (special === 'WORK-HOLIDAY') off = true;
  const bySummary = WORK_SUMMARY.test(summary) ? false : OFF_SUMMARY.test(summary) ? true : undefined;
  if (off !== undefined && bySummary !== undefined && off !== bySummary) {
    fail(`iCalendar line ${line}: event "${summary}" is marked ${special} but its summary says otherwise`);
  }
  off ??= bySummary;
  if (off === undefined) return false;

  const dtstart = get('DTSTART');
  if (!dtstart) fail(`iCalendar line ${line}: event "${summary}" has no DTSTART`);
  const start = icsDate(dtstart);
  if (start === undefined) fail(`iCalendar line ${dtstart.line}: event "${summary}" must be an all-day event (DTSTART;VALUE=DATE:YYYYMMDD)`);
  let end = start + 1;
  const dtend = get('DTEND');
  const duration = get('DURATION');
  if (dtend) {
    const e = icsDate(dtend);
    if (e === undefined) fail(`iCalendar line ${dtend.line}: DTEND of "${summary}" must be a date (VALUE=DATE)`);
    end = e;
  } else if (duration) {
    const m = /^P(?:(\d+)W|(\d+)D)$/i.exec(duration.value.trim());
    if (!m) fail(`iCalendar line ${duration.line}: DURATION ${duration.value} of "${summary}" must be PnD or PnW`);
    end = start + (m[1] ? Number(m[1]) * 7 : Number(m[2]));
  }
  if (end <= start) fail(`iCalendar line ${line}: event "${summary}" ends before it starts (DTEND is exclusive)`);
  if (end - start > 366) fail(`iCalendar line ${line}: event "${summary}" spans ${end - start} days`);
  for (let dn = start; dn < end; dn++) days.add(formatDayNumber(dn), off, `line ${line}`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// chinese-days data: { holidays: { 'YYYY-MM-DD': 'En,中文,n' }, workdays: { … } }

/** chinese-days' dist/chinese-days.json (or years/YYYY.json). years = every year that appears. */
export function fromChineseDaysData(data: { holidays: Record<string, string>; workdays: Record<string, string> }): NationalSchedule {
  if (!data || typeof data !== 'object') fail('chinese-days data: expected an object { holidays, workdays }');
  const { holidays, workdays } = data;
  for (const [key, v] of [['holidays', holidays], ['workdays', workdays]] as const) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) fail(`chinese-days data: "${key}" must be an object keyed by YYYY-MM-DD`);
  }
  const days = new DayCollector('chinese-days data');
  for (const date of Object.keys(holidays)) days.add(date, true, 'holidays');
  for (const date of Object.keys(workdays)) days.add(date, false, 'workdays');
  if (days.size === 0) fail('chinese-days data: no days');
  return days.schedule(yearsOf(days.dayNumbers()));
}

// ---------------------------------------------------------------------------------------------
// Merging

/**
 * Later wins per year: for each year Y, the last schedule whose `years` include Y supplies all of
 * Y's days. Which year a listed date belongs to, within its schedule:
 * - Dec 18–31 of Y-1 belongs to Y when the schedule covers Y (China only ever adjusts late
 *   December for the coming 元旦, e.g. 2007-12-29…31 are part of the 2008 notice);
 * - otherwise its own year, if covered;
 * - otherwise a December date goes to the next year, a January date to the previous one;
 * - dates belonging to no covered year of their schedule are dropped.
 * On a date listed by two winning schedules (one for each side of a New Year), the later wins.
 */
export function mergeSchedules(...schedules: NationalSchedule[]): NationalSchedule {
  const owner = new Map<number, number>(); // year → index of the winning schedule
  schedules.forEach((s, n) => {
    if (!s || !Array.isArray(s.years) || !Array.isArray(s.offDays) || !Array.isArray(s.workdays)) {
      fail(`mergeSchedules: argument ${n + 1} is not a schedule { years, offDays, workdays }`);
    }
    for (const y of s.years) {
      if (!Number.isInteger(y)) fail(`mergeSchedules: argument ${n + 1} has a non-integer year ${String(y)}`);
      owner.set(y, n);
    }
  });
  const result = new Map<number, boolean>();
  schedules.forEach((s, n) => {
    const years = new Set(s.years);
    const own = new Map<number, boolean>();
    const put = (date: CivilDate, off: boolean) => {
      if (!isValidCivilDate(date)) fail(`mergeSchedules: argument ${n + 1} has an invalid date ${JSON.stringify(date)}`);
      const dn = parseDayNumber(date);
      if (own.get(dn) === !off) fail(`mergeSchedules: argument ${n + 1} lists ${date} both as a day off and as a make-up working day`);
      own.set(dn, off);
      const { y, m, d } = civilFromDays(dn);
      const year =
        isNewYearTail(m, d) && years.has(y + 1)
          ? y + 1
          : years.has(y)
            ? y
            : m === 12 && years.has(y + 1)
              ? y + 1
              : m === 1 && years.has(y - 1)
                ? y - 1
                : undefined;
      if (year === undefined || owner.get(year) !== n) return;
      result.set(dn, off); // schedules are visited in order, so a later one overwrites
    };
    for (const d of s.offDays) put(d, true);
    for (const d of s.workdays) put(d, false);
  });
  const sorted = [...result.entries()].sort((a, b) => a[0] - b[0]);
  return {
    years: [...owner.keys()].sort((a, b) => a - b),
    offDays: sorted.filter(([, off]) => off).map(([dn]) => formatDayNumber(dn)),
    workdays: sorted.filter(([, off]) => !off).map(([dn]) => formatDayNumber(dn)),
  };
}
