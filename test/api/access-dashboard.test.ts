import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Dashboard, export and report routes as the hospital unit head (门诊部, H-OPD): another unit
 * (内科, H-IM) is 403, lists and figures hold only the subtree; staff get 403 (issue §1: the
 * quality office and admin see the organisation, unit heads their subtree, other roles 403).
 * See access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-10-12T10:00:00+08:00'));
let t: TestApp;
let head: Session;
let staff: Session;
let admin: Session;
const ids: Record<string, string> = {};
const month = '2026-10';

const forbidden = (res: { statusCode: number; json(): any }) => {
  expect(res.statusCode, res.json?.()?.error?.code).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
};

async function sheet(s: Session, url: string) {
  const res = await s.get(url);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 });
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  admin = await t.login('hosp-admin');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  await admin.post('/api/v1/complaints', { channel: 'phone', content: '内科病区护士态度差', unitId: ids['H-IM-W1'], category: 'attitude' });
  await admin.post('/api/v1/complaints', { channel: 'window', content: '挂号窗口排队久', unitId: ids['H-OPD-REG'], category: 'efficiency' });
  for (const [unit, level] of [['H-OPD-REG', 5], ['H-IM-W1', 1], ['H-OPD-PHA', 4]] as const) {
    const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids[unit]}`)).json().code;
    await t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level } });
  }
});
afterAll(async () => t?.close());

describe('unit-head scope on dashboard, export and report routes', () => {
  it("'GET /api/v1/dashboard' shows only the subtree; another unit is 403; staff 403", async () => {
    const d = (await head.get(`/api/v1/dashboard?month=${month}`)).json();
    expect(d.complaints.received.value).toBe(1);
    expect(d.complaints.byUnit.map((u: { unitId: string }) => u.unitId)).toEqual([ids['H-OPD-REG']]);
    expect(d.ratings.ratings.value).toBe(2);
    expect(d.negative.count.value).toBe(0);
    expect(d.ranking.windows.map((w: { code: string }) => w.code).sort()).toEqual(['H-OPD-INF', 'H-OPD-PHA', 'H-OPD-REG']);
    expect(JSON.stringify(d)).not.toContain(ids['H-IM-W1']);
    forbidden(await head.get(`/api/v1/dashboard?month=${month}&unitId=${ids['H-IM']}`));
    forbidden(await staff.get(`/api/v1/dashboard?month=${month}`));
    // The organisation-wide view has both complaints.
    expect((await admin.get(`/api/v1/dashboard?month=${month}`)).json().complaints.received.value).toBe(2);
  });

  it("'GET /api/v1/dashboard/records' lists only the subtree's cases; another unit is 403", async () => {
    const r = (await head.get(`/api/v1/dashboard/records?metric=complaints_received&month=${month}`)).json();
    expect(r.total).toBe(1);
    expect(r.items[0].unitId).toBe(ids['H-OPD-REG']);
    expect((await head.get(`/api/v1/dashboard/records?metric=complaints_received&month=${month}&caseUnitId=${ids['H-IM-W1']}`)).json().total).toBe(0);
    forbidden(await head.get(`/api/v1/dashboard/records?metric=complaints_received&month=${month}&unitId=${ids['H-IM']}`));
    forbidden(await staff.get(`/api/v1/dashboard/records?metric=complaints_received&month=${month}`));
  });

  it("'GET /api/v1/exports/cases.xlsx' holds only the subtree's cases; another unit is 403", async () => {
    const rows = await sheet(head, `/api/v1/exports/cases.xlsx?from=2026-10-01&to=2026-10-31`);
    expect(rows).toHaveLength(2); // header + the 门诊部 complaint
    expect(rows[1]).toContain('挂号收费窗口');
    expect(JSON.stringify(rows)).not.toContain('内科');
    forbidden(await head.get(`/api/v1/exports/cases.xlsx?from=2026-10-01&to=2026-10-31&unitId=${ids['H-IM']}`));
    forbidden(await staff.get('/api/v1/exports/cases.xlsx?from=2026-10-01&to=2026-10-31'));
  });

  it("'GET /api/v1/exports/ratings.xlsx' holds only the subtree's ratings; another unit is 403", async () => {
    const rows = await sheet(head, `/api/v1/exports/ratings.xlsx?from=2026-10-01&to=2026-10-31`);
    expect(rows.slice(1).map((r) => r[2]).sort()).toEqual(['挂号收费窗口', '门诊药房窗口']);
    forbidden(await head.get(`/api/v1/exports/ratings.xlsx?from=2026-10-01&to=2026-10-31&unitId=${ids['H-IM']}`));
    forbidden(await staff.get('/api/v1/exports/ratings.xlsx?from=2026-10-01&to=2026-10-31'));
  });

  it("'GET /api/v1/reports/monthly.pdf' for another unit is 403; staff 403", async () => {
    forbidden(await head.get(`/api/v1/reports/monthly.pdf?month=${month}&unitId=${ids['H-IM']}`));
    forbidden(await staff.get(`/api/v1/reports/monthly.pdf?month=${month}`));
    const own = await head.get(`/api/v1/reports/monthly.pdf?month=${month}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it("'GET /api/v1/reports/daily' counts only the subtree; another unit is 403", async () => {
    const d = (await head.get('/api/v1/reports/daily?date=2026-10-12')).json();
    expect(d.complaintsReceived.value).toBe(1);
    expect(d.negative.value).toBe(0);
    expect((await admin.get('/api/v1/reports/daily?date=2026-10-12')).json().negative.value).toBe(1);
    forbidden(await head.get(`/api/v1/reports/daily?date=2026-10-12&unitId=${ids['H-IM']}`));
    forbidden(await staff.get('/api/v1/reports/daily?date=2026-10-12'));
  });

  it("'POST /api/v1/reports/daily/send' is for the quality office and admin: 403 and nothing sent", async () => {
    const before = await t.ctx.db.kysely.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    forbidden(await head.post('/api/v1/reports/daily/send?date=2026-10-12'));
    const after = await t.ctx.db.kysely.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});
