/**
 * Oracles: independent data sources checked day by day against the compiled calendar.
 * - holiday-cn (NateScarlet/holiday-cn year files, /work/shared/data/holiday-cn, 2007–2027);
 * - chinese-days' dist/chinese-days.json, its iCalendar files, and its own isWorkday().
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { CalendarYearMissingError, createWorkCalendar, fromChineseDaysData, isWorkingDay, mergeSchedules, parseHolidayCnJson, parseIcsSchedule, type WorkCalendar } from './index.js';
import { chineseDaysData as cdData, chineseDaysDist as cdDist, holidayCnDir, nationalSchedule } from '../../test-support/calendar.js';

const cdCal = createWorkCalendar({ schedule: nationalSchedule });
const haveHolidayCn = existsSync(path.join(holidayCnDir, '2026.json'));

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function* daysOf(fromYear: number, toYear: number): Generator<string> {
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += DAY) yield iso(t);
}
const isWeekday = (date: string) => {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** Every day where two calendars disagree, as 'date: a=…, b=…' lines. */
function disagreements(a: WorkCalendar, b: WorkCalendar, fromYear: number, toYear: number, names: [string, string]): string[] {
  const out: string[] = [];
  for (const d of daysOf(fromYear, toYear)) {
    const x = isWorkingDay(a, d);
    const y = isWorkingDay(b, d);
    if (x !== y) out.push(`${d}: ${names[0]} ${x ? 'working' : 'off'}, ${names[1]} ${y ? 'working' : 'off'}`);
  }
  return out;
}

describe('holiday-cn oracle (2007–2027)', () => {
  if (!haveHolidayCn) {
    it.skip(`holiday-cn data not found at ${holidayCnDir} — CI provides /work/shared/data/holiday-cn; oracle tests skipped`, () => {});
    return;
  }
  const years = Array.from({ length: 21 }, (_, i) => 2007 + i);
  const files = new Map(years.map((y) => [y, JSON.parse(readFileSync(path.join(holidayCnDir, `${y}.json`), 'utf8'))]));
  const parsed = years.map((y) => parseHolidayCnJson(readFileSync(path.join(holidayCnDir, `${y}.json`), 'utf8')));
  const hcCal = createWorkCalendar({ schedule: mergeSchedules(...parsed) });

  // The oracle itself: all files merged by date (a file may list days of the neighbouring year,
  // e.g. 2008.json has 2007-12-29…31), then the weekday/weekend rule for unlisted days.
  const listed = new Map<string, { off: boolean; file: number }>();
  const oracleConflicts: string[] = [];
  for (const [y, f] of files) {
    for (const day of f.days as { date: string; isOffDay: boolean }[]) {
      const prev = listed.get(day.date);
      if (prev && prev.off !== day.isOffDay) oracleConflicts.push(`${day.date}: ${prev.file}.json vs ${y}.json`);
      listed.set(day.date, { off: day.isOffDay, file: y });
    }
  }
  const oracleWorking = (d: string) => {
    const l = listed.get(d);
    return l ? !l.off : isWeekday(d);
  };

  it('the year files do not contradict each other', () => {
    expect(oracleConflicts).toEqual([]);
  });

  it.each(years)('%i: isWorkingDay matches holiday-cn on every day (or the year is reported missing)', (year) => {
    const published = (files.get(year).days as unknown[]).length > 0;
    if (!published) {
      // holiday-cn's placeholder before the State Council notice (2027.json in Nov 2026): the
      // year must not be guessed from the weekday rule (RULES §1 Decisions).
      expect(() => isWorkingDay(hcCal, `${year}-03-01`)).toThrow(CalendarYearMissingError);
      return;
    }
    const wrong: string[] = [];
    let checked = 0;
    for (const d of daysOf(year, year)) {
      checked++;
      if (isWorkingDay(hcCal, d) !== oracleWorking(d)) wrong.push(`${d}: holiday-cn ${oracleWorking(d) ? 'working' : 'off'}`);
    }
    expect(checked).toBeGreaterThanOrEqual(365);
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('merging holiday-cn files over the chinese-days data changes no day (either order)', () => {
    const cd = fromChineseDaysData(cdData);
    for (const schedule of [mergeSchedules(cd, ...parsed), mergeSchedules(...parsed, cd)]) {
      const c = createWorkCalendar({ schedule });
      expect(c.firstYear).toBe(2004);
      expect(c.lastYear).toBe(2026); // the empty 2027 placeholder adds no year
      const diff = disagreements(c, cdCal, 2004, 2026, ['merged', 'chinese-days']);
      expect(diff, diff.join('\n')).toEqual([]);
    }
  });

  it('the chinese-days data agrees with holiday-cn on every day 2007–2026', () => {
    const diff = disagreements(cdCal, hcCal, 2007, 2026, ['chinese-days', 'holiday-cn']);
    expect(diff, `chinese-days and holiday-cn disagree on ${diff.length} day(s):\n${diff.join('\n')}`).toEqual([]);
  });
});

describe('chinese-days oracles', () => {
  it('the calendar from chinese-days.json agrees with chinese-days’ own isWorkday() on every day 2004–2026', () => {
    const wrong: string[] = [];
    for (const d of daysOf(2004, 2026)) {
      if (isWorkingDay(cdCal, d) !== chineseDays.isWorkday(d)) wrong.push(d);
    }
    expect(wrong, wrong.join(', ')).toEqual([]);
  });

  it('holidays.ics (2024–2026) agrees with the JSON data on every day of its years', () => {
    const ics = parseIcsSchedule(readFileSync(path.join(cdDist, 'holidays.ics'), 'utf8'));
    expect(ics.years).toEqual([2024, 2025, 2026]);
    const icsCal = createWorkCalendar({ schedule: ics });
    const diff = disagreements(icsCal, cdCal, 2024, 2026, ['holidays.ics', 'chinese-days.json']);
    expect(diff, diff.join('\n')).toEqual([]);
    // Every make-up day in the JSON for these years is in the ICS.
    const jsonWorkdays = Object.keys(cdData.workdays).filter((d) => d >= '2024' && d < '2027');
    expect(ics.workdays).toEqual(jsonWorkdays.sort());
  });

  it('holidays.en.ics (English summaries) parses to the same schedule as holidays.ics', () => {
    const zh = parseIcsSchedule(readFileSync(path.join(cdDist, 'holidays.ics'), 'utf8'));
    const en = parseIcsSchedule(readFileSync(path.join(cdDist, 'holidays.en.ics'), 'utf8'));
    expect(en).toEqual(zh);
  });

  it('the per-year years/*.ics files (2004–2026) merged agree with the JSON data on every day', () => {
    const schedules = [];
    for (let y = 2004; y <= 2026; y++) {
      const s = parseIcsSchedule(readFileSync(path.join(cdDist, 'years', `${y}.ics`), 'utf8'));
      // A late-December make-up day for next year's 元旦 (2006-12-30 in 2006.ics) does not make a year covered.
      expect(s.years).toEqual([y]);
      schedules.push(s);
    }
    const icsCal = createWorkCalendar({ schedule: mergeSchedules(...schedules) });
    const diff = disagreements(icsCal, cdCal, 2004, 2026, ['years/*.ics', 'chinese-days.json']);
    expect(diff, diff.join('\n')).toEqual([]);
  });
});
