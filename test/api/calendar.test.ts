import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

const holidayCn = path.resolve(import.meta.dirname, '../../../shared/data/holiday-cn');

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('hall-admin');
});
afterAll(async () => t?.close());

const add = async (s: Pick<Session, 'get'>, date: string, days: number) => s.get(`/api/v1/calendar/working-days/add?date=${date}&days=${days}`);

describe('working days over HTTP', () => {
  it('2026-09-30 + 5 working days = 2026-10-13 (002:L103 reply within 5 working days; National Day holiday)', async () => {
    const res = await add(t.anonymous, '2026-09-30', 5);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-10-13' });
  });

  it('2026-02-13 + 1 working day = 2026-02-14, a make-up Saturday (调休)', async () => {
    expect((await add(t.anonymous, '2026-02-13', 1)).json()).toEqual({ date: '2026-02-14' });
  });

  it('a year with no published schedule is an error naming the year, never a guess (RULES §1)', async () => {
    const res = await add(t.anonymous, '2026-12-28', 5);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('calendar_year_missing');
    expect(res.json().error.details.year).toBe(2027);
    expect(res.json().error.messages.zh).toContain('2027');
  });

  it('rejects impossible dates with 400', async () => {
    const res = await add(t.anonymous, '2026-02-30', 1);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_date');
  });

  it('an organisation closure moves the logged-in caller\'s deadline but not the national one', async () => {
    const before = (await add(admin, '2026-06-01', 1)).json().date;
    expect(before).toBe('2026-06-02');
    const created = await admin.post('/api/v1/calendar/overrides', { date: '2026-06-02', kind: 'closure', note: '系统升级停止受理' });
    expect(created.statusCode).toBe(201);
    expect((await add(admin, '2026-06-01', 1)).json().date).toBe('2026-06-03');
    expect((await add(t.anonymous, '2026-06-01', 1)).json().date).toBe('2026-06-02');
    // The other organisation's calendar is unaffected.
    const hospital = await t.login('hosp-admin');
    expect((await add(hospital, '2026-06-01', 1)).json().date).toBe('2026-06-02');
    expect((await admin.delete(`/api/v1/calendar/overrides/${created.json().id}?version=1`)).statusCode).toBe(204);
    expect((await add(admin, '2026-06-01', 1)).json().date).toBe('2026-06-02');
  });

  it('an extra working day on a Sunday counts (服务日), and is shown in the month view', async () => {
    await admin.post('/api/v1/calendar/overrides', { date: '2026-07-05', kind: 'extra_workday', note: '周末延时服务' });
    expect((await add(admin, '2026-07-03', 1)).json().date).toBe('2026-07-05');
    const days = (await admin.get('/api/v1/calendar/days?from=2026-07-01&to=2026-07-31')).json().days;
    expect(days).toHaveLength(31);
    expect(days.find((d: { date: string }) => d.date === '2026-07-05')).toMatchObject({ working: true, reason: 'extra_workday', note: '周末延时服务' });
    expect(days.find((d: { date: string }) => d.date === '2026-07-04')).toMatchObject({ working: false, reason: 'weekend' });
  });

  it('the month view names statutory holidays and make-up days', async () => {
    const days = (await admin.get('/api/v1/calendar/days?from=2026-10-01&to=2026-10-10')).json().days;
    expect(days[0]).toMatchObject({ date: '2026-10-01', working: false, reason: 'statutory_holiday' });
    expect(days[0].holidayName).toMatch(/国庆/);
    const makeup = days.filter((d: { reason: string }) => d.reason === 'makeup_workday').map((d: { date: string }) => d.date);
    expect(makeup).toEqual(['2026-10-10']);
  });

  it('a duplicate override for one date is refused; a half day needs valid periods', async () => {
    await admin.post('/api/v1/calendar/overrides', { date: '2026-08-03', kind: 'half_day', periods: [{ start: '09:00', end: '12:00' }] });
    const dup = await admin.post('/api/v1/calendar/overrides', { date: '2026-08-03', kind: 'closure' });
    expect(dup.statusCode).toBe(409);
    const bad = await admin.post('/api/v1/calendar/overrides', { date: '2026-08-04', kind: 'half_day', periods: [{ start: '12:00', end: '09:00' }] });
    expect(bad.statusCode).toBe(400);
  });

  it('the deadline calculator counts a receipt after closing from the next working day (RULES §1)', async () => {
    const inHours = (await admin.get(`/api/v1/calendar/deadline?receivedAt=${encodeURIComponent('2026-09-30T10:00:00+08:00')}&days=5`)).json();
    expect(inHours.dueDate).toBe('2026-10-13');
    // Friday 2026-09-25 at 19:00 is after the hall closes: counted as received Monday 28th.
    const late = (await admin.get(`/api/v1/calendar/deadline?receivedAt=${encodeURIComponent('2026-09-25T19:00:00+08:00')}&days=1`)).json();
    expect(late.dueDate).toBe('2026-09-29');
  });
});

describe('importing next year\'s schedule', () => {
  const file = path.join(holidayCn, '2026.json');
  it.skipIf(!fs.existsSync(file))('accepts a holiday-cn file over HTTP (admin only) and replaces that year (skipped without ../shared/data/holiday-cn)', async () => {
    const res = await admin.post('/api/v1/calendar/import', { format: 'holiday-cn', content: fs.readFileSync(file, 'utf8'), source: 'holiday-cn 2026' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().years).toEqual([2026]);
    expect((await add(t.anonymous, '2026-09-30', 5)).json().date).toBe('2026-10-13');
    const years = (await admin.get('/api/v1/calendar/years')).json().items;
    expect(years.find((y: { year: number }) => y.year === 2026).source).toBe('holiday-cn 2026');
  });

  it('a published 2027 schedule makes late-December deadlines computable', async () => {
    // Fixture in holiday-cn format (the real 2027 schedule was not yet published when written).
    const fixture = { year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };
    const res = await admin.post('/api/v1/calendar/import', { format: 'holiday-cn', content: JSON.stringify(fixture) });
    expect(res.statusCode, res.body).toBe(200);
    // Dec 28 (Mon) + 5: 29, 30, 31, Jan 1 is off, Jan 4, Jan 5.
    expect((await add(t.anonymous, '2026-12-28', 5)).json().date).toBe('2027-01-05');
  });

  it('rejects a malformed file with 400 and keeps the old schedule', async () => {
    const res = await admin.post('/api/v1/calendar/import', { format: 'holiday-cn', content: '{"year": "soon"}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('calendar_format_invalid');
    expect((await add(t.anonymous, '2026-09-30', 5)).json().date).toBe('2026-10-13');
  });
});

describe("reminding administrators of next year's schedule", () => {
  // 2026-10-31 23:30 in Beijing (UTC+8, the pack's utcOffsetMinutes): still October there.
  const clock = fakeClock(Date.parse('2026-10-31T15:30:00Z'));
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(async () => app?.close());

  it("says today's date in the organisation's time zone and reminds from 1 November until the year is imported", async () => {
    const admin = await app.login('hall-admin');
    const years = async () => (await admin.get('/api/v1/calendar/years')).json();
    expect(await years()).toMatchObject({ today: '2026-10-31', nextYear: { year: 2027, loaded: false, remindFrom: '2026-11-01', remind: false } });
    clock.advance(3_600_000); // 00:30 on 1 November in Beijing, still 31 October in UTC
    expect(await years()).toMatchObject({ today: '2026-11-01', nextYear: { year: 2027, loaded: false, remind: true } });
    const fixture = { year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };
    expect((await admin.post('/api/v1/calendar/import', { format: 'holiday-cn', content: JSON.stringify(fixture), source: '2027.json' })).statusCode).toBe(200);
    const after = await years();
    expect(after.nextYear).toMatchObject({ year: 2027, loaded: true, remind: false });
    expect(after.items.find((y: { year: number }) => y.year === 2027).source).toBe('2027.json');
  });
});
