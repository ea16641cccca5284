import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * Inspection routes as the hospital unit head (门诊部, H-OPD): inspections of their subtree only
 * (self-inspection), never of 内科 (H-IM); templates readable, editable by the office only; plans,
 * bands and exports as the office's. See access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let head: Session;
let quality: Session;
const ids: Record<string, string> = {};
let other: { id: string };

const inspection = (unitId: string) => ({ templateCode: 'hospital-scorecard', unitId, kind: 'self_inspection', performedAt: '2026-11-02T10:00:00+08:00', results: [{ item: 'fees', cases: 1 }] });

beforeAll(async () => {
  t = await createTestApp({ clock });
  head = await t.login('hosp-unit-head');
  quality = await t.login('hosp-quality-office');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  const created = await quality.post('/api/v1/inspections', inspection(ids['H-IM']));
  expect(created.statusCode, created.body).toBe(201);
  other = created.json();
});
afterAll(async () => t?.close());

async function expect403(res: { statusCode: number; body: string; json(): any }) {
  expect(res.statusCode, res.body).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

const total = async () => (await quality.get('/api/v1/inspections?pageSize=1')).json().total;

describe('unit-head access on inspection routes', () => {
  it("'POST /api/v1/inspections' and 'POST /api/v1/inspections/preview' are 403 outside the subtree; nothing is stored", async () => {
    await expect403(await head.post('/api/v1/inspections', inspection(ids['H-IM'])));
    await expect403(await head.post('/api/v1/inspections/preview', inspection(ids['H-IM'])));
    expect(await total()).toBe(1);
    expect((await head.post('/api/v1/inspections/preview', inspection(ids['H-OPD-REG']))).statusCode).toBe(200);
  });

  it("'GET /api/v1/inspections' lists the subtree only; 'GET /api/v1/inspections/:id' of another unit is 403", async () => {
    expect((await head.get('/api/v1/inspections')).json().total).toBe(0);
    await expect403(await head.get(`/api/v1/inspections?unitId=${ids['H-IM']}`));
    await expect403(await head.get(`/api/v1/inspections/${other.id}`));
  });

  it("'GET /api/v1/inspection-templates' and 'GET /api/v1/inspection-templates/:code' are readable; 'PUT /api/v1/inspection-templates/:code' is 403", async () => {
    expect((await head.get('/api/v1/inspection-templates')).json().items.length).toBe(2);
    const current = (await head.get('/api/v1/inspection-templates/hospital-scorecard')).json();
    const { version, origin, ...template } = current;
    void origin;
    await expect403(await head.put('/api/v1/inspection-templates/hospital-scorecard', { version, template }));
    expect((await quality.get('/api/v1/inspection-templates/hospital-scorecard')).json().version).toBe(1);
  });

  it("'GET /api/v1/inspection-plans/generate', 'GET /api/v1/inspection-plans', 'POST /api/v1/inspection-plans' and 'GET /api/v1/inspection-bands' are the office's", async () => {
    await expect403(await head.get('/api/v1/inspection-plans/generate?quarter=2026-Q4'));
    await expect403(await head.get('/api/v1/inspection-plans?quarter=2026-Q4'));
    await expect403(await head.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: [] }));
    await expect403(await head.get('/api/v1/inspection-bands?quarter=2026-Q4'));
  });

  it("'GET /api/v1/exports/inspections.xlsx' and 'GET /api/v1/exports/inspection-findings.xlsx' are 403 for another unit", async () => {
    await expect403(await head.get(`/api/v1/exports/inspections.xlsx?from=2026-11-01&to=2026-11-30&unitId=${ids['H-IM']}`));
    await expect403(await head.get(`/api/v1/exports/inspection-findings.xlsx?from=2026-11-01&to=2026-11-30&unitId=${ids['H-IM']}`));
  });

  it("'GET /api/v1/inspection-coverage/management' and 'GET /api/v1/inspection-coverage/cctv' are the managers' (the hospital's pack sets neither rule: 409)", async () => {
    // Scope within a pack that has the rules: test/api/inspection-coverage.test.ts (the hall's unit head sees their windows).
    expect((await head.get('/api/v1/inspection-coverage/management?month=2026-11')).json().error.code).toBe('no_management_check_rule');
    expect((await head.get('/api/v1/inspection-coverage/cctv?month=2026-11')).json().error.code).toBe('no_cctv_rule');
    await expect403(await (await t.login('hosp-inspector')).get('/api/v1/inspection-coverage/management?month=2026-11'));
  });

  it("'POST /api/v1/inspection-assignments', 'PATCH /api/v1/inspection-assignments/:id' and 'GET /api/v1/inspection-assignments/assignees' are the office's; 'GET /api/v1/inspection-assignments/:id' of another unit is 403; 'GET /api/v1/inspection-assignments' and 'GET /api/v1/me/inspection-assignments' list the subtree or their own", async () => {
    const plan = (await quality.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: [{ unitId: ids['H-IM'] }] })).json();
    const inspectorId = (await quality.get('/api/v1/inspection-assignments/assignees')).json().items.find((u: { username: string }) => u.username === 'hosp-inspector').id;
    const created = await quality.post('/api/v1/inspection-assignments', { planId: plan.id, unitId: ids['H-IM'], assigneeId: inspectorId, dueDate: '2026-11-20' });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    await expect403(await head.post('/api/v1/inspection-assignments', { planId: plan.id, unitId: ids['H-IM'], assigneeId: inspectorId, dueDate: '2026-11-20' }));
    await expect403(await head.patch(`/api/v1/inspection-assignments/${a.id}`, { version: 1, dueDate: '2026-11-21' }));
    await expect403(await head.get('/api/v1/inspection-assignments/assignees'));
    await expect403(await head.get(`/api/v1/inspection-assignments/${a.id}`));
    expect((await head.get('/api/v1/inspection-assignments')).json().total).toBe(0);
    expect((await head.get('/api/v1/me/inspection-assignments')).json().total).toBe(0);
    expect((await quality.get('/api/v1/inspection-assignments')).json().total).toBe(1);
  });
});
