import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Commitment routes as the hospital unit head (门诊部, H-OPD). Only admins and the quality office
 * write 服务承诺 (RULES §9, 000:L5), so a unit head is refused — for another unit (内科, H-IM) and
 * for their own; everyone in the organisation reads them. See access.test.ts for the coverage rule.
 */
let t: TestApp;
let head: Session;
let quality: Session;
const ids: Record<string, string> = {};
let commitment: { id: string; version: number };

const body = (unitId: string) => ({ text: '越权承诺', promise: '三个工作日内答复', unitId, supervisionPhone: '0571-12345678', published: true });

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  quality = await t.login('hosp-quality-office');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  const created = await quality.post('/api/v1/commitments', { ...body(ids['H-IM']), text: '内科承诺：投诉五个工作日内答复', measure: 'complaint_reply_on_time_rate', target: 95 });
  expect(created.statusCode, created.body).toBe(201);
  commitment = created.json();
});
afterAll(async () => t?.close());

async function expect403(res: { statusCode: number; body: string; json(): any }) {
  expect(res.statusCode, res.body).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

describe('unit-head access on commitment routes', () => {
  it("'POST /api/v1/commitments' is 403 for another unit and for the head's own unit; nothing is stored", async () => {
    await expect403(await head.post('/api/v1/commitments', body(ids['H-IM'])));
    await expect403(await head.post('/api/v1/commitments', body(ids['H-OPD'])));
    await expect403(await head.post('/api/v1/commitments', { ...body(ids['H-OPD']), unitId: null }));
    expect((await quality.get('/api/v1/commitments')).json().total).toBe(1);
  });

  it("'PATCH /api/v1/commitments/:id' is 403 and changes nothing", async () => {
    await expect403(await head.patch(`/api/v1/commitments/${commitment.id}`, { version: commitment.version, text: '改掉', published: false }));
    await expect403(await head.patch(`/api/v1/commitments/${commitment.id}`, { version: commitment.version, unitId: ids['H-OPD'] }));
    const after = (await quality.get(`/api/v1/commitments/${commitment.id}`)).json();
    expect(after).toMatchObject({ version: commitment.version, text: '内科承诺：投诉五个工作日内答复', published: true, unitId: ids['H-IM'] });
  });

  it("'DELETE /api/v1/commitments/:id' is 403 and the commitment stays", async () => {
    await expect403(await head.delete(`/api/v1/commitments/${commitment.id}?version=${commitment.version}`));
    expect((await quality.get(`/api/v1/commitments/${commitment.id}`)).statusCode).toBe(200);
  });

  it("'GET /api/v1/commitments' and 'GET /api/v1/commitments/:id' are readable by everyone in the organisation", async () => {
    expect((await head.get('/api/v1/commitments')).json().items.map((c: { id: string }) => c.id)).toEqual([commitment.id]);
    expect((await head.get(`/api/v1/commitments/${commitment.id}`)).json().text).toBe('内科承诺：投诉五个工作日内答复');
    // …but not by another organisation, for which the commitment does not exist.
    const hall = await t.login('hall-admin');
    expect((await hall.get(`/api/v1/commitments/${commitment.id}`)).statusCode).toBe(404);
    expect((await hall.get('/api/v1/commitments')).json().total).toBe(0);
    // Another organisation's record is not there to write to.
    expect((await hall.patch(`/api/v1/commitments/${commitment.id}`, { version: commitment.version, text: '跨组织' })).statusCode).toBe(404);
  });

  it("'GET /api/v1/commitments/measures' lists the catalogue for any signed-in user", async () => {
    const codes = (await head.get('/api/v1/commitments/measures')).json().items.map((m: { code: string }) => m.code);
    expect(codes).toEqual(expect.arrayContaining(['complaint_reply_on_time_rate', 'complaint_count', 'rating_satisfaction_rate', 'rating_rate']));
    expect((await t.anonymous.get('/api/v1/commitments/measures')).statusCode).toBe(401);
  });
});

