import { describe, expect, it } from 'vitest';
import {
  CalendarFormatError,
  createWorkCalendar,
  fromChineseDaysData,
  isWorkingDay,
  mergeSchedules,
  parseHolidayCnJson,
  parseIcsSchedule,
  type NationalSchedule,
} from './index.js';
import { thrown } from '../../test-support/calendar.js';

function expectFormatError(fn: () => unknown, messagePart: string | RegExp): void {
  const caught = thrown(fn);
  expect(caught).toBeInstanceOf(CalendarFormatError);
  expect((caught as CalendarFormatError).code).toBe('calendar_format_invalid');
  expect((caught as Error).message).toMatch(messagePart);
}

const hc = (year: number, days: { name?: string; date: string; isOffDay: boolean }[]) =>
  JSON.stringify({ year, papers: ['https://www.gov.cn/…'], days: days.map((d) => ({ name: '元旦', ...d })) });

describe('parseHolidayCnJson', () => {
  it('reads a year file, keeping days of the neighbouring year (2007 lists 2006-12-30/31 make-up days)', () => {
    const s = parseHolidayCnJson(
      hc(2007, [
        { date: '2006-12-30', isOffDay: false },
        { date: '2006-12-31', isOffDay: false },
        { date: '2007-01-01', isOffDay: true },
        { date: '2007-01-02', isOffDay: true },
        { date: '2007-01-02', isOffDay: true }, // harmless duplicate
      ]),
    );
    expect(s).toEqual({ years: [2007], offDays: ['2007-01-01', '2007-01-02'], workdays: ['2006-12-30', '2006-12-31'] });
  });

  it('an empty placeholder file (not yet published) covers no year', () => {
    // RULES §1 Decisions: never guess — an empty file must not make every weekday of 2027 a working day.
    expect(parseHolidayCnJson(JSON.stringify({ year: 2027, papers: [], days: [] }))).toEqual({ years: [], offDays: [], workdays: [] });
  });

  it('rejects malformed files with calendar_format_invalid and a helpful message', () => {
    expectFormatError(() => parseHolidayCnJson('{"year": 2026, "days": ['), /not valid JSON/);
    expectFormatError(() => parseHolidayCnJson('[]'), /expected an object/);
    expectFormatError(() => parseHolidayCnJson('{"days": []}'), /"year" must be a four-digit year/);
    expectFormatError(() => parseHolidayCnJson('{"year": "2026", "days": []}'), /four-digit year/);
    expectFormatError(() => parseHolidayCnJson('{"year": 2026}'), /"days" must be an array/);
    expectFormatError(() => parseHolidayCnJson(hc(2026, [{ date: '2026-02-30', isOffDay: true }])), /days\[0\]\.date "2026-02-30"/);
    expectFormatError(() => parseHolidayCnJson(hc(2026, [{ date: '2026/10/01', isOffDay: true }])), /not a valid YYYY-MM-DD/);
    expectFormatError(() => parseHolidayCnJson(JSON.stringify({ year: 2026, days: [{ name: 'x', date: '2026-10-01', isOffDay: 'yes' }] })), /isOffDay must be true or false/);
    expectFormatError(() => parseHolidayCnJson(JSON.stringify({ year: 2026, days: [{ date: '2026-10-01', isOffDay: true }] })), /name must be a string/);
    expectFormatError(() => parseHolidayCnJson(hc(2026, [{ date: '2030-10-01', isOffDay: true }])), /not in or next to 2026/);
    expectFormatError(
      () => parseHolidayCnJson(hc(2026, [{ date: '2026-10-10', isOffDay: false }, { date: '2026-10-10', isOffDay: true }])),
      /2026-10-10 is listed both/,
    );
  });
});

const CRLF = '\r\n';
const ics = (...events: string[][]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join(CRLF);

describe('parseIcsSchedule', () => {
  it('expands all-day ranges (DTEND exclusive) and classifies by summary and X-APPLE-SPECIAL-DAY', () => {
    const s = parseIcsSchedule(
      ics(
        ['DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261008', 'SUMMARY:国庆节(休)'],
        ['DTSTART;VALUE=DATE:20260920', 'DTEND;VALUE=DATE:20260921', 'SUMMARY:国庆节(班)'],
        ['DTSTART;VALUE=DATE:20261010', 'SUMMARY:国庆节 补班'], // no DTEND: one day
        ['DTSTART;VALUE=DATE:20260215', 'DURATION:P2D', 'SUMMARY:Spring', 'X-APPLE-SPECIAL-DAY:WORK-HOLIDAY'],
        ['DTSTART;VALUE=DATE:20260214', 'SUMMARY:Spring Festival(Workday)'],
        ['DTSTART;VALUE=DATE:20260320', 'SUMMARY:春分'], // a solar term: ignored
      ),
    );
    expect(s.years).toEqual([2026]);
    expect(s.offDays).toEqual(['2026-02-15', '2026-02-16', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(s.workdays).toEqual(['2026-02-14', '2026-09-20', '2026-10-10']);
  });

  it('handles folded lines, LF line endings, escaped text and nested VALARM components', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260101',
      'DTEND;VALUE=DATE:2026',
      ' 0104',
      'SUMMARY:元旦\\, New Year(休)',
      'BEGIN:VALARM',
      'SUMMARY:提醒(班)',
      'DTSTART;VALUE=DATE:20261231',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(parseIcsSchedule(text)).toEqual({ years: [2026], offDays: ['2026-01-01', '2026-01-02', '2026-01-03'], workdays: [] });
  });

  it('a late-December make-up day for next year’s 元旦 does not make either year covered on its own', () => {
    const s = parseIcsSchedule(
      ics(
        ['DTSTART;VALUE=DATE:20061230', 'DTEND;VALUE=DATE:20070101', 'SUMMARY:元旦(班)'],
        ['DTSTART;VALUE=DATE:20070101', 'DTEND;VALUE=DATE:20070104', 'SUMMARY:元旦(休)'],
      ),
    );
    expect(s.years).toEqual([2007]);
    expect(s.workdays).toEqual(['2006-12-30', '2006-12-31']);
  });

  it('rejects malformed files with calendar_format_invalid', () => {
    expectFormatError(() => parseIcsSchedule('hello'), /BEGIN:VCALENDAR/);
    expectFormatError(() => parseIcsSchedule(ics(['DTSTART:20261001T090000', 'SUMMARY:国庆节(休)'])), /all-day event/);
    expectFormatError(() => parseIcsSchedule(ics(['SUMMARY:国庆节(休)'])), /no DTSTART/);
    expectFormatError(() => parseIcsSchedule(ics(['DTSTART;VALUE=DATE:20261008', 'DTEND;VALUE=DATE:20261001', 'SUMMARY:国庆节(休)'])), /ends before it starts/);
    expectFormatError(() => parseIcsSchedule(ics(['DTSTART;VALUE=DATE:20260230', 'SUMMARY:x(休)'])), /not a valid date/);
    expectFormatError(
      () => parseIcsSchedule(ics(['DTSTART;VALUE=DATE:20261010', 'SUMMARY:国庆节(班)'], ['DTSTART;VALUE=DATE:20261010', 'SUMMARY:国庆节(休)'])),
      /2026-10-10 is listed both/,
    );
    expectFormatError(() => parseIcsSchedule(ics(['DTSTART;VALUE=DATE:20261010', 'SUMMARY:国庆节(班)', 'X-APPLE-SPECIAL-DAY:WORK-HOLIDAY'])), /summary says otherwise/);
    expectFormatError(() => parseIcsSchedule(ics(['DTSTART;VALUE=DATE:20260320', 'SUMMARY:春分'])), /no holiday events/);
    expectFormatError(() => parseIcsSchedule(ics(['DTSTART;VALUE=DATE:20261001', 'SUMMARY:国庆节(休)']).replace('END:VCALENDAR', '')), /END:VCALENDAR/);
    expectFormatError(() => parseIcsSchedule('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\n'), /no END:VEVENT/);
  });
});

describe('fromChineseDaysData', () => {
  it('builds a schedule whose years are every year that appears', () => {
    const s = fromChineseDaysData({
      holidays: { '2026-10-01': 'National Day,国庆节,3', '2025-10-01': 'National Day,国庆节,3' },
      workdays: { '2026-10-10': 'National Day,国庆节,3' },
    });
    expect(s).toEqual({ years: [2025, 2026], offDays: ['2025-10-01', '2026-10-01'], workdays: ['2026-10-10'] });
  });

  it('rejects bad data', () => {
    expectFormatError(() => fromChineseDaysData(null as never), /expected an object/);
    expectFormatError(() => fromChineseDaysData({ holidays: {}, workdays: [] as never }), /"workdays" must be an object/);
    expectFormatError(() => fromChineseDaysData({ holidays: { '2026-13-01': 'x' }, workdays: {} }), /2026-13-01/);
    expectFormatError(() => fromChineseDaysData({ holidays: { '2026-10-10': 'x' }, workdays: { '2026-10-10': 'x' } }), /listed both/);
    expectFormatError(() => fromChineseDaysData({ holidays: {}, workdays: {} }), /no days/);
  });
});

describe('mergeSchedules (later wins per year)', () => {
  const a: NationalSchedule = { years: [2025, 2026], offDays: ['2025-10-01', '2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] };

  it('a later schedule covering a year replaces all of that year’s days', () => {
    const correction: NationalSchedule = { years: [2026], offDays: ['2026-10-01'], workdays: [] };
    const m = mergeSchedules(a, correction);
    expect(m).toEqual({ years: [2025, 2026], offDays: ['2025-10-01', '2026-10-01'], workdays: [] });
    const c = createWorkCalendar({ schedule: m });
    expect(isWorkingDay(c, '2026-10-02')).toBe(true); // replaced, not unioned
    expect(isWorkingDay(c, '2025-10-01')).toBe(false); // 2025 kept from the first schedule
    // Order matters: the other way round, the first schedule wins 2026.
    expect(mergeSchedules(correction, a)).toEqual({ years: [2025, 2026], offDays: ['2025-10-01', '2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] });
  });

  it('late-December days of year Y-1 in Y’s schedule go with Y', () => {
    const y2007: NationalSchedule = { years: [2007], offDays: ['2007-01-01'], workdays: ['2006-12-30', '2006-12-31'] };
    const y2008: NationalSchedule = { years: [2008], offDays: ['2007-12-30', '2007-12-31', '2008-01-01'], workdays: ['2007-12-29'] };
    const m = mergeSchedules(y2007, y2008);
    expect(m.years).toEqual([2007, 2008]);
    expect(m.workdays).toEqual(['2006-12-30', '2006-12-31', '2007-12-29']);
    expect(m.offDays).toEqual(['2007-01-01', '2007-12-30', '2007-12-31', '2008-01-01']);
    const c = createWorkCalendar({ schedule: m });
    expect(isWorkingDay(c, '2007-12-29')).toBe(true); // a Saturday
    expect(isWorkingDay(c, '2007-12-31')).toBe(false); // a Monday
    // A schedule replacing 2008 drops the old 2008 arrangement's December days too.
    const m2 = mergeSchedules(m, { years: [2008], offDays: ['2008-01-01'], workdays: [] });
    expect(m2.offDays).toEqual(['2007-01-01', '2008-01-01']);
    expect(m2.workdays).toEqual(['2006-12-30', '2006-12-31']);
  });

  it('drops dates that belong to no covered year of their schedule, and rejects non-schedules', () => {
    expect(mergeSchedules({ years: [2026], offDays: ['2026-10-01', '2024-05-01'], workdays: [] })).toEqual({ years: [2026], offDays: ['2026-10-01'], workdays: [] });
    expect(mergeSchedules()).toEqual({ years: [], offDays: [], workdays: [] });
    expectFormatError(() => mergeSchedules({ years: [2026] } as never), /argument 1 is not a schedule/);
    expectFormatError(() => mergeSchedules({ years: [2026], offDays: ['2026-10-32'], workdays: [] }), /invalid date/);
  });
});
