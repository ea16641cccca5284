import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { useAppraisalTemplate, windowTemplate } from '../support/appraisal.js';

/**
 * Appraisal routes by role and scope (个人考核, issue 21): the person (hosp-staff, 张丽 H1003) reads
 * and confirms or objects to their own sheets only; the unit head (门诊部) reads and scores the
 * sheets of their subtree, not a window clerk of 内科; the quality office and admins run periods,
 * read every sheet, approve and reopen, but do not score; inspectors read nothing; another
 * organisation's periods and sheets do not exist for the caller (404). See access.test.ts.
 */
const clock = fakeClock(Date.parse('2026-12-02T09:00:00+08:00'));
let t: TestApp;
let admin: Session;
let office: Session;
let head: Session;
let staff: Session;
let inspector: Session;
let foreign: Session;
let foreignHead: Session;
let periodId = '';
const ids: Record<string, string> = {};
const sheets: Record<string, { id: string; version: number }> = {};

const code = (r: { statusCode: number; json: () => { error?: { code: string } } }) => [r.statusCode, r.json().error?.code];

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  inspector = await t.login('hosp-inspector');
  foreign = await t.login('hall-quality-office');
  foreignHead = await t.login('hall-unit-head');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  // A window clerk outside the head's 门诊部: in 内科 (H-IM).
  const outside = await admin.post('/api/v1/staff', { badgeNo: 'H9001', name: '钱窗口', unitIds: [ids['H-IM']], posts: ['收费员'], category: '窗口' });
  expect(outside.statusCode, outside.body).toBe(201);
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  await useAppraisalTemplate(admin, windowTemplate);
  const p = await office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-11' });
  expect(p.statusCode, p.body).toBe(201);
  periodId = p.json().id;
  for (const s of (await office.get(`/api/v1/appraisals/sheets?periodId=${periodId}&pageSize=100`)).json().items) {
    for (const badge of ['H1003', 'H1004', 'H9001']) if (s.staff.id === ids[badge]) sheets[badge] = s;
  }
});
afterAll(async () => t?.close());

describe('access on appraisal routes', () => {
  it("'POST /api/v1/appraisals/periods': office and admin only; a foreign unit is not found", async () => {
    for (const who of [head, staff, inspector]) expect(code(await who.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-10' }))).toEqual([403, 'forbidden']);
    expect(code(await office.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-10', unitId: (await foreign.get('/api/v1/units?pageSize=1')).json().items[0].id }))).toEqual([404, 'not_found']);
    expect((await admin.post('/api/v1/appraisals/periods', { template: 'window_staff', period: '2026-10', unitId: ids['H-OPD'] })).statusCode).toBe(201);
  });

  it("'GET /api/v1/appraisals/periods' and 'GET /api/v1/appraisals/periods/:id': managers; a head's summary counts their subtree; not another organisation", async () => {
    // Every window clerk of the hospital works in 门诊部 but H9001 (内科).
    const all = (await office.get('/api/v1/appraisals/periods')).json().items.find((p: { id: string }) => p.id === periodId).sheets;
    expect((await head.get('/api/v1/appraisals/periods')).json().items.find((p: { id: string }) => p.id === periodId).sheets).toBe(all - 1);
    expect((await head.get(`/api/v1/appraisals/periods/${periodId}`)).json().summary.count).toBe(all - 1);
    expect((await office.get(`/api/v1/appraisals/periods/${periodId}`)).json().summary.count).toBe(all);
    expect((await foreign.get('/api/v1/appraisals/periods')).json().total).toBe(0);
    expect(code(await foreign.get(`/api/v1/appraisals/periods/${periodId}`))).toEqual([404, 'not_found']);
    for (const who of [staff, inspector]) {
      expect(code(await who.get('/api/v1/appraisals/periods'))).toEqual([403, 'forbidden']);
      expect(code(await who.get(`/api/v1/appraisals/periods/${periodId}`))).toEqual([403, 'forbidden']);
    }
  });

  it("'GET /api/v1/appraisals/sheets' and 'GET /api/v1/appraisals/sheets/:id': the person their own, the head their subtree, the office all", async () => {
    const own = (await staff.get(`/api/v1/appraisals/sheets?periodId=${periodId}`)).json();
    expect(own.items.map((s: { id: string }) => s.id)).toEqual([sheets.H1003.id]);
    expect((await staff.get(`/api/v1/appraisals/sheets/${sheets.H1003.id}`)).statusCode).toBe(200);
    expect(code(await staff.get(`/api/v1/appraisals/sheets/${sheets.H1004.id}`))).toEqual([403, 'forbidden']);
    const mine = (await head.get(`/api/v1/appraisals/sheets?periodId=${periodId}&pageSize=100`)).json();
    expect(mine.items.map((s: { staff: { id: string } }) => s.staff.id)).not.toContain(ids.H9001);
    expect(mine.items.map((s: { staff: { id: string } }) => s.staff.id)).toContain(ids.H1004);
    expect(code(await head.get(`/api/v1/appraisals/sheets/${sheets.H9001.id}`))).toEqual([403, 'out_of_scope']);
    expect(code(await head.get(`/api/v1/appraisals/sheets?unitId=${ids['H-IM']}`))).toEqual([403, 'out_of_scope']);
    expect((await office.get(`/api/v1/appraisals/sheets/${sheets.H9001.id}`)).statusCode).toBe(200);
    expect(code(await inspector.get('/api/v1/appraisals/sheets'))).toEqual([403, 'forbidden']);
    expect(code(await foreign.get(`/api/v1/appraisals/sheets/${sheets.H1003.id}`))).toEqual([404, 'not_found']);
    expect((await foreign.get('/api/v1/appraisals/sheets')).json().total).toBe(0);
  });

  it("'PUT /api/v1/appraisals/sheets/:id/judged': the unit head of the person's scope only", async () => {
    const body = (v: number) => ({ version: v, items: { de: '5' } });
    expect(code(await head.put(`/api/v1/appraisals/sheets/${sheets.H9001.id}/judged`, body(sheets.H9001.version)))).toEqual([403, 'out_of_scope']);
    for (const who of [office, admin, staff, inspector]) expect(code(await who.put(`/api/v1/appraisals/sheets/${sheets.H1004.id}/judged`, body(sheets.H1004.version)))).toEqual([403, 'forbidden']);
    expect(code(await foreignHead.put(`/api/v1/appraisals/sheets/${sheets.H1004.id}/judged`, body(sheets.H1004.version)))).toEqual([404, 'not_found']);
    const scored = await head.put(`/api/v1/appraisals/sheets/${sheets.H1003.id}/judged`, { version: sheets.H1003.version, items: { de: '5', neng: '5', qin: '5', ji: '5' } });
    expect(scored.statusCode, scored.body).toBe(200);
    sheets.H1003.version = scored.json().version;
  });

  it("'POST /api/v1/appraisals/sheets/:id/confirm' and 'POST /api/v1/appraisals/sheets/:id/object': the person only", async () => {
    const v = sheets.H1003.version;
    for (const who of [head, office, admin]) {
      expect(code(await who.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/confirm`, { version: v }))).toEqual([403, 'forbidden']);
      expect(code(await who.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/object`, { version: v, text: '不同意' }))).toEqual([403, 'forbidden']);
    }
    expect(code(await foreign.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/confirm`, { version: v }))).toEqual([404, 'not_found']);
    expect(code(await staff.post(`/api/v1/appraisals/sheets/${sheets.H1004.id}/object`, { version: sheets.H1004.version, text: '不同意' }))).toEqual([403, 'forbidden']);
    const confirmed = await staff.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/confirm`, { version: v });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    sheets.H1003.version = confirmed.json().version;
  });

  it("'POST /api/v1/appraisals/sheets/:id/approve' and 'POST /api/v1/appraisals/sheets/:id/reopen': office and admin only", async () => {
    const v = sheets.H1003.version;
    for (const who of [head, staff, inspector]) {
      expect(code(await who.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/approve`, { version: v }))).toEqual([403, 'forbidden']);
      expect(code(await who.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/reopen`, { version: v, note: '重新核对' }))).toEqual([403, 'forbidden']);
    }
    expect(code(await foreign.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/approve`, { version: v }))).toEqual([404, 'not_found']);
    const approved = await office.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/approve`, { version: v });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(code(await foreign.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/reopen`, { version: approved.json().version, note: '重新核对' }))).toEqual([404, 'not_found']);
    const reopened = await admin.post(`/api/v1/appraisals/sheets/${sheets.H1003.id}/reopen`, { version: approved.json().version, note: '重新核对' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ state: 'scored', notes: [{ kind: 'reopen', text: '重新核对' }] });
  });
});
