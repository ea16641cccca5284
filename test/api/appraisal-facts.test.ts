/**
 * The measured facts of a personal appraisal sheet (个人考核, issue 21; 002:L216 每人每周期一张考核表),
 * read for November 2026 in the demo hospital after a month of activity written through the public
 * API: 好差评 with the period's boundaries in local time, verified complaints (an unfounded one and
 * an unsubstantiated one do not count), an inspection's deductions (003:L143) and a veto, sanctions
 * final in the month (one under appeal does not count), follow-ups on time and late, and the
 * campaign deliverables of the person's unit. The same figures come from the daily rollups and
 * from the materialised month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { readAppraisalFacts } from '../../src/modules/appraisals/facts.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';
import { adoptDemoSanctionRules } from '../../src/demo/sanctions.js';
import type { StaffFacts } from '../../src/engines/appraisal/index.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-11-02T09:00:00'));
const november = { from: '2026-11-01', to: '2026-11-30' };
let t: TestApp;
let orgId = '';
let admin: Session;
let office: Session;
let inspector: Session;
let person: Session;
const ids: Record<string, string> = {};
const made: Record<string, string> = {};

const rate = (code: string, level: number) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload: { code, level }, remoteAddress: `127.0.3.${Math.floor(Math.random() * 200)}` });
const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>, status = [200, 201]) => {
  const r = await res;
  expect(status, r.body).toContain(r.statusCode);
  return r.json();
};

/** A sanction of H1003 proposed, reviewed, approved and decided: a fine noticed, its appeal window open; a reward final at once (not appealable). */
async function noticed(rule: string, facts: Record<string, unknown>) {
  let row = (await ok(office.post('/api/v1/sanctions', { rule, facts, unitId: ids['H-OPD-REG'], staffId: ids.H1003 }))).created[0];
  const approver = row.direction === 'reward' ? admin : office;
  for (const [who, step, body] of [[office, 'review', { accept: true }], [approver, 'approve', {}], [admin, 'decide', {}]] as const) row = await ok(who.post(`/api/v1/sanctions/${row.id}/${step}`, { version: row.version, ...body }));
  expect(row.status).toBe(row.direction === 'reward' ? 'final' : 'noticed');
  return row as { id: string; version: number };
}

/** A complaint against H1003 received now, assigned and verified with `verdict`. */
async function complaint(content: string, verdict: 'substantiated' | 'unsubstantiated') {
  const c = await ok(office.post('/api/v1/complaints', { channel: 'window', content, unitId: ids['H-OPD-REG'], staffId: ids.H1003, complainant: { name: '王女士', phone: '13800000002' } }));
  for (const [action, body] of [['assign', { assigneeId: ids['hosp-unit-head'] }], ['verify', { verdict, findings: '经调取录像核实。' }]] as const) {
    const version = (await admin.get(`/api/v1/cases/${c.id}`)).json().version;
    await ok(office.post(`/api/v1/complaints/${c.id}/${action}`, { version, ...body }));
  }
  return c as { id: string; trackingNo: string };
}

/** An incident of H1003 recorded by hand and decided by the office. */
async function incident(kind: string, details: Record<string, unknown>, decision: 'verify' | 'reject', summary: string) {
  const created = await ok(office.post('/api/v1/incidents', { kind, staffId: ids.H1003, occurredAt: new Date(clock.now()).toISOString(), summary, details }));
  await ok(office.post(`/api/v1/incidents/${created.id}/${decision}`, { version: created.version, ...(decision === 'reject' ? { reason: '复核不属实' } : { note: '核实' }) }));
  return created.id as string;
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  orgId = (await findOrganisationByCode(t.ctx, 'demo-hospital'))!.id;
  // The hospital's fines as the demo adopts them (feixian's rules, its own overrides).
  await adoptDemoSanctionRules(t.ctx, 'demo-hospital');
  admin = await t.login('hosp-admin');
  office = await t.login('hosp-quality-office');
  inspector = await t.login('hosp-inspector');
  // hosp-staff is 张丽 (H1003), a cashier at 门诊收费处 (H-OPD-REG).
  person = await t.login('hosp-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;

  // A campaign of 门诊部 (H-OPD, above H-OPD-REG): a plan due 10 November, a figure due 20 November.
  const campaign = await ok(
    office.post('/api/v1/campaigns', {
      year: 2026,
      title: '窗口服务月',
      leadingGroup: '服务月领导小组',
      office: '质控办',
      unitIds: [ids['H-OPD'], ids['H-IM']],
      monthlyReports: false,
      phases: [{ code: 'all', label: { zh: '实施', en: 'Implement' }, timing: { from: { month: 11, part: 'early' }, to: { month: 11, part: 'late' } } }],
      tasks: [
        { code: 'plan', label: { zh: '实施方案', en: 'Plan' }, phase: 'all', deliverable: 'document', due: { month: 11, day: 10 } },
        { code: 'count', label: { zh: '培训人数', en: 'People trained' }, phase: 'all', deliverable: 'figure', due: { month: 11, day: 20 } },
      ],
    }),
  );
  await ok(office.patch(`/api/v1/campaigns/${campaign.id}`, { version: campaign.version, status: 'active' }));
  made.campaign = campaign.id;
  made.planTask = campaign.tasks.find((x: { code: string }) => x.code === 'plan').id;
  made.countTask = campaign.tasks.find((x: { code: string }) => x.code === 'count').id;

  // Sanctions noticed on 2 November: a fine and a reward whose windows close in November, a fine appealed.
  made.fine = (await noticed('feixian.valid_complaint', { amountFen: 30_000, serious: false })).id;
  made.reward = (await noticed('taixing.model_award', {})).id;
  const appealed = await noticed('feixian.phone_greeting', {});
  made.appealed = appealed.id;

  // Two discharges whose follow-ups H1003 (as the attending, with a login) must make by 9 November.
  const discharge = (patientName: string) => ({ patientName, phone: '13900001234', unitId: ids['H-OPD-REG'], physicianBadgeNo: 'H1003', dischargedOn: '2026-11-02' });
  const met = await ok(office.post('/api/v1/discharges', discharge('李大爷')));
  made.followUpLate = (await ok(office.post('/api/v1/discharges', discharge('郑先生')))).id;
  made.followUpMet = met.id;

  clock.set(at('2026-11-03T10:00:00'));
  await ok(person.post(`/api/v1/sanctions/${appealed.id}/appeal`, { version: appealed.version, reason: '当时正在接听另一部电话' }));
  const reached = await ok(person.post(`/api/v1/followups/${met.id}/attempt`, { outcome: 'reached', version: met.version }));
  await ok(person.post(`/api/v1/followups/${met.id}/answers`, { recovery: 'improving', satisfaction: 5, version: reached.version }));

  // Complaints: one verified against her, one found unsubstantiated, one recorded by hand and found unfounded.
  clock.set(at('2026-11-05T10:00:00'));
  const verified = await complaint('收费时解释不耐心', 'substantiated');
  made.complaintCase = verified.id;
  made.complaintNo = verified.trackingNo;
  await complaint('收费窗口排队时间长', 'unsubstantiated');
  clock.set(at('2026-11-06T10:00:00'));
  made.unfounded = await incident('verified_complaint', { verdict: 'substantiated' }, 'reject', '纸质投诉：收费员态度差');
  // A veto recorded by hand (一票否决), verified.
  clock.set(at('2026-11-07T10:00:00'));
  made.veto = await incident('veto', {}, 'verify', '违反首问负责制，一票否决');

  // The hospital scorecard on her: three fee cases, 0.6 points off (004:L202–204).
  clock.set(at('2026-11-08T12:00:00'));
  const inspection = await ok(inspector.post('/api/v1/inspections', { templateCode: 'hospital-scorecard', unitId: ids['H-OPD-REG'], staffId: ids.H1003, kind: 'scheduled', performedAt: '2026-11-08T10:00:00+08:00', results: [{ item: 'fees', cases: 3 }] }));
  made.inspection = inspection.id;
  made.inspectionScore = String(inspection.score);

  // 好差评 on the 10th: 5, 4, 3, 1 for her, 5 for her colleague; 10 clients served by her that day.
  clock.set(at('2026-11-10T10:00:00'));
  const code = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}&staffId=${ids.H1003}`)).json().code;
  const colleague = (await admin.get(`/api/v1/rating-codes?unitId=${ids['H-OPD-REG']}&staffId=${ids.H1004}`)).json().code;
  for (const level of [5, 4, 3, 1]) await ok(rate(code, level));
  await ok(rate(colleague, 5));
  await ok(admin.post('/api/v1/served-counts', { counts: [{ unitId: ids['H-OPD-REG'], staffId: ids.H1003, date: '2026-11-10', served: 10 }] }));

  // The plan handed in two days late; the figure never.
  clock.set(at('2026-11-12T10:00:00'));
  await ok(office.post(`/api/v1/campaigns/${made.campaign}/submissions`, { taskId: made.planTask, unitId: ids['H-OPD'], text: '门诊部实施方案' }));

  // The boundaries: 23:59 on 30 November local time is November's, midnight is December's.
  clock.set(at('2026-11-30T23:59:00'));
  await ok(rate(code, 5));
  clock.set(at('2026-12-01T00:00:00'));
  await ok(rate(code, 2));

  // December: the sweep makes the sanctions whose windows closed in November final.
  clock.set(at('2026-12-05T10:00:00'));
  await ok(admin.post('/api/v1/sanctions/sweep'));
}, 240_000);
afterAll(async () => t?.close());

const factsOf = async (options: { staffIds?: string[]; satisfiedLevel?: number } = {}) => {
  const all = await readAppraisalFacts(t.ctx.db.kysely, { orgId, ...november, now: clock.now(), ...options });
  return { all, her: all.get(ids.H1003) as StaffFacts };
};

describe('readAppraisalFacts: one person\'s November', () => {
  it('好差评: the 23:59 rating of the 30th counts, the midnight one does not; satisfied as the rating statistics count it', async () => {
    const { her, all } = await factsOf();
    // 5, 4, 3, 1 on the 10th and 5 at 23:59 on the 30th; the 2 at 00:00 on 1 December is December's.
    expect(her.ratings.rated).toBe(5);
    expect(her.ratings.served).toBe(10);
    const stats = (await office.get(`/api/v1/stats/ratings?from=${november.from}&to=${november.to}&staffId=${ids.H1003}&groupBy=staff`)).json().groups[0];
    expect(stats.ratings).toBe(her.ratings.rated);
    // The dashboard's and statistics' 满意率 (the pack's satisfied levels): the same fraction.
    expect(Math.round((her.ratings.satisfied / her.ratings.rated) * 10_000) / 100).toBe(stats.satisfactionRate);
    expect(her.ratings.satisfied).toBe(3);
    // From level 3 up when the caller says so.
    expect((await factsOf({ satisfiedLevel: 3 })).her.ratings.satisfied).toBe(4);
    // Her colleague's rating is his.
    expect(all.get(ids.H1004)!.ratings).toEqual({ rated: 1, satisfied: 1, served: 0 });
  });

  it('verified complaints: the substantiated one, linked to its incident and labelled with the case number; not the unsubstantiated nor the unfounded', async () => {
    const { her } = await factsOf();
    expect(her.verifiedComplaints).toHaveLength(1);
    const [record] = her.verifiedComplaints;
    expect(record.kind).toBe('incident');
    expect(record.label).toContain(made.complaintNo);
    expect(record.at).toBe('2026-11-05T10:00:00+08:00');
    const incident = (await office.get(`/api/v1/incidents/${record.id}`)).json();
    expect(incident).toMatchObject({ kind: 'verified_complaint', state: 'verified', sourceId: made.complaintCase });
    expect(her.verifiedComplaints.map((r) => r.id)).not.toContain(made.unfounded);
  });

  it('inspections: the scorecard\'s 0.6 points off, exactly, with the inspection as the record (003:L143); the hand-recorded veto', async () => {
    const { her } = await factsOf();
    expect(her.inspectionDeductions.points).toBe('0.6');
    expect(her.inspectionDeductions.records).toEqual([{ kind: 'inspection', id: made.inspection, label: expect.stringContaining('2026-11-08'), at: '2026-11-08T10:00:00+08:00' }]);
    expect(her.inspectionDeductions.records[0].label).toContain('扣 0.6 分');
    expect(made.inspectionScore).toBe('9.4');
    expect(her.inspectionVetoes).toEqual([{ kind: 'incident', id: made.veto, label: '违反首问负责制，一票否决', at: '2026-11-07T10:00:00+08:00' }]);
  });

  it('sanctions final in November: the 300 元 fine and the 500 元 reward; the appealed one is not final and does not count (RULES §5)', async () => {
    const { her } = await factsOf();
    expect(her.sanctions.fineFen).toBe(30_000);
    expect(her.sanctions.rewardFen).toBe(50_000);
    expect(her.sanctions.records.map((r) => r.id).sort()).toEqual([made.fine, made.reward].sort());
    expect(her.sanctions.records.find((r) => r.id === made.fine)!.label).toMatch(/罚款 300\.00 元$/);
    expect(her.sanctions.records.find((r) => r.id === made.reward)!.label).toMatch(/奖励 500\.00 元$/);
    expect((await admin.get(`/api/v1/sanctions/${made.appealed}`)).json().status).toBe('appealed');
  });

  it('follow-ups she answers for: two due in November, one made on time, one late', async () => {
    const { her } = await factsOf();
    expect(her.followUps).toMatchObject({ due: 2, onTime: 1 });
    const byId = Object.fromEntries(her.followUps.records.map((r) => [r.id, r.label]));
    expect(byId[made.followUpMet]).toMatch(/按时$/);
    expect(byId[made.followUpLate]).toMatch(/逾期$/);
    // Read on 5 November, neither was due yet: nothing counts.
    const early = await readAppraisalFacts(t.ctx.db.kysely, { orgId, ...november, now: at('2026-11-05T10:00:00'), staffIds: [ids.H1003] });
    expect(early.get(ids.H1003)!.followUps).toMatchObject({ due: 1, onTime: 1 });
  });

  it('campaign deliverables of her unit (门诊部 above her window): two due, the plan two days late, the figure missing', async () => {
    const { her } = await factsOf();
    expect(her.deliverables).toMatchObject({ due: 2, late: 1, missing: 1 });
    expect(her.deliverables.records.map((r) => r.label)).toEqual([expect.stringContaining('迟交 2 天'), expect.stringContaining('未报送')]);
    // 内科 is in the campaign too, but not above 门诊: a nurse of 外科 has none, a doctor of 内科 the same two.
    const { all } = await factsOf();
    expect(all.get(ids.H1009)!.deliverables.due).toBe(0);
    expect(all.get(ids.H1007)!.deliverables).toMatchObject({ due: 2, late: 0, missing: 2 });
  });

  it('every active person of the organisation gets facts, or only those asked for; her unit is her primary unit', async () => {
    const { all, her } = await factsOf();
    const staff = (await admin.get('/api/v1/staff?pageSize=100')).json().items as { id: string }[];
    expect(new Set(all.keys())).toEqual(new Set(staff.map((s) => s.id)));
    expect(her.unitId).toBe(ids['H-OPD-REG']);
    const one = await factsOf({ staffIds: [ids.H1003] });
    expect([...one.all.keys()]).toEqual([ids.H1003]);
    expect(one.her).toEqual(her);
  });

  it('a closed month read from its materialised rollups gives the same figures as its days', async () => {
    const before = (await factsOf()).all;
    // The rating statistics add November up (it is closed on 5 December).
    await ok(office.get(`/api/v1/stats/ratings?from=${november.from}&to=${november.to}&groupBy=staff`));
    const stamps = await t.ctx.db.kysely.selectFrom('rating_month_stamps').select('month').where('org_id', '=', orgId).execute();
    expect(stamps.map((s) => s.month)).toContain('2026-11');
    // The days of November are dropped: the figures can only come from the month's rows now.
    await t.ctx.db.kysely.deleteFrom('rating_rollups').where('org_id', '=', orgId).where('date', '>=', november.from).where('date', '<=', november.to).execute();
    await t.ctx.db.kysely.deleteFrom('served_counts').where('org_id', '=', orgId).where('date', '>=', november.from).where('date', '<=', november.to).execute();
    const after = (await factsOf()).all;
    expect(after).toEqual(before);
  });
});
