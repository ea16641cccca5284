/**
 * Quarterly plans and bands over HTTP (RULES §4; 003:L297–298, L304–305, L341, L343) for a bank:
 * two 一级支行 and twenty outlets. A plan covering 55 % of the outlets is refused; an outlet that
 * scored 84 last quarter is in the generated plan, one at 85 need not be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { systemActor } from '../../src/shared/access.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createUser } from '../../src/modules/users/service.js';

const clock = fakeClock(Date.parse('2026-12-01T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
const units: Record<string, string> = {};

/** A 100-point checklist where failing b loses 15 and c 1: 85 and 84 are both reachable. */
const outletCheck = {
  code: 'outlet-check',
  label: { zh: '网点检查', en: 'Outlet check' },
  mode: 'earn',
  fullMark: 100,
  sections: [
    {
      code: 'main',
      label: { zh: '检查', en: 'Check' },
      items: [
        { code: 'a', label: { zh: '甲', en: 'A' }, points: 84, per: 'failure' },
        { code: 'b', label: { zh: '乙', en: 'B' }, points: 15, per: 'failure' },
        { code: 'c', label: { zh: '丙', en: 'C' }, points: 1, per: 'failure' },
      ],
    },
  ],
};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  const org = await createOrganisation(t.ctx, { code: 'test-bank', name: '测试银行营业部', sector: 'bank' });
  const sys = systemActor(org.id, 'test');
  const root = await createUnit(t.ctx, sys, { code: 'BANK', name: '营业部', kind: 'organisation' });
  for (const b of [1, 2]) {
    const branch = await createUnit(t.ctx, sys, { code: `B${b}`, name: `第${b}支行`, kind: 'branch', parentId: root.id });
    units[`B${b}`] = branch.id;
    for (let o = 1; o <= 10; o++) units[`B${b}-O${o}`] = (await createUnit(t.ctx, sys, { code: `B${b}-O${o}`, name: `第${b}支行${o}号网点`, kind: 'outlet', parentId: branch.id })).id;
  }
  await createUser(t.ctx, sys, { username: 'bank-admin', password: testPassword, role: 'admin' });
  admin = await t.login('bank-admin');
  const saved = await admin.put('/api/v1/inspection-templates/outlet-check', { version: 0, template: outletCheck });
  expect(saved.statusCode, saved.body).toBe(200);
  // Last quarter (2026-Q3): B1-O1 scored 84, B1-O2 85.
  for (const [unit, results] of [['B1-O1', [{ item: 'b', pass: false }, { item: 'c', pass: false }]], ['B1-O2', [{ item: 'b', pass: false }]]] as const) {
    const res = await admin.post('/api/v1/inspections', { templateCode: 'outlet-check', unitId: units[unit], kind: 'mystery_shopper', performedAt: '2026-08-20T10:00:00+08:00', results });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('quarterly plan (003:L298)', () => {
  it('generates every 一级支行, ⌈60 %⌉ of outlets, the outlet at 84 (not the one at 85) and 2 video checks', async () => {
    const res = await admin.get('/api/v1/inspection-plans/generate?quarter=2026-Q4');
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.required).toMatchObject({ branches: 2, outlets: 20, outletsRequired: 12, videoChecks: 2 });
    const byId = new Map(plan.units.map((u: { unitId: string }) => [u.unitId, u]));
    expect(byId.get(units.B1)).toMatchObject({ reasons: ['branch'] });
    expect(byId.get(units['B1-O1'])).toMatchObject({ lastScore: 84, lastMaxScore: 100 });
    expect((byId.get(units['B1-O1']) as { reasons: string[] }).reasons).toContain('recheck');
    expect(((byId.get(units['B1-O2']) as { reasons: string[] } | undefined)?.reasons ?? [])).not.toContain('recheck');
    expect(plan.units.filter((u: { kind: string }) => u.kind === 'outlet')).toHaveLength(12);
    expect(plan.units.filter((u: { video: boolean }) => u.video)).toHaveLength(2);
    // Outlets never inspected this year are flagged (100 % within the year).
    expect(byId.get(units['B2-O10'])).toMatchObject({ notInspectedThisYear: true });
  });

  it('refuses a plan covering 55 % of the outlets with 409 plan_insufficient and the reasons', async () => {
    const outlets = Object.keys(units).filter((k) => k.includes('-O') && k !== 'B1-O1');
    const chosen = ['B1-O1', ...outlets.slice(0, 10)]; // 11 of 20 = 55 %
    const res = await admin.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: [{ unitId: units.B1 }, { unitId: units.B2 }, ...chosen.map((k, i) => ({ unitId: units[k], video: i < 2 }))] });
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('plan_insufficient');
    expect(err.details).toEqual([expect.objectContaining({ code: 'outlets_below_share', required: 12, planned: 11, messages: expect.objectContaining({ zh: expect.stringContaining('12') }) })]);
    expect((await admin.get('/api/v1/inspection-plans?quarter=2026-Q4')).statusCode).toBe(404);
  });

  it('refuses a plan that leaves out the outlet at 84, and stores the generated one', async () => {
    const generated = (await admin.get('/api/v1/inspection-plans/generate?quarter=2026-Q4')).json();
    const planned = generated.units.map((u: { unitId: string; video: boolean }) => ({ unitId: u.unitId, video: u.video }));
    const without = planned.filter((u: { unitId: string }) => u.unitId !== units['B1-O1']).concat([{ unitId: units['B2-O10'] }]);
    const refused = await admin.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: without.filter((u: { unitId: string }, i: number, all: { unitId: string }[]) => all.findIndex((x) => x.unitId === u.unitId) === i) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.map((d: { code: string }) => d.code)).toContain('rechecks_missing');
    const stored = await admin.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: planned });
    expect(stored.statusCode, stored.body).toBe(201);
    expect((await admin.get('/api/v1/inspection-plans?quarter=2026-Q4')).json().units).toHaveLength(planned.length);
    expect((await admin.post('/api/v1/inspection-plans', { quarter: '2026-Q4', units: planned })).statusCode).toBe(409);
  });

  it('a sector without a coverage rule answers 409 no_coverage_rule; a bad quarter is a 400', async () => {
    const hosp = await t.login('hosp-admin');
    expect((await hosp.get('/api/v1/inspection-plans/generate?quarter=2026-Q4')).json().error.code).toBe('no_coverage_rule');
    expect((await admin.get('/api/v1/inspection-plans/generate?quarter=2026-Q5')).statusCode).toBe(400);
    expect((await (await t.login('hosp-inspector')).get('/api/v1/inspection-plans/generate?quarter=2026-Q4')).statusCode).toBe(403);
  });
});

describe('bands of a round (003:L341, L343)', () => {
  it('ranks the quarter: 84 docked, 85 neither, ≥ 90 in the top 5 rewarded', async () => {
    await admin.post('/api/v1/inspections', { templateCode: 'outlet-check', unitId: units['B2-O1'], kind: 'unannounced', performedAt: '2026-08-21T10:00:00+08:00', results: [{ item: 'c', pass: false }] });
    await admin.post('/api/v1/inspections', { templateCode: 'outlet-check', unitId: units['B2-O2'], kind: 'unannounced', performedAt: '2026-08-22T10:00:00+08:00', results: [{ item: 'a', pass: false }] });
    const res = await admin.get('/api/v1/inspection-bands?quarter=2026-Q3');
    expect(res.statusCode, res.body).toBe(200);
    const byUnit = Object.fromEntries(res.json().items.map((i: { unitId: string }) => [i.unitId, i]));
    expect(byUnit[units['B2-O1']]).toMatchObject({ score: 99, rank: 1, band: 'reward' });
    expect(byUnit[units['B1-O2']]).toMatchObject({ score: 85, band: null });
    expect(byUnit[units['B1-O1']]).toMatchObject({ score: 84, band: 'docked' });
    expect(byUnit[units['B2-O2']]).toMatchObject({ score: 16, band: 'docked_more' });
    // 排名后三名一级支行 (003:L298), by their outlets' average: B2 (99, 16) then B1 (84, 85).
    expect(res.json().bottomBranches).toEqual([
      { unitId: units.B2, code: 'B2', name: '第2支行', average: 57.5, outlets: 2 },
      { unitId: units.B1, code: 'B1', name: '第1支行', average: 84.5, outlets: 2 },
    ]);
  });
});

describe('veto (一票否决, 001:L869)', () => {
  it('a founded complaint vetoes the mystery-shopper check: the score stands, flagged; the finding is a veto', async () => {
    const res = await admin.post('/api/v1/inspections', { templateCode: 'bank-mystery-shopper', unitId: units['B1-O3'], kind: 'mystery_shopper', performedAt: '2026-11-20T10:00:00+08:00', results: [{ item: 'founded_complaint', pass: false, note: '客户有责投诉' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ score: 100, maxScore: 100, vetoed: true });
    expect(res.json().findings).toEqual([expect.objectContaining({ item: 'founded_complaint', veto: true, deduction: 0 })]);
    const vetoed = (await admin.get('/api/v1/inspections?vetoed=true')).json();
    expect(vetoed.items.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
  });
});
