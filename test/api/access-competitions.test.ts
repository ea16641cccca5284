import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { multipartFile } from '../support/multipart.js';

/**
 * Competition routes as the bank's unit head (市南支行) and staff, and as another organisation's
 * quality office. Unit heads read the presets, the list and the ranking of their own subtree;
 * only the quality office and admins create, enter figures, import, publish or download the
 * template; staff read nothing; another organisation's competition does not exist for the
 * caller (404). See access.test.ts.
 */
let t: TestApp;
let head: Session;
let staff: Session;
let office: Session;
let foreign: Session;
let id: string;
const units: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ demoOrgs: ['demo-bank', 'demo-hospital'] });
  head = await t.login('abc-unit-head');
  staff = await t.login('abc-staff');
  office = await t.login('abc-quality-office');
  foreign = await t.login('hosp-quality-office');
  for (const u of (await office.get('/api/v1/units?pageSize=100')).json().items) units[u.code] = u.id;
  const c = await office.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2026', unitIds: [units['B-S1'], units['B-S2']] });
  id = c.json().id;
  await office.put(`/api/v1/competitions/${id}/values`, { version: 1, values: [{ unitId: units['B-S2'], indicator: 'satisfaction', input: 'survey', value: 90 }] });
});
afterAll(async () => t?.close());

const code = (r: { statusCode: number; json: () => { error?: { code: string } } }) => [r.statusCode, r.json().error?.code];

describe('access on competition routes', () => {
  it("'GET /api/v1/competition-presets' and 'GET /api/v1/competition-presets/:code': the caller's own pack; staff refused", async () => {
    expect((await head.get('/api/v1/competition-presets')).json().items).toHaveLength(2);
    expect((await head.get('/api/v1/competition-presets/abc-qingdao')).statusCode).toBe(200);
    expect((await foreign.get('/api/v1/competition-presets')).json().items).toEqual([]);
    expect(code(await foreign.get('/api/v1/competition-presets/abc-qingdao'))).toEqual([404, 'not_found']);
    expect(code(await staff.get('/api/v1/competition-presets'))).toEqual([403, 'forbidden']);
  });

  it("'GET /api/v1/competitions' and 'GET /api/v1/competitions/:id': own organisation only; a unit head sees their subtree's units and figures", async () => {
    expect((await head.get('/api/v1/competitions')).json().total).toBe(1);
    expect((await foreign.get('/api/v1/competitions')).json().total).toBe(0);
    const got = (await head.get(`/api/v1/competitions/${id}`)).json();
    expect(got.units.map((u: { code: string }) => u.code)).toEqual(['B-S1']);
    expect(got.values).toEqual([]);
    expect(code(await foreign.get(`/api/v1/competitions/${id}`))).toEqual([404, 'not_found']);
    expect(code(await staff.get(`/api/v1/competitions/${id}`))).toEqual([403, 'forbidden']);
  });

  it("'GET /api/v1/competitions/:id/scores', 'GET /api/v1/competitions/:id/ranking.xlsx', 'GET /api/v1/competitions/:id/bulletin.pdf': the head's subtree; not another organisation", async () => {
    expect((await head.get(`/api/v1/competitions/${id}/scores`)).json().units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['B-S1']);
    expect((await head.get(`/api/v1/competitions/${id}/ranking.xlsx`)).statusCode).toBe(200);
    expect((await head.get(`/api/v1/competitions/${id}/bulletin.pdf`)).statusCode).toBe(200);
    for (const url of ['scores', 'ranking.xlsx', 'bulletin.pdf']) {
      expect(code(await foreign.get(`/api/v1/competitions/${id}/${url}`))).toEqual([404, 'not_found']);
      expect(code(await staff.get(`/api/v1/competitions/${id}/${url}`))).toEqual([403, 'forbidden']);
    }
  });

  it("'POST /api/v1/competitions', 'PUT /api/v1/competitions/:id/values', 'POST /api/v1/competitions/:id/values.xlsx', 'GET /api/v1/competitions/:id/template.xlsx', 'POST /api/v1/competitions/:id/publish', 'POST /api/v1/competitions/:id/compute': office and admin only", async () => {
    expect(code(await head.post(`/api/v1/competitions/${id}/compute`, { version: 2 }))).toEqual([403, 'forbidden']);
    expect(code(await foreign.post(`/api/v1/competitions/${id}/compute`, { version: 2 }))).toEqual([404, 'not_found']);
    expect(code(await head.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2026', unitIds: [units['B-S1']] }))).toEqual([403, 'forbidden']);
    expect(code(await head.put(`/api/v1/competitions/${id}/values`, { version: 2, values: [] }))).toEqual([403, 'forbidden']);
    const { payload, headers } = multipartFile('file', 'x.csv', Buffer.from('单位编码,指标编码,数据项编码,数值\nB-S1,satisfaction,survey,90\n'));
    const imp = await t.app.inject({ method: 'POST', url: `/api/v1/competitions/${id}/values.xlsx?version=2`, headers: { ...head.headers, ...headers }, payload });
    expect(imp.statusCode).toBe(403);
    expect(code(await head.get(`/api/v1/competitions/${id}/template.xlsx`))).toEqual([403, 'forbidden']);
    expect(code(await head.post(`/api/v1/competitions/${id}/publish`, { version: 2 }))).toEqual([403, 'forbidden']);
    expect(code(await foreign.put(`/api/v1/competitions/${id}/values`, { version: 2, values: [] }))).toEqual([404, 'not_found']);
    expect(code(await foreign.post(`/api/v1/competitions/${id}/publish`, { version: 2 }))).toEqual([404, 'not_found']);
    // A foreign unit id is not found in the caller's organisation.
    const hospUnits = (await foreign.get('/api/v1/units?pageSize=5')).json().items;
    expect((await office.post('/api/v1/competitions', { preset: 'abc-qingdao', period: '2026', unitIds: [hospUnits[0].id] })).statusCode).toBe(404);
    // Nothing changed.
    const after = (await office.get(`/api/v1/competitions/${id}`)).json();
    expect([after.version, after.state, after.values.length]).toEqual([2, 'open', 1]);
  });
});
