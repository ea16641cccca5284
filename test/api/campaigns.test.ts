/**
 * Campaigns over HTTP (issue 18 items 1–2) in the demo hospital: a plan copied from a template
 * into a year or written from scratch, phases active on a day, deliverables stamped with the
 * days late in the organisation's time zone, progress per unit and task, monthly reports flagged
 * missing, acceptance whose failure holds the unit's leader accountable (002:L82), reminders
 * before a deadline sent once, and the public page once published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { sweepCampaignReminders } from '../../src/modules/campaigns/reminders.js';

const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-03-20T10:00:00'));
let t: TestApp;
let office: Session;
let head: Session;
let staff: Session;
const ids: Record<string, string> = {};
const campaignCount = async () => Number((await t.ctx.db.kysely.selectFrom('campaigns').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A plan from scratch: 上旬 and 中旬 of March, a document due 31 March, a figure due 10 March. */
const scratch = () => ({
  year: 2026,
  title: '窗口服务月',
  leadingGroup: '服务月领导小组',
  office: '质控办',
  unitIds: [ids['H-OPD-REG'], ids['H-IM']],
  monthlyReports: true,
  phases: [
    { code: 'early', label: { zh: '动员', en: 'Mobilise' }, timing: { from: { month: 3, part: 'early' }, to: { month: 3, part: 'early' } } },
    { code: 'mid', label: { zh: '实施', en: 'Implement' }, timing: { from: { month: 3, part: 'mid' }, to: { month: 3, part: 'mid' } } },
    { code: 'rest', label: { zh: '总结', en: 'Summarise' }, timing: { after: 'previous', length: { halfMonths: 1 } } },
  ],
  tasks: [
    { code: 'plan', label: { zh: '实施方案', en: 'Plan' }, phase: 'early', deliverable: 'document', due: { month: 3, part: 'month' } },
    { code: 'count', label: { zh: '培训人数', en: 'People trained' }, phase: 'early', deliverable: 'figure', due: { month: 3, day: 10 } },
  ],
});

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 800 });
  office = await t.login('hosp-quality-office');
  head = await t.login('hosp-unit-head');
  staff = await t.login('hosp-staff');
  for (const u of (await office.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());

describe('creating a campaign', () => {
  it('lists the seed templates with their stable codes', async () => {
    const res = await office.get('/api/v1/campaign-templates');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['taixing-2013', 'fumin', 'abc-service', 'hefei', 'hospital-quality-year']));
  });

  it('copies hospital-quality-year into 2026: overlapping phases 3/17–4/1, 4/1–12/31, 6/1–12/31, 12/1–12/31 (003:L138–144)', async () => {
    const res = await office.post('/api/v1/campaigns', { templateCode: 'hospital-quality-year', year: 2026, unitIds: [ids['H-OPD-REG'], ids['H-IM']] });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ year: 2026, templateCode: 'hospital-quality-year', status: 'draft', published: false, startsOn: '2026-03-17', endsOn: '2026-12-31' });
    expect(c.phases.map((p: { from: string; to: string }) => [p.from, p.to])).toEqual([
      ['2026-03-17', '2026-04-01'],
      ['2026-04-01', '2026-12-31'],
      ['2026-06-01', '2026-12-31'],
      ['2026-12-01', '2026-12-31'],
    ]);
    expect(c.units.map((u: { name: string }) => u.name)).toHaveLength(2);
    const phases = await office.get(`/api/v1/campaigns/${c.id}/phases?date=2026-04-01`);
    expect(phases.json().items.map((p: { code: string }) => p.code)).toEqual(['mobilise', 'self_check']);
    expect((await office.get(`/api/v1/campaigns/${c.id}/phases?date=2026-03-16`)).json().items).toEqual([]);
    expect((await office.get(`/api/v1/campaigns/${c.id}/phases?date=2026-02-30`)).statusCode).toBe(400);
  });

  it('from scratch: 上旬 and 中旬 of one month do not overlap; 半个月 after the previous phase (RULES §8 decisions)', async () => {
    const res = await office.post('/api/v1/campaigns', scratch());
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.phases.map((p: { from: string; to: string }) => [p.from, p.to])).toEqual([
      ['2026-03-01', '2026-03-10'],
      ['2026-03-11', '2026-03-20'],
      ['2026-03-21', '2026-04-04'], // 15 days: 半个月 not starting on the 1st or 16th
    ]);
    // "3月底前" falls outside its phase (上旬), which is allowed (001:L755–757).
    expect(c.tasks[0]).toMatchObject({ dueOn: '2026-03-31', outsidePhase: true });
    for (const day of ['2026-03-10', '2026-03-11']) expect((await office.get(`/api/v1/campaigns/${c.id}/phases?date=${day}`)).json().items).toHaveLength(1);
  });

  it('refuses every bad part in one answer and stores nothing', async () => {
    const before = await campaignCount();
    const bad = scratch();
    bad.phases[1].timing = { from: { month: 2, day: 30 } as never, to: { month: 3, part: 'mid' } };
    bad.tasks[1].phase = 'nope';
    const res = await office.post('/api/v1/campaigns', bad);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.phases.1.timing.from', 'body.tasks.1.phase']));
    const unknown = await office.post('/api/v1/campaigns', { templateCode: 'nope', year: 2026, unitIds: [ids['H-IM']] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('body.templateCode');
    expect((await head.post('/api/v1/campaigns', { templateCode: 'fumin', year: 2026, unitIds: [ids['H-IM']] })).statusCode).toBe(403);
    expect(await campaignCount()).toBe(before);
  });
});

describe('delivering', () => {
  let c: { id: string; version: number; tasks: { id: string; code: string }[]; units: { unitId: string; version: number }[] };
  const task = (code: string) => c.tasks.find((x) => x.code === code)!.id;

  beforeAll(async () => {
    clock.set(at('2026-03-02T09:00:00'));
    c = (await office.post('/api/v1/campaigns', scratch())).json();
  });

  it('takes nothing while the campaign is a draft; activating checks the version', async () => {
    const draft = await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('plan'), unitId: ids['H-OPD-REG'], text: '方案' });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error.code).toBe('campaign_not_active');
    const stale = await office.patch(`/api/v1/campaigns/${c.id}`, { version: c.version + 1, status: 'active' });
    expect(stale.statusCode).toBe(409);
    const ok = await office.patch(`/api/v1/campaigns/${c.id}`, { version: c.version, status: 'active' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'active', version: c.version + 1 });
    expect((await office.patch(`/api/v1/campaigns/${c.id}`, { version: c.version + 1, status: 'draft' })).json().error.code).toBe('campaign_status_invalid');
  });

  it('a deliverable due 31 March and submitted on 1 April is one day late (issue 18 acceptance), in Beijing time', async () => {
    // 00:30 on 1 April in Beijing is still 31 March in UTC: the organisation's day counts.
    clock.set(at('2026-04-01T00:30:00'));
    const res = await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('plan'), unitId: ids['H-OPD-REG'], text: '门诊收费处实施方案' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dueOn: '2026-03-31', receivedOn: '2026-04-01', lateDays: 1, receivedAt: new Date(at('2026-04-01T00:30:00')).toISOString() });
    const again = await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('plan'), unitId: ids['H-OPD-REG'], text: '再交一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('campaign_already_submitted');
  });

  it('on the due day itself it is on time ("…前" includes the day)', async () => {
    clock.set(at('2026-03-31T23:59:00'));
    const res = await office.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('plan'), unitId: ids['H-IM'], text: '内科实施方案' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ receivedOn: '2026-03-31', lateDays: 0 });
  });

  it('the office may record a paper deliverable with the time it was received, never in the future; a unit head may not', async () => {
    clock.set(at('2026-04-02T10:00:00'));
    const body = { taskId: task('count'), unitId: ids['H-IM'], figure: '20', receivedAt: '2026-03-09T16:00:00+08:00' };
    expect((await head.post(`/api/v1/campaigns/${c.id}/submissions`, { ...body, unitId: ids['H-OPD-REG'] })).statusCode).toBe(403);
    const future = await office.post(`/api/v1/campaigns/${c.id}/submissions`, { ...body, receivedAt: '2026-04-03T09:00:00+08:00' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('body.receivedAt');
  });

  it('refuses the wrong kind of deliverable, a unit out of scope or out of the campaign, and staff', async () => {
    clock.set(at('2026-04-02T10:00:00'));
    const wrong = await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('count'), unitId: ids['H-OPD-REG'], text: '十二' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('body.figure');
    expect((await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('count'), unitId: ids['H-OPD-REG'], figure: '12.5x' })).statusCode).toBe(400);
    expect((await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('count'), unitId: ids['H-IM'], figure: '12' })).statusCode).toBe(403);
    const outside = await office.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('count'), unitId: ids['H-SUR'], figure: '12' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('body.unitId');
    expect((await staff.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('count'), unitId: ids['H-OPD-REG'], figure: '12' })).statusCode).toBe(403);
  });

  it('progress per unit and task: done, late, missing; monthly reports missing after the month ends', async () => {
    clock.set(at('2026-04-02T10:00:00'));
    const fig = await head.post(`/api/v1/campaigns/${c.id}/submissions`, { taskId: task('count'), unitId: ids['H-OPD-REG'], figure: '36' });
    expect(fig.json().lateDays).toBe(23);
    const report = await head.post(`/api/v1/campaigns/${c.id}/reports`, { unitId: ids['H-OPD-REG'], kind: 'monthly', period: '2026-03', text: '三月进展' });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({ dueOn: '2026-03-31', lateDays: 2 });
    expect((await head.post(`/api/v1/campaigns/${c.id}/reports`, { unitId: ids['H-OPD-REG'], kind: 'monthly', period: '2026-09', text: 'x' })).statusCode).toBe(400);
    const p = (await office.get(`/api/v1/campaigns/${c.id}/progress`)).json();
    const unit = (code: string) => p.units.find((u: { unitId: string }) => u.unitId === ids[code]);
    expect(unit('H-OPD-REG').cells.map((x: { state: string }) => x.state)).toEqual(['late', 'late']);
    expect(unit('H-IM').cells.map((x: { state: string }) => x.state)).toEqual(['done', 'missing']);
    expect(unit('H-IM').monthlyReports.missing).toEqual(['2026-03']);
    expect(unit('H-OPD-REG').monthlyReports.missing).toEqual([]);
    expect(p.tasks.map((x: { counts: { done: number; late: number; missing: number } }) => x.counts)).toEqual([
      { done: 1, late: 1, missing: 0, pending: 0 },
      { done: 0, late: 1, missing: 1, pending: 0 },
    ]);
    // The unit head sees their own unit only.
    expect((await head.get(`/api/v1/campaigns/${c.id}/progress`)).json().units.map((u: { unitId: string }) => u.unitId)).toEqual([ids['H-OPD-REG']]);
  });

  it("a failed acceptance holds the unit's leader accountable in the incident file (002:L82); a stale version is a 409", async () => {
    const campaign = (await office.get(`/api/v1/campaigns/${c.id}`)).json();
    const reg = campaign.units.find((u: { unitId: string }) => u.unitId === ids['H-OPD-REG']);
    expect(reg.leaderName).toBe('李建国');
    const res = await office.post(`/api/v1/campaigns/${c.id}/acceptance`, { unitId: ids['H-OPD-REG'], version: reg.version, result: 'fail', note: '暗访发现承诺未落实' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ acceptance: 'fail', accountability: { staffId: reg.leaderStaffId, kind: 'finding' } });
    const incidents = await t.ctx.db.kysely.selectFrom('incidents').select(['staff_id', 'unit_id', 'kind', 'state', 'source_type']).where('source_type', '=', 'campaign').execute();
    expect(incidents).toEqual([{ staff_id: reg.leaderStaffId, unit_id: ids['H-OPD-REG'], kind: 'finding', state: 'verified', source_type: 'campaign' }]);
    const stale = await office.post(`/api/v1/campaigns/${c.id}/acceptance`, { unitId: ids['H-OPD-REG'], version: reg.version, result: 'pass' });
    expect(stale.statusCode).toBe(409);
    // The office names no leader for 内科: its failure would be the unit's as a whole.
    let im = campaign.units.find((u: { unitId: string }) => u.unitId === ids['H-IM']);
    const named = await office.patch(`/api/v1/campaigns/${c.id}/units/${ids['H-IM']}`, { version: im.version, leaderStaffId: null });
    expect(named.statusCode, named.body).toBe(200);
    expect((await office.patch(`/api/v1/campaigns/${c.id}/units/${ids['H-IM']}`, { version: im.version, leaderStaffId: null })).statusCode).toBe(409);
    im = named.json();
    expect((await office.post(`/api/v1/campaigns/${c.id}/acceptance`, { unitId: ids['H-IM'], version: im.version, result: 'pass' })).json().accountability).toBeNull();
  });

  it('the public page shows the campaign only once published', async () => {
    expect((await t.anonymous.get(`/public/demo-hospital/campaigns/${c.id}`)).statusCode).toBe(404);
    const now = (await office.get(`/api/v1/campaigns/${c.id}`)).json();
    expect((await office.patch(`/api/v1/campaigns/${c.id}`, { version: now.version, published: true })).statusCode).toBe(200);
    const page = await t.anonymous.get(`/public/demo-hospital/campaigns/${c.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('窗口服务月');
    expect(page.body).toContain('data-phase="mid"');
    expect(page.body).not.toContain('门诊收费处实施方案');
    // The board links to it.
    const board = await t.anonymous.get('/public/demo-hospital');
    expect(board.body).toContain(`/public/demo-hospital/campaigns/${c.id}`);
    const json = await t.anonymous.get(`/api/v1/public/organisations/demo-hospital/campaigns/${c.id}`);
    expect(json.json().units.map((u: { acceptance: string }) => u.acceptance).sort()).toEqual(['fail', 'pass']);
  });
});

describe('reminders before a deadline', () => {
  it('tells the unit head 7 and 1 days before, once each, only for units that have not delivered', async () => {
    clock.set(at('2026-05-01T09:00:00'));
    const body = { ...scratch(), title: '五月活动', unitIds: [ids['H-OPD-REG']], phases: [{ code: 'may', label: { zh: '五月', en: 'May' }, timing: { from: { month: 5, part: 'month' }, to: { month: 5, part: 'month' } } }], tasks: [{ code: 'doc', label: { zh: '五月材料', en: 'May paper' }, phase: 'may', deliverable: 'document', due: { month: 5, day: 20 } }] };
    const c = (await office.post('/api/v1/campaigns', body)).json();
    await office.patch(`/api/v1/campaigns/${c.id}`, { version: c.version, status: 'active' });
    const inbox = async () => (await t.ctx.db.kysely.selectFrom('notifications').select('subject').where('subject', 'like', '%五月活动%').execute()).length;
    clock.set(at('2026-05-12T09:00:00'));
    await sweepCampaignReminders(t.ctx);
    expect(await inbox()).toBe(0);
    clock.set(at('2026-05-13T09:00:00'));
    await sweepCampaignReminders(t.ctx);
    const first = await inbox();
    expect(first).toBeGreaterThan(0);
    await sweepCampaignReminders(t.ctx);
    expect(await inbox()).toBe(first);
    clock.set(at('2026-05-19T09:00:00'));
    await sweepCampaignReminders(t.ctx);
    expect(await inbox()).toBe(first * 2);
  });
});
