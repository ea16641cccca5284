import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

// Closed months are read from their materialised sums (migration 0015), the days around them from
// the daily rollups: the figures must be the same either way, and a write into a closed month
// (an upheld appeal, a corrected served count) must show at once.
let t: TestApp;
let admin: Session;
let quality: Session;
let head: Session;
const ids: Record<string, string> = {};
const clock = fakeClock(Date.parse('2026-10-15T10:00:00+08:00'));
let code = '';

const rate = (body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: body, remoteAddress: `127.0.2.${Math.floor(Math.random() * 200)}` });
const stats = async (from: string, to: string, query: string) => {
  const res = await quality.get(`/api/v1/stats/ratings?from=${from}&to=${to}&${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().groups as { key: string; counts: Record<string, number>; ratings: number; excluded: number; served: number | null; ratingRate: number | null; satisfactionRate: number; indicators: { overall: { answered: number } }; reasons: { code: string; count: number }[] }[];
};
const stamps = async () => (await t.ctx.db.kysely.selectFrom('rating_month_stamps').select('month').orderBy('month').execute()).map((r) => r.month);

// Sessions expire while the clock jumps a month: log in again after each jump.
const login = async () => {
  admin = await t.login('hosp-admin', { fresh: true });
  quality = await t.login('hosp-quality-office', { fresh: true });
  head = await t.login('hosp-unit-head', { fresh: true });
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  await login();
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}`)).json().code;
  // October: three ratings, one of them a 差评 with a reason; 10 served on the 15th.
  for (const level of [5, 4]) expect((await rate({ code, level, indicators: { overall: level } })).statusCode).toBe(201);
  expect((await rate({ code, level: 1, reasons: ['attitude'], comment: '态度差' })).statusCode).toBe(201);
  expect((await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: '2026-10-15', served: 10 }] })).statusCode).toBe(200);
  // And one on a ward outside the unit head's 门诊部.
  const ward = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-IM-W1']}`)).json().code;
  expect((await rate({ code: ward, level: 5 })).statusCode).toBe(201);
  // November: two ratings; 4 served on the 10th.
  clock.set(Date.parse('2026-11-10T10:00:00+08:00'));
  await login();
  for (const level of [5, 3]) expect((await rate({ code, level })).statusCode).toBe(201);
  expect((await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: '2026-11-10', served: 4 }] })).statusCode).toBe(200);
  // December: one rating on the 3rd; both earlier months are closed now.
  clock.set(Date.parse('2026-12-03T10:00:00+08:00'));
  await login();
  expect((await rate({ code, level: 5 })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('statistics of closed months', () => {
  it('a trend over closed and open months gives each month its own counts, indicators, reasons and served', async () => {
    const groups = await stats('2026-10-01', '2026-12-31', `unitId=${ids['H-OPD-REG']}&groupBy=month`);
    const byMonth = Object.fromEntries(groups.map((g) => [g.key, g]));
    expect(Object.keys(byMonth).sort()).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(byMonth['2026-10']).toMatchObject({ ratings: 3, counts: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 }, served: 10, ratingRate: 30 });
    expect(byMonth['2026-10'].indicators.overall.answered).toBe(2);
    expect(byMonth['2026-10'].reasons).toEqual([expect.objectContaining({ code: 'attitude', count: 1 })]);
    expect(byMonth['2026-11']).toMatchObject({ ratings: 2, counts: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 }, served: 4, ratingRate: 50 });
    expect(byMonth['2026-12']).toMatchObject({ ratings: 1, served: null, ratingRate: null });
    // October and November were added up once; December is still open and read day by day.
    expect(await stamps()).toEqual(['2026-10', '2026-11']);
  });

  it('adds a closed month to the days around it: a range starting mid-month and one unit or the whole range', async () => {
    // 10-20 … 12-31: October's days after the 20th hold nothing, so November and December only.
    const partial = await stats('2026-10-20', '2026-12-31', `unitId=${ids['H-OPD-REG']}`);
    expect(partial).toMatchObject([{ key: 'all', ratings: 3, served: 4 }]);
    const whole = await stats('2026-10-01', '2026-12-31', 'groupBy=unit');
    const unit = whole.find((g) => g.key === ids['H-OPD-REG'])!;
    expect(unit).toMatchObject({ ratings: 6, counts: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 3 }, served: 14 });
    expect(unit.satisfactionRate).toBe(66.67); // (3 非常满意 + 1 满意) ÷ 6
    expect(unit.reasons).toEqual([expect.objectContaining({ code: 'attitude', count: 1 })]);
  });

  it('an upheld appeal on a closed month takes the 差评 out at once', async () => {
    const id = (await quality.get('/api/v1/cases?type=rectification')).json().items[0].id;
    const v = (await head.get(`/api/v1/cases/${id}`)).json().version;
    expect((await head.post(`/api/v1/cases/${id}/actions/appeal`, { version: v, reason: '录像显示窗口人员服务规范。' })).statusCode).toBe(200);
    expect((await quality.post(`/api/v1/cases/${id}/actions/uphold_appeal`, { version: v + 1, decision: '申诉成立。' })).statusCode).toBe(200);
    const october = (await stats('2026-10-01', '2026-11-30', `unitId=${ids['H-OPD-REG']}&groupBy=month`)).find((g) => g.key === '2026-10')!;
    expect(october).toMatchObject({ ratings: 2, excluded: 1, counts: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });
    expect(october.reasons).toEqual([]);
  });

  it('a corrected served count of a closed month shows at once', async () => {
    expect((await admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], date: '2026-11-10', served: 5 }] })).statusCode).toBe(200);
    const november = (await stats('2026-10-01', '2026-11-30', `unitId=${ids['H-OPD-REG']}&groupBy=month`)).find((g) => g.key === '2026-11')!;
    expect(november).toMatchObject({ served: 5, ratingRate: 40 });
  });

  it('a unit head sees only their subtree in the materialised months too', async () => {
    const res = await head.get('/api/v1/stats/ratings?from=2026-10-01&to=2026-11-30&groupBy=unit');
    expect(res.statusCode).toBe(200);
    // The ward's October rating is in the materialised month, but outside the head's subtree.
    expect((await stats('2026-10-01', '2026-11-30', 'groupBy=unit')).map((g) => g.key).sort()).toEqual([ids['H-IM-W1'], ids['H-OPD-REG']].sort());
    const groups = res.json().groups as { key: string; ratings: number }[];
    expect(groups.map((g) => g.key)).toEqual([ids['H-OPD-REG']]);
    expect(groups[0].ratings).toBe(4); // October's two (the 差评 excluded) and November's two
  });
});
