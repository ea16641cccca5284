/**
 * The sanctions sweep keeps the facts it cannot price yet (issue 15): a rule whose amount is a
 * placeholder the organisation has not set (003:L434 "考核支行长", no amount given) refuses with
 * policy_value_missing; the fact waits — listed for the office, in the sweep's answer — and every
 * sweep tries it again, so it is proposed, exactly once per (source, rule, target), by the first
 * sweep after the value is set, also when two sweeps run at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createStaff } from '../../src/modules/staff/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { recordIncident } from '../../src/modules/incidents/service.js';
import { systemActor } from '../../src/shared/access.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-03-02T10:00:00'));
const rule = 'psbc.fixed_items_unreported';
let t: TestApp;
let admin: Session;
let office: Session;
let staffUser: Session;
let orgId: string;
const s: Record<string, string> = {};
const u: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  const org = await createOrganisation(t.ctx, { code: 'test-bank-unpriced', name: '测试银行', sector: 'bank' });
  orgId = org.id;
  const sys = systemActor(org.id, 'test');
  const root = await createUnit(t.ctx, sys, { code: 'BANK', name: '市分行', kind: 'organisation' });
  u.D1 = (await createUnit(t.ctx, sys, { code: 'D1', name: '营业部', kind: 'department', parentId: root.id })).id;
  for (const n of [1, 2]) s[`S${n}`] = (await createStaff(t.ctx, sys, { badgeNo: `S${n}`, name: `员工${n}`, unitIds: [u.D1] })).id;
  await createUser(t.ctx, sys, { username: 'unpriced-admin', password: testPassword, role: 'admin' });
  await createUser(t.ctx, sys, { username: 'unpriced-office', password: testPassword, role: 'quality_office' });
  await createUser(t.ctx, sys, { username: 'unpriced-staff', password: testPassword, role: 'staff', staffId: s.S1, unitId: u.D1 });
  admin = await t.login('unpriced-admin');
  office = await t.login('unpriced-office');
  staffUser = await t.login('unpriced-staff');
  // The organisation maps a verified complaint to the rule whose amount the source leaves out.
  const policy = (await admin.get('/api/v1/policy')).json();
  const decision = { zh: '本行决定：经核实的投诉同时考核支行长', en: 'Our decision: a verified complaint also charges the sub-branch head' };
  const put = await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides: { sanctions: { proposals: [{ fact: 'verified_complaint', rule, decision }] } } });
  expect(put.statusCode, put.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

async function complaint(staffId: string, sourceId: string) {
  await t.ctx.db.kysely.transaction().execute((trx) =>
    recordIncident(t.ctx, trx, systemActor(orgId, 'complaints'), { orgId, staffId, unitId: null, sourceType: 'complaint', sourceId, kind: 'verified_complaint', verdict: 'substantiated', summary: '客户投诉：柜面摆放无关物品', occurredAt: clock.now() - 3_600_000 }),
  );
}

const proposalsOf = (incidentId: string) => t.ctx.db.kysely.selectFrom('sanctions').selectAll().where('source_type', '=', 'incident').where('source_id', '=', incidentId).execute();

describe('facts the sweep cannot price yet', () => {
  let waiting: { source: { type: string; id: string }; rule: string; code: string; missing: string[] }[];

  it('wait, listed with what is missing, instead of being skipped for good; the cursor still moves', async () => {
    await complaint(s.S1, 'c-1');
    clock.set(at('2026-03-02T11:00:00'));
    const r = await office.post('/api/v1/sanctions/sweep');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ proposed: 0, skipped: 1 });
    waiting = r.json().unpriced;
    expect(waiting).toEqual([{ source: { type: 'incident', id: expect.any(String) }, rule, code: 'policy_value_missing', missing: [expect.stringMatching(/^policy\.sanctionRules\..*amountFen$/)] }]);
    expect(await proposalsOf(waiting[0].source.id)).toEqual([]);
    const list = await office.get('/api/v1/sanctions/unpriced');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ ...waiting[0], waitingSince: new Date(at('2026-03-02T11:00:00')).toISOString() }] });
    // A later sweep (the cursor is past the fact) still tries it and still lists it.
    clock.set(at('2026-03-02T12:00:00'));
    const again = (await office.post('/api/v1/sanctions/sweep')).json();
    expect(again).toMatchObject({ proposed: 0, unpriced: waiting });
    expect((await office.get('/api/v1/sanctions/unpriced')).json().items[0].triedAt).toBe(new Date(at('2026-03-02T12:00:00')).toISOString());
  });

  it('only the office and administrators see the waiting list', async () => {
    const res = await staffUser.get('/api/v1/sanctions/unpriced');
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden']);
  });

  it('are proposed exactly once by the first sweeps after the value is set, two at once', async () => {
    await complaint(s.S2, 'c-2');
    const policy = (await admin.get('/api/v1/policy')).json();
    const decision = { zh: '本行决定：每次 500 元', en: 'Our decision: 500 yuan each time' };
    const overrides = { ...policy.overrides, sanctionRules: { psbc: { fixed_items_unreported: { amountFen: { value: 50_000, decision } } } } };
    const put = await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides });
    expect(put.statusCode, put.body).toBe(200);
    clock.set(at('2026-03-02T13:00:00'));
    const [r1, r2] = await Promise.all([office.post('/api/v1/sanctions/sweep'), admin.post('/api/v1/sanctions/sweep')]);
    expect([r1.statusCode, r2.statusCode], r1.body + r2.body).toEqual([200, 200]);
    // The waiting fact and the new one: one proposal each, whichever sweep made it.
    expect(r1.json().proposed + r2.json().proposed).toBe(2);
    expect(r1.json().unpriced).toEqual([]);
    const rows = await proposalsOf(waiting[0].source.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rule_code: rule, status: 'proposed', direction: 'fine' });
    expect(Number(rows[0].amount_fen)).toBe(50_000);
    expect((await office.get('/api/v1/sanctions/unpriced')).json()).toMatchObject({ total: 0, items: [] });
    // Later sweeps propose nothing more.
    clock.set(at('2026-03-02T14:00:00'));
    expect((await office.post('/api/v1/sanctions/sweep')).json()).toMatchObject({ proposed: 0, unpriced: [] });
    expect(await proposalsOf(waiting[0].source.id)).toHaveLength(1);
  });
});
