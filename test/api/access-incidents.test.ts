import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';

/**
 * Incident-file routes (差错事故档案) as the hospital unit head (门诊部, H-OPD), aimed at an incident
 * of another unit (内科, H-IM): 403, or for lists only the head's subtree. Only the quality office
 * decides, so verify and reject are 403 even for the head's own unit. See access.test.ts for the
 * coverage rule.
 */
let t: TestApp;
let head: Session;
let quality: Session;
const ids: Record<string, string> = {};
let im: { id: string; version: number };
let own: { id: string; version: number };

const body = (staffId: string) => ({ kind: 'concealed_error', staffId, occurredAt: '2026-01-05', summary: '差错隐瞒不报', details: {} });

beforeAll(async () => {
  t = await createTestApp();
  head = await t.login('hosp-unit-head');
  quality = await t.login('hosp-quality-office');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await quality.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  im = (await quality.post('/api/v1/incidents', body(ids.H1007))).json();
  own = (await quality.post('/api/v1/incidents', body(ids.H1003))).json();
});
afterAll(async () => t?.close());

async function expect403(res: { statusCode: number; body: string; json(): any }) {
  expect(res.statusCode, res.body).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

describe('unit-head access on incident routes', () => {
  it("'POST /api/v1/incidents' is 403 for a person or unit of another unit; nothing is stored", async () => {
    const before = (await quality.get('/api/v1/incidents')).json().total;
    await expect403(await head.post('/api/v1/incidents', body(ids.H1007)));
    await expect403(await head.post('/api/v1/incidents', { ...body(ids.H1003), staffId: undefined, unitId: ids['H-IM-W1'] }));
    expect((await quality.get('/api/v1/incidents')).json().total).toBe(before);
  });

  it("'GET /api/v1/incidents' lists the head's subtree only; 'GET /api/v1/incidents/:id' is 403 for another unit's", async () => {
    const listed = (await head.get('/api/v1/incidents?pageSize=100')).json().items.map((i: { id: string }) => i.id);
    expect(listed).toContain(own.id);
    expect(listed).not.toContain(im.id);
    await expect403(await head.get(`/api/v1/incidents/${im.id}`));
  });

  it("'GET /api/v1/units/:id/incidents' is 403 for another unit", async () => {
    await expect403(await head.get(`/api/v1/units/${ids['H-IM']}/incidents`));
    expect((await head.get(`/api/v1/units/${ids['H-OPD']}/incidents`)).json().items.map((i: { id: string }) => i.id)).toContain(own.id);
  });

  it("'POST /api/v1/incidents/:id/verify' and 'POST /api/v1/incidents/:id/reject' are the office's: 403, and nothing changes", async () => {
    for (const i of [im, own]) {
      await expect403(await head.post(`/api/v1/incidents/${i.id}/verify`, { version: i.version }));
      await expect403(await head.post(`/api/v1/incidents/${i.id}/reject`, { version: i.version, reason: '越权' }));
      expect((await quality.get(`/api/v1/incidents/${i.id}`)).json()).toMatchObject({ state: 'reported', version: i.version });
    }
  });

  it("'GET /api/v1/incident-kinds' is the catalogue, the same for everyone", async () => {
    expect((await head.get('/api/v1/incident-kinds')).json().items.find((k: { code: string }) => k.code === 'red_envelope')).toMatchObject({ amount: 'required', source: expect.stringContaining('001:L207, L449') });
  });
});
