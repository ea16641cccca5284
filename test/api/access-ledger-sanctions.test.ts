import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

/**
 * The ledger, payroll and sanctions routes as a window clerk (staff) and a unit head of the hospital
 * demo: the office's and the committee's routes are refused, another unit's people are out of reach,
 * and lists hold only what the caller may see. See access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-02T12:00:00+08:00'));
let t: TestApp;
let staff: Session;
let head: Session;
let quality: Session;
const ids: Record<string, string> = {};
const unknown = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await t.login('hosp-staff');
  head = await t.login('hosp-unit-head');
  quality = await t.login('hosp-quality-office');
  for (const u of (await quality.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await quality.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
});
afterAll(async () => t?.close());

async function expectRefused(res: { statusCode: number; body: string; json(): any }) {
  expect([403, 404], res.body).toContain(res.statusCode);
  expect(['forbidden', 'out_of_scope', 'not_found']).toContain(res.json().error.code);
}

describe('ledger and payroll routes', () => {
  it("'GET /api/v1/ledger' and 'GET /api/v1/staff/:id/statement': a unit head cannot read another unit's people", async () => {
    await expectRefused(await head.get(`/api/v1/ledger?unitId=${ids['H-IM']}&month=2026-11`));
    await expectRefused(await head.get(`/api/v1/staff/${ids.H1007}/statement?year=2026`));
    await expectRefused(await staff.get(`/api/v1/staff/${ids.H1007}/statement?year=2026`));
  });

  it("'GET /api/v1/payroll/months', 'POST /api/v1/payroll/:month/close', 'GET /api/v1/payroll/:month.xlsx' are the office's", async () => {
    for (const s of [staff, head]) {
      await expectRefused(await s.get('/api/v1/payroll/months'));
      await expectRefused(await s.post('/api/v1/payroll/2026-10/close'));
      await expectRefused(await s.get('/api/v1/payroll/2026-10.xlsx'));
    }
    expect((await quality.get('/api/v1/payroll/months')).statusCode).toBe(200);
  });

  it("'GET /api/v1/bulletins/:month.pdf' is refused to window staff", async () => {
    await expectRefused(await staff.get('/api/v1/bulletins/2026-10.pdf?kind=praise'));
  });
});

describe('sanctions routes', () => {
  it("'POST /api/v1/sanctions', 'POST /api/v1/sanctions/stage-targets', 'POST /api/v1/sanctions/bands', 'POST /api/v1/sanctions/sweep' are refused to window staff", async () => {
    await expectRefused(await staff.post('/api/v1/sanctions', { rule: 'taixing.star', facts: {}, unitId: ids['H-OPD'], staffId: ids.H1003 }));
    await expectRefused(await staff.post('/api/v1/sanctions/stage-targets', { unitId: ids['H-OPD'], year: 2026, stage: 1, score: 80 }));
    await expectRefused(await staff.post('/api/v1/sanctions/bands', { quarter: '2026-Q3' }));
    await expectRefused(await staff.post('/api/v1/sanctions/sweep'));
    // A unit head proposes nothing for another unit's people.
    await expectRefused(await head.post('/api/v1/sanctions', { rule: 'taixing.star', facts: {}, unitId: ids['H-IM'], staffId: ids.H1007 }));
  });

  it("'GET /api/v1/sanctions/unpriced' (facts waiting for a policy value) is the office's", async () => {
    for (const s of [staff, head]) await expectRefused(await s.get('/api/v1/sanctions/unpriced'));
    const own = await quality.get('/api/v1/sanctions/unpriced');
    expect(own.statusCode, own.body).toBe(200);
  });

  it("'GET /api/v1/sanctions' lists nothing of others to window staff; 'GET /api/v1/sanctions/:id' and 'PATCH /api/v1/sanctions/:id' refuse what they cannot see", async () => {
    const listed = await staff.get('/api/v1/sanctions');
    expect(listed.statusCode, listed.body).toBe(200);
    const own = listed.json().items as { staffId: string | null }[];
    const me = (await staff.get('/api/v1/auth/me')).json();
    expect(own.every((s) => s.staffId === me.staffId)).toBe(true);
    await expectRefused(await staff.get(`/api/v1/sanctions/${unknown}`));
    await expectRefused(await staff.patch(`/api/v1/sanctions/${unknown}`, { version: 1, facts: {} }));
  });

  it("'POST /api/v1/sanctions/:id/review', 'POST /api/v1/sanctions/:id/approve', 'POST /api/v1/sanctions/:id/decide', 'POST /api/v1/sanctions/:id/appeal', 'POST /api/v1/sanctions/:id/appeal-decision' refuse what the caller cannot see", async () => {
    const bodies: Record<string, Record<string, unknown>> = {
      review: { version: 1, accept: true },
      approve: { version: 1 },
      decide: { version: 1 },
      appeal: { version: 1, reason: '越权申诉' },
      'appeal-decision': { version: 1, outcome: 'uphold', reason: '越权' },
    };
    for (const [action, body] of Object.entries(bodies)) await expectRefused(await staff.post(`/api/v1/sanctions/${unknown}/${action}`, body));
  });
});
