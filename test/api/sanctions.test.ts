/**
 * Sanctions over HTTP (奖惩, RULES §5; issue 15 items 4–6): the acceptance amounts, one proposal
 * per fact, the office's review, tiered approval and the committee's decision, the appeal window
 * counted in working days with 调休, nothing in the ledger while an appeal is pending, the payroll
 * month after the month a sanction became final, and scope per role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createStaff } from '../../src/modules/staff/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { systemActor } from '../../src/shared/access.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-03-02T10:00:00'));
let t: TestApp;
let admin: Session;
let office: Session;
let person: Session;
let other: Session;
let branchHead: Session;
const u: Record<string, string> = {};
const s: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  const org = await createOrganisation(t.ctx, { code: 'test-bank', name: '测试银行', sector: 'bank' });
  const sys = systemActor(org.id, 'test');
  const root = await createUnit(t.ctx, sys, { code: 'BANK', name: '市分行', kind: 'organisation' });
  u.D1 = (await createUnit(t.ctx, sys, { code: 'D1', name: '营业部', kind: 'department', parentId: root.id })).id;
  u.B1 = (await createUnit(t.ctx, sys, { code: 'B1', name: '第一支行', kind: 'branch', parentId: root.id })).id;
  u.O1 = (await createUnit(t.ctx, sys, { code: 'O1', name: '第一网点', kind: 'outlet', parentId: u.B1 })).id;
  for (const n of [1, 2, 3, 4, 5]) s[`S${n}`] = (await createStaff(t.ctx, sys, { badgeNo: `S${n}`, name: `员工${n}`, unitIds: [u.D1] })).id;
  s.P1 = (await createStaff(t.ctx, sys, { badgeNo: 'P1', name: '网点员工', unitIds: [u.O1] })).id;
  await createUser(t.ctx, sys, { username: 'bank-admin', password: testPassword, role: 'admin' });
  await createUser(t.ctx, sys, { username: 'bank-office', password: testPassword, role: 'quality_office' });
  await createUser(t.ctx, sys, { username: 'bank-person', password: testPassword, role: 'staff', staffId: s.S1, unitId: u.D1 });
  await createUser(t.ctx, sys, { username: 'bank-other', password: testPassword, role: 'staff', staffId: s.S2, unitId: u.D1 });
  await createUser(t.ctx, sys, { username: 'bank-branch-head', password: testPassword, role: 'unit_head', unitId: u.B1 });
  admin = await t.login('bank-admin');
  office = await t.login('bank-office');
  person = await t.login('bank-person');
  other = await t.login('bank-other');
  branchHead = await t.login('bank-branch-head');
}, 120_000);
afterAll(async () => t?.close());

async function ledgerOf(sanctionId: string) {
  return t.ctx.db.kysely.selectFrom('ledger_entries').selectAll().where('sanction_id', '=', sanctionId).execute();
}

/** Proposes a valid complaint against S1 (head office) and takes it to the notice. */
async function noticed(amountFen: number, when: string) {
  clock.set(at(when));
  const p = await office.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen, serious: false }, unitId: u.D1, staffId: s.S1 });
  expect(p.statusCode, p.body).toBe(201);
  let row = p.json().created[0];
  for (const [who, step, body] of [[office, 'review', { accept: true }], [office, 'approve', {}], [admin, 'decide', {}]] as const) {
    const r = await who.post(`/api/v1/sanctions/${row.id}/${step}`, { version: row.version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    row = r.json();
  }
  expect(row.status).toBe('noticed');
  return row as { id: string; version: number; appealDueDate: string; amountFen: number };
}

describe('amounts (acceptance)', () => {
  it('PSBC stage 1, target 92, score 89 → 1000 + 3 × 200 = 1,600 元; at 92 nothing', async () => {
    // 003:L418–428 stage target: 1000 + (target − score) × 200
    const r = await office.post('/api/v1/sanctions/stage-targets', { unitId: u.O1, year: 2026, stage: 1, score: 89 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().created).toHaveLength(1);
    expect(r.json().created[0]).toMatchObject({ amountFen: 160_000, direction: 'fine', rule: { code: 'psbc.stage_target' }, committee: 'sub_organisation' });
    const at92 = await office.post('/api/v1/sanctions/stage-targets', { unitId: u.O1, year: 2026, stage: 2, score: 95 });
    expect(at92.statusCode, at92.body).toBe(200);
    expect(at92.json().created).toEqual([]);
  });

  it('loud noise with 4 present → 100 元 each, 400 元 in all', async () => {
    // 004:L177 第九条: 100 元 to every employee present
    const r = await office.post('/api/v1/sanctions', { rule: 'feixian.loud_noise', facts: { present: 4 }, unitId: u.D1, staffIds: [s.S1, s.S2, s.S3, s.S4] });
    expect(r.statusCode, r.body).toBe(201);
    const rows = r.json().created as { amountFen: number; target: { staffId: string } }[];
    expect(rows.map((x) => x.amountFen)).toEqual([10_000, 10_000, 10_000, 10_000]);
    expect(new Set(rows.map((x) => x.target.staffId))).toEqual(new Set([s.S1, s.S2, s.S3, s.S4]));
    expect(r.json().evaluation.totalFen).toBe(40_000);
  });

  it('a serious valid complaint lies in 500–1,000 元: 400 is refused naming the fact, 800 is taken', async () => {
    // 004:L177 第十七条: 情节严重 500–1000 元
    const bad = await office.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen: 40_000, serious: true }, unitId: u.D1, staffId: s.S5 });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe('amount_out_of_range');
    expect(JSON.stringify(bad.json().error.details)).toContain('body.facts.amountFen');
    const ok = await office.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen: 80_000, serious: true }, unitId: u.D1, staffId: s.S5 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().created[0]).toMatchObject({ amountFen: 80_000, range: { minFen: 50_000, maxFen: 100_000 } });
  });
});

describe('a fact proposes once', () => {
  it('the same stage result twice, and twice at once, stores one proposal', async () => {
    const s1 = { unitId: u.O1, year: 2025, stage: 1, score: 90 };
    const [x, y] = await Promise.all([office.post('/api/v1/sanctions/stage-targets', s1), office.post('/api/v1/sanctions/stage-targets', s1)]);
    expect([x.json().created.length + y.json().created.length, x.json().existing.length + y.json().existing.length]).toEqual([1, 1]);
    const again = await office.post('/api/v1/sanctions/stage-targets', s1);
    expect(again.json().created).toEqual([]);
    expect(again.json().existing).toHaveLength(1);
  });
});

describe('approval, appeal and the ledger', () => {
  it('appeal on the last working day (a 调休 Saturday in the window) is accepted; pending → nothing in the ledger; reduced → the reduced amount', async () => {
    // RULES §5: 5 working days from the notice; 2026-10-10 (Sat) is a make-up working day (调休)
    const row = await noticed(30_000, '2026-10-08T10:00:00');
    expect(row.appealDueDate).toBe('2026-10-14');
    clock.set(at('2026-10-14T22:00:00'));
    const appeal = await person.post(`/api/v1/sanctions/${row.id}/appeal`, { version: row.version, reason: '当时系统故障，并非服务态度问题' });
    expect(appeal.statusCode, appeal.body).toBe(200);
    expect(appeal.json().status).toBe('appealed');
    // The sweep passes the closed window: an appeal is pending, nothing is posted.
    clock.set(at('2026-10-20T10:00:00'));
    await admin.post('/api/v1/sanctions/sweep');
    expect(await ledgerOf(row.id)).toEqual([]);
    const decided = await admin.post(`/api/v1/sanctions/${row.id}/appeal-decision`, { version: appeal.json().version, outcome: 'reduce', amountFen: 20_000, reason: '情节较轻，酌情减轻' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'final', amountFen: 20_000, payrollMonth: '2026-11' });
    const lines = await ledgerOf(row.id);
    expect(lines).toHaveLength(1);
    expect(Math.abs(Number(lines[0].amount_fen))).toBe(20_000);
  });

  it('the day after the window → 409 appeal_window_closed', async () => {
    const row = await noticed(30_000, '2026-10-08T11:00:00');
    clock.set(at('2026-10-15T09:00:00'));
    const late = await person.post(`/api/v1/sanctions/${row.id}/appeal`, { version: row.version, reason: '迟到的申诉' });
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().error.code).toBe('appeal_window_closed');
  });

  it('a fine final in March is in April\'s payroll; one under appeal is in none', async () => {
    const plain = await noticed(30_000, '2026-03-20T10:00:00');
    const appealed = await noticed(30_000, '2026-03-20T10:05:00');
    expect(plain.appealDueDate).toBe('2026-03-27');
    clock.set(at('2026-03-23T10:00:00'));
    expect((await person.post(`/api/v1/sanctions/${appealed.id}/appeal`, { version: appealed.version, reason: '不服' })).statusCode).toBe(200);
    // The sweep runs in April; the window closed in March, so March is when it became final.
    clock.set(at('2026-04-01T08:00:00'));
    const [r1, r2] = await Promise.all([admin.post('/api/v1/sanctions/sweep'), admin.post('/api/v1/sanctions/sweep')]);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r2.statusCode, r2.body).toBe(200);
    const final = (await admin.get(`/api/v1/sanctions/${plain.id}`)).json();
    expect(final).toMatchObject({ status: 'final', payrollMonth: '2026-04' });
    expect(await ledgerOf(plain.id)).toHaveLength(1);
    expect(await ledgerOf(appealed.id)).toEqual([]);
    // The timeline shows every step.
    expect(final.timeline.map((e: { action: string }) => e.action).sort()).toEqual(['approve', 'decide', 'finalise', 'propose', 'review']);
  });

  it('a revoked appeal posts nothing', async () => {
    const row = await noticed(30_000, '2026-05-06T10:00:00');
    const a = await person.post(`/api/v1/sanctions/${row.id}/appeal`, { version: row.version, reason: '不是我' });
    const r = await admin.post(`/api/v1/sanctions/${row.id}/appeal-decision`, { version: a.json().version, outcome: 'revoke', reason: '经核实不属实' });
    expect(r.json()).toMatchObject({ status: 'revoked' });
    expect(await ledgerOf(row.id)).toEqual([]);
  });
});

describe('scope per role', () => {
  it('the person cannot review; a colleague cannot see; the branch head sees its own, not head office\'s; a stale version is 409', async () => {
    clock.set(at('2026-06-01T10:00:00'));
    const p = (await office.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen: 30_000 }, unitId: u.D1, staffId: s.S1 })).json().created[0];
    expect((await person.post(`/api/v1/sanctions/${p.id}/review`, { version: p.version, accept: true })).statusCode).toBe(403);
    expect((await other.get(`/api/v1/sanctions/${p.id}`)).statusCode).toBe(403);
    expect((await branchHead.get(`/api/v1/sanctions/${p.id}`)).statusCode).toBe(403);
    const ok = await office.post(`/api/v1/sanctions/${p.id}/review`, { version: p.version, accept: true });
    expect(ok.statusCode).toBe(200);
    expect((await office.post(`/api/v1/sanctions/${p.id}/approve`, { version: p.version })).statusCode).toBe(409);
    // 004:L160 二级管理: the branch's own sanction is reviewed by the branch head, not by head office's office
    const own = (await branchHead.post('/api/v1/sanctions', { rule: 'feixian.valid_complaint', facts: { amountFen: 30_000 }, unitId: u.O1, staffId: s.P1 })).json().created[0];
    expect(own.committee).toBe('sub_organisation');
    expect((await office.post(`/api/v1/sanctions/${own.id}/review`, { version: own.version, accept: true })).statusCode).toBe(403);
    expect((await branchHead.post(`/api/v1/sanctions/${own.id}/review`, { version: own.version, accept: true })).statusCode).toBe(200);
    const list = (await branchHead.get('/api/v1/sanctions?pageSize=100')).json();
    expect(list.items.every((i: { target: { unitId: string } }) => i.target.unitId === u.O1)).toBe(true);
  });
});
