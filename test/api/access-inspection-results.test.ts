import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * The results and band routes as the hospital unit head (门诊部, H-OPD): results of their subtree
 * only, never of 内科 (H-IM); closing rounds and the annual bands are the office's. See
 * access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let head: Session;
let quality: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  head = await t.login('hosp-unit-head');
  quality = await t.login('hosp-quality-office');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  const created = await quality.post('/api/v1/inspections', { templateCode: 'hospital-scorecard', unitId: ids['H-IM'], kind: 'scheduled', performedAt: '2026-11-02T10:00:00+08:00', results: [{ item: 'fees', cases: 1 }] });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(async () => t?.close());

async function expect403(res: { statusCode: number; body: string; json(): any }) {
  expect(res.statusCode, res.body).toBe(403);
  expect(['forbidden', 'out_of_scope']).toContain(res.json().error.code);
}

describe('unit-head access on the results and band routes', () => {
  it("'GET /api/v1/inspection-results' shows the subtree only and is 403 for another unit", async () => {
    const own = (await head.get('/api/v1/inspection-results?from=2026-11&to=2026-11')).json();
    expect(own.units).toEqual([]);
    expect(own.topFindings).toEqual([]);
    expect((await quality.get('/api/v1/inspection-results?from=2026-11&to=2026-11')).json().units).toHaveLength(1);
    await expect403(await head.get(`/api/v1/inspection-results?from=2026-11&to=2026-11&unitId=${ids['H-IM']}`));
  });

  it("'GET /api/v1/exports/inspection-results.xlsx' is 403 for another unit", async () => {
    await expect403(await head.get(`/api/v1/exports/inspection-results.xlsx?from=2026-11&to=2026-11&unitId=${ids['H-IM']}`));
  });

  it("'POST /api/v1/inspection-bands/close' and 'GET /api/v1/inspection-bands/annual' are the office's", async () => {
    await expect403(await head.post('/api/v1/inspection-bands/close?quarter=2026-Q3'));
    await expect403(await head.get('/api/v1/inspection-bands/annual?year=2026'));
  });
});
