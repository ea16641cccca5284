import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { multipartFile } from '../support/multipart.js';

/**
 * The follow-up routes as a unit head of another department (门诊部) and as window staff: a
 * ward's follow-ups are out of their reach, staff act only on follow-ups given to them, and the
 * figures and export are not for staff. See access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-05T10:00:00+08:00'));
let t: TestApp;
let qc: Session;
let head: Session;
let staff: Session;
let ward = '';
let followUp: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  qc = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  ward = (await qc.get('/api/v1/units?pageSize=100')).json().items.find((u: { code: string }) => u.code === 'H-IM-W1').id;
  const created = await qc.post('/api/v1/discharges', { patientName: '李大爷', phone: '13900001234', unitId: ward, dischargedOn: '2026-11-03' });
  expect(created.statusCode, created.body).toBe(201);
  followUp = created.json();
});
afterAll(async () => t?.close());

async function expectRefused(res: { statusCode: number; body: string; json(): any }) {
  expect([403, 404], res.body).toContain(res.statusCode);
  expect(['forbidden', 'out_of_scope', 'not_found']).toContain(res.json().error.code);
}

describe('follow-up routes: another department and window staff are kept out', () => {
  it("'POST /api/v1/discharges' is refused for a ward outside the caller's unit", async () => {
    await expectRefused(await head.post('/api/v1/discharges', { patientName: '王阿姨', phone: '13900001235', unitId: ward, dischargedOn: '2026-11-03' }));
    await expectRefused(await staff.post('/api/v1/discharges', { patientName: '王阿姨', phone: '13900001235', unitId: ward, dischargedOn: '2026-11-03' }));
  });

  it("'POST /api/v1/discharges/import' refuses a row of a ward outside the caller's unit (nothing stored)", async () => {
    const form = multipartFile('file', 'd.csv', Buffer.from(`患者姓名,联系电话,科室编码,出院日期\n王阿姨,13900001235,H-IM-W1,2026-11-03\n`), 'text/csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/discharges/import', headers: { ...head.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.errors[0].field).toBe('unitCode');
  });

  it("'GET /api/v1/discharges/template.xlsx' is for the roles that register discharges", async () => {
    expect((await staff.get('/api/v1/discharges/template.xlsx')).statusCode).toBe(200);
    await expectRefused(await (await t.login('hosp-inspector')).get('/api/v1/discharges/template.xlsx'));
  });

  it("'GET /api/v1/followups' and 'GET /api/v1/followups/:id' hide the ward's follow-up", async () => {
    expect((await head.get('/api/v1/followups')).json().items).toEqual([]);
    expect((await staff.get('/api/v1/followups')).json().items).toEqual([]);
    await expectRefused(await head.get(`/api/v1/followups/${followUp.id}`));
    await expectRefused(await staff.get(`/api/v1/followups/${followUp.id}`));
  });

  it("'POST /api/v1/followups/:id/attempt', 'POST /api/v1/followups/:id/answers', 'POST /api/v1/followups/:id/send-link' and 'POST /api/v1/followups/:id/note' change nothing for them", async () => {
    await expectRefused(await head.post(`/api/v1/followups/${followUp.id}/attempt`, { outcome: 'no_answer', version: followUp.version }));
    await expectRefused(await staff.post(`/api/v1/followups/${followUp.id}/answers`, { satisfaction: 5, version: followUp.version }));
    await expectRefused(await staff.post(`/api/v1/followups/${followUp.id}/send-link`, { version: followUp.version }));
    await expectRefused(await head.post(`/api/v1/followups/${followUp.id}/note`, { text: '越权备注', version: followUp.version }));
    expect((await qc.get(`/api/v1/followups/${followUp.id}`)).json().version).toBe(followUp.version);
  });

  it("'GET /api/v1/followups/figures' and 'GET /api/v1/exports/followups.xlsx' are refused to staff; a unit head sees their own unit only", async () => {
    await expectRefused(await staff.get('/api/v1/followups/figures?month=2026-11'));
    await expectRefused(await staff.get('/api/v1/exports/followups.xlsx?month=2026-11'));
    const figures = (await head.get('/api/v1/followups/figures?month=2026-11')).json();
    expect(JSON.stringify(figures)).not.toContain(ward);
    expect((await qc.get('/api/v1/followups/figures?month=2026-11')).json().total.followUps).toBe(1);
  });
});
