import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { sweepDueClocks } from '../../src/modules/cases/sweep.js';

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
    await act(head, c.id, 'record_measure', { measure: '对当事人批评教育，全科学习服务规范。' });
    // 002:L129 a complaint cannot close without a recorded reply.
    const early = await act(admin, c.id, 'close');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('reply_required');
    const replied = await act(head, c.id, 'reply', { channel: 'phone', content: '经核实情况属实，已对当事人批评教育，感谢监督。' });
    expect(replied.json().status).toBe('replied');
    expect(replied.json().clocks[0]).toMatchObject({ clockId: 'reply', state: 'stopped', badge: 'met' });
    await act(head, c.id, 'record_satisfaction', { satisfaction: 'satisfied' });
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

  it('a substantiated complaint enters the staff member\'s incident file; unsubstantiated leaves it', async () => {
    const c = await register({ staffId: ids.G2004, unitId: ids['G-A-02'] });
    await act(admin, c.id, 'assign', { assigneeId: ids['hall-unit-head'] });
    await act(head, c.id, 'verify', { verdict: 'partly_substantiated', findings: '部分属实。' });
    const file = (await admin.get(`/api/v1/staff/${ids.G2004}/incidents`)).json();
    expect(file.items).toHaveLength(1);
    expect(file.items[0]).toMatchObject({ sourceType: 'complaint', sourceId: c.id, verdict: 'partly_substantiated' });
    await act(head, c.id, 'verify', { verdict: 'unsubstantiated', findings: '复查不属实。' });
    expect((await admin.get(`/api/v1/staff/${ids.G2004}/incidents`)).json().items).toHaveLength(0);
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
    expect(view.timeline.map((e: { action: string }) => e.action)).toContain('overdue');
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
    await act(head, id, 'reply', { channel: 'sms', content: '叫号机已修复，给您带来不便深表歉意。' });
    const after = (await t.anonymous.get(`/api/v1/public/complaints/${trackingNo}?code=${queryCode}`)).json();
    expect(after.events.map((e: { note: string }) => e.note)).toContain('叫号机已修复，给您带来不便深表歉意。');
    const text = JSON.stringify(after);
    expect(text).not.toContain(ids.G2005);
    expect(text).not.toContain('郭佳');
    expect(text).not.toContain('叫号机故障');
    // The reply was queued for the complainant's phone.
    const queued = await t.ctx.db.kysely.selectFrom('notifications').selectAll().where('channel', '=', 'sms').where('address', '=', '13900000002').execute();
    expect(queued).toHaveLength(1);
  });

  it('rejects unknown organisations and extra fields', async () => {
    expect((await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'nowhere', content: 'x' })).statusCode).toBe(404);
    expect((await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: 'x', staffId: 'x' })).statusCode).toBe(400);
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
