import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { withPolicyOverrides } from '../support/policy.js';
import { sweepDueClocks } from '../../src/modules/cases/sweep.js';
import { latenessEntries } from '../support/timeline.js';

const start = Date.parse('2026-09-30T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let admin: Session;
let head: Session;
let staffUser: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Sessions outlive the simulated weeks the escalation tests travel through.
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  head = await t.login('hall-unit-head');
  staffUser = await t.login('hall-staff');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const s of (await admin.get('/api/v1/staff?pageSize=100')).json().items) ids[s.badgeNo] = s.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
});
afterAll(async () => t?.close());
beforeEach(() => clock.set(start));

async function register(body: Record<string, unknown> = {}) {
  const res = await staffUser.post('/api/v1/complaints', { channel: 'window', content: '窗口工作人员态度生硬，多次催促后才办理。', unitId: ids['G-A-01'], staffId: ids.G2003, category: 'attitude', complainant: { name: '张先生', phone: '13800000001' }, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await admin.get(`/api/v1/cases/${id}`)).json();
  return s.post(`/api/v1/complaints/${id}/${action}`, { version: current.version, ...body });
}

describe('complaint intake', () => {
  it('a complaint received 2026-09-30T10:00+08:00 in a hall is due 2026-10-13 (002:L103: 5 working days)', async () => {
    const c = await register({ receivedAt: '2026-09-30T10:00:00+08:00' });
    expect(c.replyDueDate).toBe('2026-10-13');
    expect(c.trackingNo).toMatch(/^TS20260930\d{4}$/);
    expect(c.id).toBeTruthy();
    expect(c.status).toBe('registered');
  });

  it('stamps the staff member who took it as first responder', async () => {
    const c = await register();
    expect(c.firstResponderId).toBe(ids.G2003);
  });

  it('refuses a receipt in the future, naming the field in both languages (one intake check for complaints, inquiries, applications)', async () => {
    const res = await staffUser.post('/api/v1/complaints', { channel: 'window', content: '内容', receivedAt: '2026-09-30T10:05:00+08:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'body.receivedAt', messages: { zh: '受理时间不能晚于当前时间', en: 'must not be in the future' } })]);
    // A minute of clock skew is allowed.
    expect((await staffUser.post('/api/v1/complaints', { channel: 'window', content: '内容', receivedAt: '2026-09-30T10:00:30+08:00' })).statusCode).toBe(201);
    const inquiry = await staffUser.post('/api/v1/inquiries', { channel: 'window', question: '问题', receivedAt: '2026-09-30T10:05:00+08:00' });
    expect(inquiry.json().error.details[0].path).toBe('body.receivedAt');
  });

  it('refuses an unknown channel or category with 400', async () => {
    expect((await staffUser.post('/api/v1/complaints', { channel: 'pigeon', content: 'x' })).statusCode).toBe(400);
    const res = await staffUser.post('/api/v1/complaints', { channel: 'window', content: '内容', category: 'nonsense' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('complaint workflow', () => {
  it('walks register → assign → verify → cause → measure → reply → satisfaction → close, and reopens', async () => {
    const c = await register();
    expect((await act(admin, c.id, 'reply', { channel: 'phone', content: '太早' })).json().error.code).toBe('invalid_transition');
    const assigned = await act(admin, c.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    expect(assigned.json().status).toBe('assigned');
    expect(assigned.json().assigneeId).toBe(ids['hall-unit-head']);
    const verified = await act(head, c.id, 'verify', { verdict: 'substantiated', findings: '经调取监控，情况属实。' });
    expect(verified.json().status).toBe('verified');
    expect((await act(head, c.id, 'record_cause', { causes: ['attitude', 'emotion'] })).json().data.causes).toEqual(['attitude', 'emotion']);
    expect((await act(head, c.id, 'record_cause', { causes: ['made_up'] })).statusCode).toBe(400);
    // RULES §2 verify → cause → corrective action → reply: 属实 needs the measure before the reply.
    const noMeasure = await act(head, c.id, 'reply', { channel: 'phone', content: '已处理。' });
    expect(noMeasure.statusCode).toBe(409);
    expect(noMeasure.json().error.code).toBe('cause_and_measure_required');
    expect(noMeasure.json().error.messages.zh).toContain('整改措施');
    await act(head, c.id, 'record_measure', { measure: '对当事人批评教育，全科学习服务规范。' });
    // 002:L129 a complaint cannot close without a recorded reply.
    const early = await act(admin, c.id, 'close');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('reply_required');
    const replied = await act(head, c.id, 'reply', { channel: 'phone', content: '经核实情况属实，已对当事人批评教育，感谢监督。' });
    expect(replied.json().status).toBe('replied');
    expect(replied.json().clocks[0]).toMatchObject({ clockId: 'reply', state: 'stopped', badge: 'met' });
    // The complainant rates the handling with the query code (a hall closes without review).
    expect((await t.anonymous.post(`/api/v1/public/complaints/${c.trackingNo}/satisfaction`, { code: c.queryCode, satisfaction: 'satisfied' })).statusCode).toBe(200);
    const closed = await act(admin, c.id, 'close');
    expect(closed.json()).toMatchObject({ status: 'closed', closed: true });
    expect(closed.json().closedAt).toBeTruthy();
    const reopened = await act(admin, c.id, 'reopen', { reason: '投诉人来电表示问题再次出现。' });
    expect(reopened.json().status).toBe('assigned');
    expect(reopened.json().data.reply).toBeNull();
    expect(reopened.json().clocks[0].state).toBe('running');
    const timeline = reopened.json().timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['register', 'assign', 'verify', 'record_cause', 'record_measure', 'reply', 'record_satisfaction', 'close', 'reopen']);
  });

  it('a substantiated complaint enters the staff member\'s incident file as verified; re-verified unsubstantiated, it stays there marked unfounded', async () => {
    const c = await register({ staffId: ids.G2004, unitId: ids['G-A-02'] });
    await act(admin, c.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(head, c.id, 'verify', { verdict: 'partly_substantiated', findings: '部分属实。' });
    const file = (await admin.get(`/api/v1/staff/${ids.G2004}/incidents`)).json();
    expect(file.items).toHaveLength(1);
    expect(file.items[0]).toMatchObject({ sourceType: 'complaint', sourceId: c.id, verdict: 'partly_substantiated', kind: 'verified_complaint', state: 'verified', details: { verdict: 'partly_substantiated' } });
    await act(head, c.id, 'verify', { verdict: 'unsubstantiated', findings: '复查不属实。' });
    // Kept for the trail (what was proposed from it can be traced), but no longer a verified fact.
    const after = (await admin.get(`/api/v1/staff/${ids.G2004}/incidents`)).json().items;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: file.items[0].id, state: 'unfounded', decision: { note: expect.any(String) } });
  });

  it('roles: window staff may not verify or close', async () => {
    const c = await register();
    await act(admin, c.id, 'assign', { assigneeId: ids['hall-staff'] });
    const res = await act(staffUser, c.id, 'verify', { verdict: 'substantiated', findings: 'x' });
    expect(res.statusCode).toBe(403);
  });

  it('a stale version gets 409 version_conflict', async () => {
    const c = await register();
    const res = await admin.post(`/api/v1/complaints/${c.id}/assign`, { version: c.version + 5, assigneeId: ids['hall-unit-head'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
  });

  it('属实 and 部分属实 need the cause and the corrective action before the reply; 不属实 needs neither (RULES §2)', async () => {
    const partly = await register();
    await act(admin, partly.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(head, partly.id, 'verify', { verdict: 'partly_substantiated', findings: '部分属实。' });
    await act(head, partly.id, 'record_cause', { causes: ['attitude'] });
    const refused = await act(head, partly.id, 'reply', { channel: 'phone', content: '已处理。' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'cause_and_measure_required', messages: { en: expect.stringContaining('corrective action') } });
    expect((await admin.get(`/api/v1/cases/${partly.id}`)).json().actions).not.toContain('reply');
    await act(head, partly.id, 'record_measure', { measure: '批评教育。' });
    expect((await act(head, partly.id, 'reply', { channel: 'phone', content: '已处理。' })).json().status).toBe('replied');

    const unfounded = await register();
    await act(admin, unfounded.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(head, unfounded.id, 'verify', { verdict: 'unsubstantiated', findings: '经核查录像，不属实。' });
    const replied = await act(head, unfounded.id, 'reply', { channel: 'phone', content: '经核实，反映情况不属实，感谢监督。' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().status).toBe('replied');
  });

  it('waiting for the complainant pauses the reply clock', async () => {
    const c = await register();
    await act(admin, c.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    const before = (await admin.get(`/api/v1/cases/${c.id}`)).json().clocks[0].dueDate;
    expect((await act(head, c.id, 'await_complainant', { reason: '请投诉人补充材料' })).json().clocks[0].state).toBe('paused');
    expect((await act(head, c.id, 'await_complainant', { reason: '再次' })).json().error.code).toBe('already_waiting');
    clock.advance(3 * 86_400_000);
    const resumed = (await act(head, c.id, 'resume')).json();
    expect(resumed.clocks[0].state).toBe('running');
    expect(resumed.clocks[0].dueDate > before).toBe(true);
    clock.set(Date.parse('2026-09-30T10:00:00+08:00'));
  });
});

describe('临期 (due soon) is a pack value: horizons.dueSoon', () => {
  it('due Tuesday 2026-10-13 at closing: on Monday morning it is due soon only once the pack looks two working days ahead', async () => {
    const c = await register({ receivedAt: '2026-09-30T10:00:00+08:00' });
    clock.set(Date.parse('2026-10-12T10:00:00+08:00'));
    const badge = async () => (await admin.get(`/api/v1/cases/${c.id}`)).json().clocks[0].badge;
    const dueSoon = async () => (await admin.get('/api/v1/cases?overdue=due_soon&pageSize=100')).json().items.map((x: { id: string }) => x.id);
    // The preset: one working day ahead, Tuesday 10:00, before the due instant.
    expect(await badge()).toBe('on_time');
    expect(await dueSoon()).not.toContain(c.id);
    await withPolicyOverrides(admin, { horizons: { dueSoon: { value: { amount: 2, unit: 'working_days' }, decision: '提前两个工作日标为临期' } } }, async () => {
      expect(await badge()).toBe('due_soon');
      expect(await dueSoon()).toContain(c.id);
    });
    expect(await badge()).toBe('on_time');
  });
});

describe('a paused clock (waiting for the complainant)', () => {
  it('shows the badge paused, is left out of the lateness filters and the sweep, and resumes with its deadline extended', async () => {
    const paused = await register();
    const running = await register();
    await act(admin, paused.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    clock.set(Date.parse('2026-09-30T11:00:00+08:00'));
    await act(head, paused.id, 'await_complainant', { reason: '请投诉人补充办理时间' });
    // Three weeks later: 002:L103's 5 working days (due 2026-10-13) have long passed.
    clock.set(Date.parse('2026-10-20T10:00:00+08:00'));
    await sweepDueClocks(t.ctx);
    const view = (await admin.get(`/api/v1/cases/${paused.id}`)).json();
    expect(view.clocks[0]).toMatchObject({ state: 'paused', badge: 'paused' });
    expect(view.escalations).toEqual([]);
    expect(latenessEntries(view.timeline, 'overdue')).toEqual([]);
    expect((await admin.get(`/api/v1/cases/${running.id}`)).json().clocks[0].badge).toBe('overdue');
    const listed = async (filter: string) => (await admin.get(`/api/v1/cases?overdue=${filter}&pageSize=100`)).json().items.map((c: { id: string }) => c.id);
    for (const filter of ['overdue', 'severely_overdue', 'due_soon']) expect(await listed(filter), filter).not.toContain(paused.id);
    expect(await listed('overdue')).toContain(running.id);
    expect((await admin.get('/api/v1/cases?pageSize=100')).json().items.find((c: { id: string }) => c.id === paused.id).clocks[0].badge).toBe('paused');
    // The dashboard's 当前超期 counts what the inbox's overdue filter lists: not the paused one.
    const overdueListed = (await admin.get('/api/v1/cases?type=complaint&overdue=overdue&pageSize=100')).json().total;
    expect((await admin.get('/api/v1/dashboard?month=2026-10')).json().complaints.overdue.value).toBe(overdueListed);

    // Resumed: the ten working days of the pause (10-08 … 10-20) are added: 5 + 10 working days after 09-30.
    const resumed = (await act(head, paused.id, 'resume', { note: '投诉人已补充' })).json();
    expect(resumed.clocks[0]).toMatchObject({ state: 'running', dueDate: '2026-10-27', badge: 'on_time' });
    expect(await listed('overdue')).not.toContain(paused.id);
  });
});

describe('the reply reaches the complainant by the channel they chose', () => {
  async function replyTo(complainant: Record<string, unknown>, channel = 'phone') {
    const c = await register({ complainant });
    await act(admin, c.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(head, c.id, 'verify', { verdict: 'unsubstantiated', findings: '不属实。' });
    expect((await act(head, c.id, 'reply', { channel, content: '经核实，情况不属实。' })).statusCode).toBe(200);
    return t.ctx.db.kysely.selectFrom('notifications').select(['channel', 'address', 'body']).where('case_id', '=', c.id).where('user_id', 'is', null).execute();
  }

  it('email, SMS or WeChat as chosen; a phone call or a letter sends no reply message, only the request to rate it', async () => {
    const who = { name: '张先生', phone: '13800000031', email: 'zhang@example.cn' };
    // Issue 13 §4: the complainant rates the handling from a link sent to their phone.
    const ratingOnly = [expect.objectContaining({ channel: 'sms', address: '13800000031', body: expect.not.stringContaining('已答复：') })];
    expect(await replyTo({ ...who, replyChannel: 'email' })).toEqual([expect.objectContaining({ channel: 'email', address: 'zhang@example.cn' })]);
    expect(await replyTo({ ...who, replyChannel: 'sms' }, 'letter')).toEqual([expect.objectContaining({ channel: 'sms', address: '13800000031' })]);
    expect(await replyTo({ ...who, replyChannel: 'wechat' })).toEqual([expect.objectContaining({ channel: 'wechat', address: '13800000031' })]);
    expect(await replyTo({ ...who, replyChannel: 'phone' }, 'sms')).toEqual(ratingOnly);
    expect(await replyTo({ ...who, replyChannel: 'letter' }, 'sms')).toEqual(ratingOnly);
    // No choice on record: the channel the reply was given by decides.
    expect(await replyTo(who, 'phone')).toEqual(ratingOnly);
    expect(await replyTo({ name: '王女士', email: 'wang@example.cn' }, 'letter')).toEqual([]);
    expect(await replyTo(who, 'email')).toEqual([expect.objectContaining({ channel: 'email', address: 'zhang@example.cn' })]);
  });

  it('a chosen channel needs its address (400, nothing registered)', async () => {
    const before = (await admin.get('/api/v1/cases?type=complaint&pageSize=1')).json().total;
    for (const [complainant, path] of [[{ phone: '13800000031', replyChannel: 'email' }, 'body.complainant.email'], [{ email: 'a@example.cn', replyChannel: 'sms' }, 'body.complainant.phone']] as const) {
      const res = await staffUser.post('/api/v1/complaints', { channel: 'window', content: '内容', complainant });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const bad = await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: '内容', contactPhone: '13900000005', replyChannel: 'email' });
    expect(bad.statusCode).toBe(400);
    expect((await admin.get('/api/v1/cases?type=complaint&pageSize=1')).json().total).toBe(before);
  });

  it('the public may ask for an email reply', async () => {
    const res = await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: '网上预约系统无法提交。', contactPhone: '13900000006', contactEmail: 'li@example.cn', replyChannel: 'email' });
    expect(res.statusCode, res.body).toBe(201);
    const id = (await admin.get(`/api/v1/cases?q=${res.json().trackingNo}`)).json().items[0].id;
    // No unit named: the quality office handles it.
    await act(admin, id, 'assign', { assigneeId: ids['hall-quality-office'] });
    await act(admin, id, 'verify', { verdict: 'unsubstantiated', findings: '系统正常。' });
    expect((await act(admin, id, 'reply', { channel: 'online', content: '系统已恢复，请重试。' })).statusCode).toBe(200);
    const sent = await t.ctx.db.kysely.selectFrom('notifications').select(['channel', 'address']).where('case_id', '=', id).where('user_id', 'is', null).execute();
    expect(sent).toEqual([{ channel: 'email', address: 'li@example.cn' }]);
  });
});

describe('escalation sweep', () => {
  it('fires each level once as the simulated clock passes due and severely overdue', async () => {
    clock.set(Date.parse('2026-09-30T10:00:00+08:00'));
    const c = await register();
    await act(admin, c.id, 'assign', { assigneeId: ids['hall-staff'] });
    const levels = () => admin.get(`/api/v1/cases/${c.id}`).then((r) => r.json().escalations.map((e: { levelId: string }) => e.levelId));
    clock.set(Date.parse('2026-10-12T17:30:00+08:00')); // the working day before due
    await sweepDueClocks(t.ctx);
    await sweepDueClocks(t.ctx);
    const first = await levels();
    expect(first.length).toBe(1);
    clock.set(Date.parse('2026-10-14T09:00:00+08:00')); // due 10-13 17:00 passed: 超期
    await sweepDueClocks(t.ctx);
    const view = (await admin.get(`/api/v1/cases/${c.id}`)).json();
    expect(view.clocks[0].badge).toBe('overdue');
    expect(latenessEntries(view.timeline, 'overdue')).toHaveLength(1);
    expect((await levels()).length).toBe(2);
    clock.set(Date.parse('2026-10-30T09:00:00+08:00')); // past 2× the duration: 严重超期
    await sweepDueClocks(t.ctx);
    await sweepDueClocks(t.ctx);
    const final = (await admin.get(`/api/v1/cases/${c.id}`)).json();
    expect(final.clocks[0].badge).toBe('severely_overdue');
    expect(final.escalations.length).toBe(3);
    expect(new Set(final.escalations.map((e: { levelId: string }) => e.levelId)).size).toBe(3);
    expect(final.priority).not.toBe('normal');
    // The overdue filter finds it.
    const overdue = (await admin.get('/api/v1/cases?overdue=severely_overdue')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    // The unit head and quality office were told (in-app inbox).
    const inbox = (await (await t.login('hall-quality-office')).get('/api/v1/inbox')).json();
    expect(inbox.items.some((m: { caseId: string }) => m.caseId === c.id)).toBe(true);
    clock.set(Date.parse('2026-09-30T10:00:00+08:00'));
  });
});

describe('public intake and status', () => {
  it('files a complaint without login and shows status and reply, nothing about staff', async () => {
    const res = await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: '3号窗口排队两小时无人叫号。', unitCode: 'G-A-03', category: 'efficiency', contactPhone: '13900000002' });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, queryCode, replyDueDate } = res.json();
    expect(replyDueDate).toBe('2026-10-13');
    const status = await t.anonymous.get(`/api/v1/public/complaints/${trackingNo}?code=${queryCode}`);
    expect(status.json()).toMatchObject({ trackingNo, publicStatus: 'open' });
    expect((await t.anonymous.get(`/api/v1/public/complaints/${trackingNo}?code=wrong-code`)).statusCode).toBe(404);
    const id = (await admin.get(`/api/v1/cases?q=${trackingNo}`)).json().items[0].id;
    await act(admin, id, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(head, id, 'verify', { verdict: 'substantiated', findings: '叫号机故障，已报修。', staffId: ids.G2005 });
    await act(head, id, 'record_cause', { causes: ['process'], note: '郭佳未及时上报设备故障' });
    await act(head, id, 'record_measure', { measure: '更换叫号机，郭佳作书面检查。' });
    await act(head, id, 'reply', { channel: 'sms', content: '叫号机已修复，给您带来不便深表歉意。' });
    await act(admin, id, 'close', { note: '内部：窗口张三扣绩效200元' });
    await act(admin, id, 'reopen', { reason: '内部复查：郭佳处理记录不全' });
    const after = (await t.anonymous.get(`/api/v1/public/complaints/${trackingNo}?code=${queryCode}`)).json();
    // Public events show their label; only the reply carries a text (the answer to the complainant).
    expect(after.events.map((e: { action: string }) => e.action)).toEqual(['register', 'reply', 'close', 'reopen']);
    expect(after.events.map((e: { note: string | null }) => e.note)).toEqual([null, '叫号机已修复，给您带来不便深表歉意。', null, null]);
    expect(after.events[2].label).toEqual({ zh: '办结', en: 'Close' });
    const html = (await t.app.inject({ method: 'GET', url: `/public/complaints/status?no=${trackingNo}&code=${encodeURIComponent(queryCode)}` })).body;
    expect(html).toContain('叫号机已修复');
    for (const text of [JSON.stringify(after), html]) {
      for (const secret of [ids.G2005, '郭佳', '叫号机故障', '张三', '扣绩效', '内部', '更换叫号机', 'hall-unit-head']) expect(text, secret).not.toContain(secret);
    }
    // The reply was queued for the complainant's phone (they left a phone: SMS by default).
    const queued = await t.ctx.db.kysely.selectFrom('notifications').selectAll().where('channel', '=', 'sms').where('address', '=', '13900000002').execute();
    expect(queued).toHaveLength(1);
  });

  it('rejects unknown organisations and extra fields', async () => {
    expect((await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'nowhere', content: 'x' })).statusCode).toBe(404);
    expect((await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: 'x', staffId: 'x' })).statusCode).toBe(400);
  });
});

describe('routes by case type', () => {
  it('the complaint actions refuse a case that is not a complaint (404); the case list refuses an unknown type (400)', async () => {
    const q = await staffUser.post('/api/v1/inquiries', { channel: 'phone', question: '营业执照怎么办？' });
    expect(q.statusCode, q.body).toBe(201);
    const res = await staffUser.post(`/api/v1/complaints/${q.json().id}/note`, { version: q.json().version, text: '备注' });
    expect(res.statusCode).toBe(404);
    expect((await admin.get(`/api/v1/cases/${q.json().id}`)).json().version).toBe(q.json().version);
    const bogus = await admin.get('/api/v1/cases?type=bogus');
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error.code).toBe('validation_failed');
    expect((await admin.get('/api/v1/cases?type=inquiry')).statusCode).toBe(200);
  });
});

describe('case listing', () => {
  it('lists complaints newest first, scoped: a unit head sees only their subtree', async () => {
    const other = await admin.post('/api/v1/complaints', { channel: 'phone', content: '专项区问题', unitId: ids['G-B-01'] });
    expect(other.statusCode).toBe(201);
    const mine = (await head.get('/api/v1/cases?type=complaint&pageSize=100')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((c: { id: string }) => c.id)).not.toContain(other.json().id);
    expect((await head.get(`/api/v1/cases/${other.json().id}`)).statusCode).toBe(403);
    const all = (await admin.get('/api/v1/cases?pageSize=100')).json();
    const times = all.items.map((c: { receivedAt: string }) => c.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('我的待办: the inbox filtered to the caller’s assignments', () => {
  it('mine=true lists only the cases assigned to the caller', async () => {
    const mine = await register();
    await register(); // not assigned
    await act(admin, mine.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    const listed = (await head.get('/api/v1/cases?mine=true&pageSize=100')).json().items as { id: string; assigneeId: string }[];
    expect(listed.map((c) => c.id)).toContain(mine.id);
    expect(listed.every((c) => c.assigneeId === ids['hall-unit-head'])).toBe(true);
    expect((await admin.get('/api/v1/cases?mine=true&pageSize=100')).json().items.every((c: { assigneeId: string }) => c.assigneeId === ids['hall-admin'])).toBe(true);
    expect((await head.get('/api/v1/cases?mine=maybe')).statusCode).toBe(400);
  });
});
