import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * The campaign routes as the hospital's unit head (门诊部, H-OPD), as staff and as another
 * organisation's office: plans are the office's, a unit head delivers and sees their own units
 * only, and another organisation's campaign does not exist. See access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-04-02T10:00:00+08:00'));
let t: TestApp;
let office: Session;
let head: Session;
let staff: Session;
let hall: Session;
const ids: Record<string, string> = {};
let c: { id: string; version: number; tasks: { id: string; code: string }[]; units: { unitId: string; version: number }[] };
let imSubmission = '';

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  hall = await t.login('hall-quality-office');
  for (const u of (await office.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  const created = await office.post('/api/v1/campaigns', {
    year: 2026,
    title: '门诊服务月',
    unitIds: [ids['H-OPD-REG'], ids['H-IM']],
    monthlyReports: true,
    phases: [{ code: 'april', label: { zh: '四月', en: 'April' }, timing: { from: { month: 4, part: 'month' }, to: { month: 4, part: 'month' } } }],
    tasks: [{ code: 'photo', label: { zh: '现场照片', en: 'Photo' }, phase: 'april', deliverable: 'upload', due: { month: 4, day: 30 } }],
  });
  expect(created.statusCode, created.body).toBe(201);
  c = created.json();
  await office.patch(`/api/v1/campaigns/${c.id}`, { version: c.version, status: 'active' });
  // A one-pixel PNG, delivered for 内科 by the office.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const sub = await office.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: c.tasks[0].id, unitId: ids['H-IM'], file: { name: 'photo.png', contentBase64: png } });
  expect(sub.statusCode, sub.body).toBe(201);
  imSubmission = sub.json().id;
});
afterAll(async () => t?.close());

async function expectRefused(res: { statusCode: number; body: string; json(): any }) {
  expect([403, 404], res.body).toContain(res.statusCode);
  expect(['forbidden', 'out_of_scope', 'not_found']).toContain(res.json().error.code);
}

describe('campaign routes', () => {
  it("'GET /api/v1/campaign-templates' and 'GET /api/v1/campaigns' are read by anyone of the organisation; another organisation lists none of ours", async () => {
    expect((await staff.get('/api/v1/campaign-templates')).statusCode).toBe(200);
    expect((await staff.get('/api/v1/campaigns')).json().items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await hall.get('/api/v1/campaigns')).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });

  it("'POST /api/v1/campaigns' and 'PATCH /api/v1/campaigns/:id' are the office's", async () => {
    await expectRefused(await head.post('/api/v1/campaigns', { templateCode: 'fumin', year: 2026, unitIds: [ids['H-OPD-REG']] }));
    await expectRefused(await head.patch(`/api/v1/campaigns/${c.id}`, { version: c.version + 1, published: true }));
    await expectRefused(await hall.patch(`/api/v1/campaigns/${c.id}`, { version: c.version + 1, published: true }));
  });

  it("'GET /api/v1/campaigns/:id', 'GET /api/v1/campaigns/:id/progress' and 'GET /api/v1/campaigns/:id/phases' show a unit head their units only; another organisation gets a 404", async () => {
    expect((await head.get(`/api/v1/campaigns/${c.id}`)).json().units.map((u: { unitId: string }) => u.unitId)).toEqual([ids['H-OPD-REG']]);
    expect((await head.get(`/api/v1/campaigns/${c.id}/progress`)).json().units.map((u: { unitId: string }) => u.unitId)).toEqual([ids['H-OPD-REG']]);
    expect((await head.get(`/api/v1/campaigns/${c.id}/phases`)).statusCode).toBe(200);
    for (const path of ['', '/progress', '/phases']) await expectRefused(await hall.get(`/api/v1/campaigns/${c.id}${path}`));
  });

  it("'POST /api/v1/campaigns/:id/submissions' and 'POST /api/v1/campaigns/:id/reports' take a unit head's own units only, never staff's", async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await expectRefused(await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: c.tasks[0].id, unitId: ids['H-IM'], file: { name: 'x.png', contentBase64: png } }));
    await expectRefused(await staff.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: c.tasks[0].id, unitId: ids['H-OPD-REG'], file: { name: 'x.png', contentBase64: png } }));
    await expectRefused(await head.post(`/api/v1/campaigns/${c.id}/reports`, { unitId: ids['H-IM'], kind: 'monthly', period: '2026-04', text: '越权' }));
    await expectRefused(await hall.post(`/api/v1/campaigns/${c.id}/reports`, { unitId: ids['H-OPD-REG'], kind: 'monthly', period: '2026-04', text: '越权' }));
    const own = await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: c.tasks[0].id, unitId: ids['H-OPD-REG'], file: { name: 'x.png', contentBase64: png } });
    expect(own.statusCode, own.body).toBe(201);
  });

  it("'GET /api/v1/campaigns/:id/submissions/:submissionId/file' gives the bytes to the office, not to another unit's head", async () => {
    const file = await office.get(`/api/v1/campaigns/${c.id}/submissions/${imSubmission}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('image/png');
    await expectRefused(await head.get(`/api/v1/campaigns/${c.id}/submissions/${imSubmission}/file`));
  });

  it("'PATCH /api/v1/campaigns/:id/units/:unitId' (the accountable leader) is the office's", async () => {
    await expectRefused(await head.patch(`/api/v1/campaigns/${c.id}/units/${ids['H-OPD-REG']}`, { version: 1, leaderStaffId: null }));
    await expectRefused(await hall.patch(`/api/v1/campaigns/${c.id}/units/${ids['H-OPD-REG']}`, { version: 1, leaderStaffId: null }));
  });

  it("'POST /api/v1/campaigns/:id/acceptance' is the office's", async () => {
    await expectRefused(await head.post(`/api/v1/campaigns/${c.id}/acceptance`, { unitId: ids['H-OPD-REG'], version: 1, result: 'pass' }));
    await expectRefused(await hall.post(`/api/v1/campaigns/${c.id}/acceptance`, { unitId: ids['H-OPD-REG'], version: 1, result: 'pass' }));
  });
});
