/**
 * The demo gas company (demo-utility): its work orders in each state, the month's repair figures
 * on the dashboard API, the xlsx export one row per order (报修工单_2026-11.xlsx), the monthly PDF's
 * 故障报修 section, and the public report form (网上报修) as plain HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { havePdftotext, pdfText } from '../support/pdf.js';
import { fillDemoActivity } from '../../src/demo/seed.js';
import { loadExcel } from '../../src/shared/excel.js';

const now = Date.parse('2026-11-18T10:00:00+08:00');
const clock = fakeClock(now);
let t: TestApp;
let head: Session;
let office: Session;

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365, demoOrgs: ['demo-utility'] });
  await fillDemoActivity(t.ctx, ['demo-utility'], now);
  head = await t.login('util-unit-head');
  office = await t.login('util-quality-office');
});
afterAll(async () => t?.close());

describe('demo-utility', () => {
  it('has work orders in each state: to dispatch, overdue on arrival, on site, waiting for the callback, closed', async () => {
    const all = (await head.get('/api/v1/repairs?pageSize=100')).json();
    expect(all.items.map((o: { status: string }) => o.status).sort()).toEqual(['closed', 'completed', 'dispatched', 'on_site', 'reported']);
    const overdue = (await head.get('/api/v1/repairs?overdue=overdue')).json();
    // Reported 3 h ago, arrival due after 1 h: 超期, by now 严重超期 (twice the limit).
    expect(overdue.items.map((o: { status: string; arrivalBadge: string }) => [o.status, o.arrivalBadge])).toEqual([['dispatched', 'severely_overdue']]);
    const callbacks = (await head.get('/api/v1/repairs?callbackDue=true')).json();
    expect(callbacks.items).toHaveLength(1);
    expect(callbacks.items[0].callbackDueDate).toBe('2026-11-20'); // completed Tue 17th 10:00 → Wed, Thu, Fri
    const tech = await t.login('util-staff');
    expect((await tech.get('/api/v1/repairs?pageSize=100')).json().total).toBe(4);
  });

  it('shows the month\'s figures (exact rates) and the hospital hears it has none', async () => {
    const f = (await office.get('/api/v1/repairs/figures?month=2026-11')).json();
    expect(f.inUse).toBe(true);
    expect(f.total.orders).toBe(5);
    // Arrived on time: the on-site one (40 min), the waiting one (30 min), the closed one (40 min); late: the one still on its way.
    expect(f.total.arrivalOnTime).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(f.total.callbackRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('exports one row per order as 报修工单_2026-11.xlsx', async () => {
    const res = await office.get('/api/v1/exports/repairs.xlsx?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('报修工单_2026-11.xlsx');
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(6);
    expect(ws.getRow(1).getCell(1).value).toBe('工单编号');
  });

  it.skipIf(!havePdftotext)('prints a 故障报修 section in the monthly PDF', async () => {
    const res = await office.get('/api/v1/reports/monthly.pdf?month=2026-11');
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('故障报修');
    expect(text).toContain('到达及时率 75.0%（3/4）');
  });

  it('takes a report on the public form (plain HTML) and answers the work order number', async () => {
    const form = await t.anonymous.get('/public/demo-utility/repair');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('故障报修');
    const bad = await t.app.inject({ method: 'POST', url: '/public/demo-utility/repair', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'fault=%E6%BC%8F%E6%B0%94&contactName=%E5%90%B4&contactPhone=abc&address=%E5%9F%8E%E4%B8%9C' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写有效的电话号码');
    const ok = await t.app.inject({ method: 'POST', url: '/public/demo-utility/repair', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'fault=%E6%BC%8F%E6%B0%94&contactName=%E5%90%B4&contactPhone=13700000000&address=%E5%9F%8E%E4%B8%9C' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.body).toMatch(/BX20261118\d{4}/);
  });
});
