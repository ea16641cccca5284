/**
 * Sanctions without money and rewards (奖惩, RULES §5; issue 15): a rule whose outcome is criticism,
 * a warning or a record (the government centre's 首问负责, 004:L188; the ladder 通报批评 →
 * 取消当年评优, 004:L124) is a sanction like any other — proposed, reviewed, approved, noticed,
 * appealable, final with its outcomes — at 0 元 and in no payroll; a reward has no appeal step
 * (409 reward_not_appealable) and is final at the notice; the list shows and filters the appeal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testPassword, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { createOrganisation } from '../../src/modules/organisations/service.js';
import { createUnit } from '../../src/modules/units/service.js';
import { createStaff } from '../../src/modules/staff/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { recordIncident } from '../../src/modules/incidents/service.js';
import { listDisqualifications } from '../../src/modules/ledger/service.js';
import { systemActor } from '../../src/shared/access.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-03-02T10:00:00'));
let t: TestApp;
let admin: Session;
let office: Session;
let person: Session;
let orgId: string;
const s: Record<string, string> = {};
const u: Record<string, string> = {};

const decision = { zh: '本中心决定', en: 'Our decision' };
/** The centre's own rules: the 004:L124 ladder's first two steps without money, and a reward. */
const ownRules = {
  disqualify: {
    direction: 'fine',
    targets: ['person'],
    kind: 'fixed',
    source: '004:L124',
    amountFen: { value: 0, source: '004:L124' },
    outcomes: ['notice_criticism', 'disqualify_year_awards'],
    label: { zh: '通报批评并取消当年评优资格', en: 'Criticised in a bulletin and out of the year\'s awards' },
    facts: [],
  },
  model_award: {
    direction: 'reward',
    targets: ['person'],
    kind: 'fixed',
    decision,
    amountFen: { value: 50_000, decision },
    outcomes: ['notice_praise'],
    label: { zh: '优质服务标兵奖励', en: 'Quality service model reward' },
    facts: [],
  },
};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  const org = await createOrganisation(t.ctx, { code: 'test-hall-outcomes', name: '测试政务中心', sector: 'hall' });
  orgId = org.id;
  const sys = systemActor(org.id, 'test');
  const root = await createUnit(t.ctx, sys, { code: 'HALL', name: '政务服务中心', kind: 'organisation' });
  u.W1 = (await createUnit(t.ctx, sys, { code: 'W1', name: '综合窗口', kind: 'department', parentId: root.id })).id;
  for (const n of [1, 2, 3]) s[`S${n}`] = (await createStaff(t.ctx, sys, { badgeNo: `W${n}`, name: `窗口${n}`, unitIds: [u.W1] })).id;
  await createUser(t.ctx, sys, { username: 'oc-admin', password: testPassword, role: 'admin' });
  await createUser(t.ctx, sys, { username: 'oc-office', password: testPassword, role: 'quality_office' });
  await createUser(t.ctx, sys, { username: 'oc-person', password: testPassword, role: 'staff', staffId: s.S1, unitId: u.W1 });
  admin = await t.login('oc-admin');
  office = await t.login('oc-office');
  person = await t.login('oc-person');
  const policy = (await admin.get('/api/v1/policy')).json();
  const put = await admin.put('/api/v1/policy/overrides', { version: policy.version, overrides: { sanctionRules: { own: ownRules } } });
  expect(put.statusCode, put.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

type Row = { id: string; version: number; status: string; amountFen: number; outcomes: string[]; payrollMonth: string | null; appealDueDate: string | null; nextStep: string | null; appeal: { status: string } | null };

const ledgerOf = (sanctionId: string) => t.ctx.db.kysely.selectFrom('ledger_entries').selectAll().where('sanction_id', '=', sanctionId).execute();

/** Takes a proposed sanction through review, approval and the committee's decision. */
async function decide(row: Row): Promise<Row> {
  for (const [who, step, body] of [[office, 'review', { accept: true }], [admin, 'approve', {}], [admin, 'decide', {}]] as const) {
    const r = await who.post(`/api/v1/sanctions/${row.id}/${step}`, { version: row.version, ...body });
    expect(r.statusCode, `${step}: ${r.body}`).toBe(200);
    row = r.json();
  }
  return row;
}

async function propose(rule: string, staffId: string, facts: Record<string, unknown> = {}): Promise<Row> {
  const r = await office.post('/api/v1/sanctions', { rule, facts, unitId: u.W1, staffId });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().created[0];
}

describe('sanctions without money', () => {
  let firstResponsibility: Row;

  it('a verified complaint proposes 首问负责 with no money: criticism, a warning, a record for appraisal (004:L188)', async () => {
    await t.ctx.db.kysely.transaction().execute((trx) =>
      recordIncident(t.ctx, trx, systemActor(orgId, 'complaints'), { orgId, staffId: s.S1, unitId: null, sourceType: 'complaint', sourceId: 'c-1', kind: 'verified_complaint', verdict: 'substantiated', summary: '群众投诉：首问人员推诿', occurredAt: clock.now() - 3_600_000 }),
    );
    clock.set(at('2026-03-02T11:00:00'));
    const sweep = await office.post('/api/v1/sanctions/sweep');
    expect(sweep.statusCode, sweep.body).toBe(200);
    expect(sweep.json()).toMatchObject({ proposed: 1, skipped: 0 });
    // A second sweep proposes nothing new: a fact proposes once.
    expect((await office.post('/api/v1/sanctions/sweep')).json()).toMatchObject({ proposed: 0 });
    const list = (await office.get('/api/v1/sanctions?view=all&pageSize=100')).json();
    expect(list.total).toBe(1);
    firstResponsibility = list.items[0];
    expect(firstResponsibility).toMatchObject({ status: 'proposed', amountFen: 0, direction: 'fine', rule: { code: 'hall.first_responsibility', citation: '004:L188' }, outcomes: ['criticism', 'internal_warning', 'appraisal_record'], target: { kind: 'person', staffId: s.S1 } });
  });

  it('goes through review, approval and the notice; the person sees it and may appeal within the window', async () => {
    clock.set(at('2026-03-03T10:00:00'));
    const noticed = await decide(firstResponsibility);
    expect(noticed).toMatchObject({ status: 'noticed', amountFen: 0, appealDueDate: '2026-03-10' });
    const mine = (await person.get('/api/v1/sanctions?view=mine')).json().items as Row[];
    expect(mine.find((r) => r.id === noticed.id)).toMatchObject({ nextStep: 'appeal', outcomes: ['criticism', 'internal_warning', 'appraisal_record'] });
    firstResponsibility = noticed;
  });

  it('final when the window closes: its outcomes on record, 0 元, no payroll month and no payroll line', async () => {
    clock.set(at('2026-03-11T08:00:00'));
    expect((await office.post('/api/v1/sanctions/sweep')).json()).toMatchObject({ finalised: 1 });
    const final = (await office.get(`/api/v1/sanctions/${firstResponsibility.id}`)).json();
    expect(final).toMatchObject({ status: 'final', amountFen: 0, payrollMonth: null, outcomes: ['criticism', 'internal_warning', 'appraisal_record'] });
    // Steps taken in the same instant (the test's clock) list in any order among themselves.
    expect(final.timeline.map((e: { action: string }) => e.action).sort()).toEqual(['approve', 'decide', 'finalise', 'propose', 'review']);
    // On the ledger's record (the person's statement shows it) at 0 元 …
    const lines = await ledgerOf(firstResponsibility.id);
    expect(lines.map((l) => Number(l.amount_fen))).toEqual([0]);
    const statement = (await person.get(`/api/v1/staff/${s.S1}/statement?year=2026`)).json();
    expect(statement.lines).toEqual([expect.objectContaining({ sanctionId: firstResponsibility.id, amountFen: 0, outcomes: ['criticism', 'internal_warning', 'appraisal_record'] })]);
    // … but in no payroll: the month has no line and no payee.
    const months = (await office.get('/api/v1/payroll/months')).json().items as { month: string; lines: number; people: number }[];
    for (const m of months) expect([m.month, m.lines, m.people]).toEqual([m.month, 0, 0]);
  });

  it('a repeat brings the administrative sanction (004:L188 屡教不改 … 行政处分)', async () => {
    const r = await propose('hall.first_responsibility', s.S2, { repeat: true });
    expect(r).toMatchObject({ amountFen: 0, outcomes: ['criticism', 'appraisal_record', 'administrative_sanction'] });
  });

  it('通报批评 and 取消当年评优 without money (004:L124): appealed and upheld, final, read by the awards module', async () => {
    clock.set(at('2026-04-01T10:00:00'));
    const noticed = await decide(await propose('own.disqualify', s.S1));
    expect(noticed).toMatchObject({ status: 'noticed', amountFen: 0 });
    const appeal = await person.post(`/api/v1/sanctions/${noticed.id}/appeal`, { version: noticed.version, reason: '我已按首问要求引导' });
    expect(appeal.statusCode, appeal.body).toBe(200);
    expect(await ledgerOf(noticed.id)).toEqual([]); // nothing while the appeal is pending
    const ruled = await admin.post(`/api/v1/sanctions/${noticed.id}/appeal-decision`, { version: appeal.json().version, outcome: 'uphold', reason: '经核实，维持原决定' });
    expect(ruled.statusCode, ruled.body).toBe(200);
    expect(ruled.json()).toMatchObject({ status: 'final', amountFen: 0, payrollMonth: null, outcomes: ['notice_criticism', 'disqualify_year_awards'] });
    expect((await listDisqualifications(t.ctx, { orgId, year: 2026 })).map((d) => d.sanctionId)).toContain(noticed.id);
  });
});

describe('rewards have no appeal step', () => {
  let reward: Row;

  it('proposed → approved → noticed → final at the notice, into next month\'s payroll (001:L195)', async () => {
    clock.set(at('2026-04-20T10:00:00'));
    reward = await decide(await propose('own.model_award', s.S1));
    expect(reward).toMatchObject({ status: 'final', direction: 'reward', amountFen: 50_000, appealDueDate: null, payrollMonth: '2026-05' });
    const detail = (await person.get(`/api/v1/sanctions/${reward.id}`)).json();
    expect(detail.timeline.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`).sort()).toEqual(['approve:approved', 'decide:noticed', 'finalise_reward:final', 'propose:proposed', 'review:reviewed']);
    expect(detail.nextStep).toBeNull();
    expect((await ledgerOf(reward.id)).map((l) => Number(l.amount_fen))).toEqual([50_000]);
    expect((await office.get('/api/v1/payroll/months')).json().items.find((m: { month: string }) => m.month === '2026-05')).toMatchObject({ lines: 1, people: 1, rewardsFen: 50_000 });
  });

  it('the person\'s appeal on a reward is refused: 409 reward_not_appealable', async () => {
    const r = await person.post(`/api/v1/sanctions/${reward.id}/appeal`, { version: reward.version, reason: '金额太少' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('reward_not_appealable');
  });
});

describe('the list shows the appeal', () => {
  it('filters pending, decided and none, with the appeal\'s state on each row', async () => {
    clock.set(at('2026-05-04T10:00:00'));
    const noticed = await decide(await propose('hall.first_responsibility', s.S1, { repeat: true }));
    const filed = await person.post(`/api/v1/sanctions/${noticed.id}/appeal`, { version: noticed.version, reason: '并非本人首问' });
    expect(filed.statusCode, filed.body).toBe(200);
    const of = async (appeal: string) => (await office.get(`/api/v1/sanctions?view=all${appeal ? `&appeal=${appeal}` : ''}&pageSize=100`)).json() as { total: number; items: Row[] };
    const pending = await of('pending');
    expect(pending.items.map((r) => r.id)).toEqual([noticed.id]);
    expect(pending.total).toBe(1);
    expect(pending.items[0]).toMatchObject({ status: 'appealed', appealDueDate: noticed.appealDueDate, appeal: { status: 'pending', appealDueDate: noticed.appealDueDate } });
    const decided = await of('decided');
    expect(decided.items.map((r) => r.appeal?.status)).toEqual(['upheld']);
    const none = await of('none');
    expect(none.items.every((r) => r.appeal === null)).toBe(true);
    expect(none.total + pending.total + decided.total).toBe((await of('')).total);
    // Revoked on appeal: decided, and shown so.
    const revoked = await admin.post(`/api/v1/sanctions/${noticed.id}/appeal-decision`, { version: filed.json().version, outcome: 'revoke', reason: '经核实不属实' });
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect((await of('decided')).items.map((r) => r.appeal?.status).sort()).toEqual(['revoked', 'upheld']);
    expect((await office.get('/api/v1/sanctions?appeal=later')).statusCode).toBe(400);
  });

  it('a person\'s file lists their sanctions, with and without money, and their appeals', async () => {
    const file = (await office.get(`/api/v1/sanctions?view=all&staffId=${s.S1}&pageSize=100`)).json() as { total: number; items: (Row & { target: { staffId: string } })[] };
    expect(file.total).toBeGreaterThanOrEqual(4);
    expect(file.items.every((r) => r.target.staffId === s.S1)).toBe(true);
    expect(file.items.some((r) => r.amountFen === 0 && r.appeal?.status === 'upheld')).toBe(true);
    // The person asking for a colleague's file still sees only their own.
    const asked = (await person.get(`/api/v1/sanctions?staffId=${s.S2}`)).json() as { items: (Row & { target: { staffId: string } })[] };
    expect(asked.items.every((r) => r.target.staffId === s.S1)).toBe(true);
  });
});
