import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { sweepDueClocks } from '../../src/modules/cases/sweep.js';
import { latenessEntries } from '../support/timeline.js';

/**
 * 期限待定: a complaint received in the last days of December, before the State Council's schedule
 * for next year is imported. RULES §1 Decisions: "A computation that reaches a year with no
 * published schedule must say so instead of guessing" — and a complaint must still be taken.
 * The seeded schedules end with 2026 (chinese-days@1.5.7).
 */
const clock = fakeClock(Date.parse('2026-12-28T10:00:00+08:00')); // Monday
let t: TestApp;
let admin: Session;
let hallAdmin: Session;
let head: Session;
const ids: Record<string, string> = {};

// 2027 元旦: 1 January off (a Friday); the weekend after it is an ordinary weekend.
const schedule2027 = JSON.stringify({ year: 2027, papers: ['test'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] });

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 30 }); // the test walks ten days
  admin = await t.login('hosp-admin');
  hallAdmin = await t.login('hall-admin');
  head = await t.login('hosp-unit-head');
  for (const s of [admin, hallAdmin]) for (const u of (await s.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());

describe('deadlines that wait for next year’s holiday schedule (RULES §1)', () => {
  it('registers a complaint whose reply deadline falls in 2027 with the deadline pending, naming the year', async () => {
    const res = await hallAdmin.post('/api/v1/complaints', { channel: 'window', content: '窗口办理超时', unitId: ids['G-A-01'] });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    ids.hallComplaint = c.id;
    expect(c.replyDueDate).toBeNull();
    expect(c.replyDuePendingYear).toBe(2027);
    expect(c.clocks[0]).toMatchObject({ clockId: 'reply', dueDate: null, dueAt: null, badge: 'pending', pendingYear: 2027 });
  });

  it('takes a public complaint too, and its pages say when the deadline will be known', async () => {
    const res = await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: '网上投诉：预约后仍需排队' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ replyDueDate: null, replyDuePendingYear: 2027 });
    const { trackingNo, queryCode } = res.json();
    const page = await t.app.inject({ method: 'GET', url: `/public/complaints/status?no=${trackingNo}&code=${queryCode}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('将在 2027 年法定节假日安排公布后按工作日确定');
    const en = await t.app.inject({ method: 'GET', url: `/public/complaints/status?lang=en&no=${trackingNo}&code=${queryCode}` });
    expect(en.body).toContain('once the 2027 holiday schedule is published');
    ids.publicTrackingNo = trackingNo;
    ids.publicQueryCode = queryCode;
  });

  it('lists pending cases with overdue=pending, within the caller’s scope', async () => {
    const im = (await admin.post('/api/v1/complaints', { channel: 'phone', content: '内科病区夜间呼叫无人应答', unitId: ids['H-IM-W1'] })).json();
    const opd = (await admin.post('/api/v1/complaints', { channel: 'window', content: '挂号窗口态度差', unitId: ids['H-OPD-REG'] })).json();
    const all = (await admin.get('/api/v1/cases?overdue=pending&pageSize=100')).json();
    expect(all.items.map((c: { id: string }) => c.id).sort()).toEqual([im.id, opd.id].sort());
    const scoped = (await head.get('/api/v1/cases?overdue=pending&pageSize=100')).json();
    expect(scoped.items.map((c: { id: string }) => c.id)).toEqual([opd.id]); // 门诊部's head does not see 内科
    expect((await admin.get('/api/v1/cases?overdue=overdue')).json().total).toBe(0);
  });

  it('a sweep before the schedule arrives fires nothing and keeps the deadlines pending', async () => {
    clock.advance(3 * 24 * 3_600_000); // Thursday 31 December
    const report = await sweepDueClocks(t.ctx);
    expect(report).toMatchObject({ fired: 0, deadlinesSet: 0 });
    expect((await hallAdmin.get(`/api/v1/cases/${ids.hallComplaint}`)).json().clocks[0].badge).toBe('pending');
  });

  it('importing 2027 gives every pending deadline its date at the next sweep, once, on the timeline and in the audit log', async () => {
    expect((await admin.post('/api/v1/calendar/import', { format: 'holiday-cn', content: schedule2027, source: '国办发明电〔2026〕test' })).statusCode).toBe(200);
    const report = await sweepDueClocks(t.ctx);
    expect(report.deadlinesSet).toBe(4);
    expect((await sweepDueClocks(t.ctx)).deadlinesSet).toBe(0); // once
    const c = (await hallAdmin.get(`/api/v1/cases/${ids.hallComplaint}`)).json();
    // 002:L103 reply within 5 working days of receipt (Mon 28 Dec): 29, 30, 31 Dec, 4, 5 Jan (1 Jan 元旦, then a weekend).
    expect(c.clocks[0]).toMatchObject({ dueDate: '2027-01-05', badge: 'on_time', pendingYear: null });
    const set = c.timeline.filter((e: { action: string }) => e.action === 'deadline_set');
    expect(set).toHaveLength(1);
    expect(set[0].note).toContain('2027-01-05');
    const audit = (await hallAdmin.get('/api/v1/audit?entity=case_clock&pageSize=100')).json();
    expect(audit.items.filter((a: { action: string }) => a.action === 'deadline_set')).toHaveLength(2);
    expect((await admin.get('/api/v1/cases?overdue=pending')).json().total).toBe(0);

    const status = (await t.anonymous.get(`/api/v1/public/complaints/${ids.publicTrackingNo}?code=${ids.publicQueryCode}`)).json();
    expect(status).toMatchObject({ replyDueDate: '2027-01-05', replyDuePendingYear: null });
    expect(status.events.map((e: { label: { zh: string } }) => e.label.zh)).toContain('办理期限已确定');
  });

  it('once dated, the clock runs as usual: overdue after the due day', async () => {
    clock.set(Date.parse('2027-01-06T09:00:00+08:00'));
    await sweepDueClocks(t.ctx);
    const c = (await hallAdmin.get(`/api/v1/cases/${ids.hallComplaint}`)).json();
    expect(c.clocks[0].badge).toBe('overdue');
    expect(latenessEntries(c.timeline, 'overdue')).toHaveLength(1);
  });
});
