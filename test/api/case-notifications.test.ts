import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { sweepDueClocks } from '../../src/modules/cases/sweep.js';

/**
 * Nobody may be left out of a case: a new complaint nobody holds is announced to whoever must
 * assign it, every escalation level reaches someone, and levels may name a role or reassign
 * (issue 4 Deliver 1: recipients assignee, unit head, quality office, a named role; actions
 * notify, reassign, raise priority).
 */
const start = Date.parse('2026-09-30T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let admin: Session;
let office: Session;
let head: Session;
let staffUser: Session;
let supervisor: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  office = await t.login('hall-quality-office');
  head = await t.login('hall-unit-head');
  staffUser = await t.login('hall-staff');
  supervisor = await t.login('hall-supervisor');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
});
afterAll(async () => t?.close());
beforeEach(() => clock.set(start));

const inboxFor = async (s: Session, caseId: string) =>
  (await s.get('/api/v1/inbox?pageSize=100')).json().items.filter((m: { caseId: string }) => m.caseId === caseId).map((m: { subject: string }) => m.subject);

async function act(id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await admin.get(`/api/v1/cases/${id}`)).json();
  const res = await admin.post(`/api/v1/complaints/${id}/${action}`, { version: current.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('a new complaint nobody holds is announced at intake', () => {
  it('to the head of its unit (the nearest above the window)', async () => {
    const res = await staffUser.post('/api/v1/complaints', { channel: 'window', content: '1号窗口中午提前离岗。', unitId: ids['G-A-01'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(await inboxFor(head, res.json().id)).toEqual([`【新投诉待分派】${res.json().trackingNo}`]);
    expect(await inboxFor(office, res.json().id)).toEqual([]);
  });

  it('to the quality office when the public names no unit, or the unit has no head above it', async () => {
    const online = await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', content: '大厅等候区没有饮水机。' });
    expect(online.statusCode, online.body).toBe(201);
    const id = (await admin.get(`/api/v1/cases?q=${online.json().trackingNo}`)).json().items[0].id;
    expect(await inboxFor(office, id)).toEqual([`【新投诉待分派】${online.json().trackingNo}`]);
    const noHead = await t.anonymous.post('/api/v1/public/complaints', { orgCode: 'demo-hall', unitCode: 'G-B-01', content: '4号窗口上午一直无人。' });
    const noHeadId = (await admin.get(`/api/v1/cases?q=${noHead.json().trackingNo}`)).json().items[0].id;
    expect(await inboxFor(office, noHeadId)).toHaveLength(1);
    expect(await inboxFor(head, noHeadId)).toEqual([]);
  });
});

describe('escalation recipients through the sweep', () => {
  it('a level whose recipients resolve to nobody goes to the quality office, and the event says so', async () => {
    // No unit, no assignee: the reminder (recipient: the assignee) has nobody to tell.
    const res = await admin.post('/api/v1/complaints', { channel: 'phone', content: '热线反映：咨询电话无人接听。' });
    const id = res.json().id;
    clock.set(Date.parse('2026-10-12T17:30:00+08:00')); // the working day before due (002:L103: due 10-13)
    await sweepDueClocks(t.ctx);
    const view = (await admin.get(`/api/v1/cases/${id}`)).json();
    expect(view.escalations.map((e: { levelId: string }) => e.levelId)).toEqual(['remind_assignee']);
    const event = view.timeline.find((e: { action: string }) => e.action === 'escalate');
    expect(event.data).toMatchObject({ levelId: 'remind_assignee', recipients: [ids['hall-quality-office']], recipientsFallback: 'quality_office' });
    expect((await inboxFor(office, id)).filter((s: string) => s.startsWith('【临期提醒】'))).toHaveLength(1);
    // The words, not the ids: the clock's label, the level in words, the due time in Beijing time (hall closes 17:00).
    const message = (await office.get('/api/v1/inbox?pageSize=100')).json().items.find((m: { caseId: string }) => m.caseId === id);
    expect(message.body).toBe(`投诉 ${res.json().trackingNo}「答复投诉人」到期时间 2026-10-13 17:00（北京时间）；到期前 1 个工作日：通知承办人。`);
    expect(message.body).not.toMatch(/remind_assignee|reply|T\d{2}:\d{2}|Z\b/);
    expect(event.note).toBe('答复投诉人：到期前 1 个工作日：通知承办人');
  });

  it('a level naming a role notifies everyone holding it; reassign hands the case to the unit head', async () => {
    const before = (await admin.get('/api/v1/policy')).json();
    const level = { id: 'overdue_supervisor', when: 'after', anchor: 'due', offset: { amount: 0, unit: 'working_days' }, recipients: [{ role: 'supervisor' }], actions: ['notify', 'reassign'] };
    const overrides = (recipients: unknown[]) => ({ cases: { complaint: { clocks: { reply: { escalations: { value: [{ ...level, recipients }], decision: '超期即报社会监督员并改由科室负责人办理' } } } } } });
    const typo = await admin.put('/api/v1/policy/overrides', { version: before.version, overrides: overrides([{ role: 'nurse_manager' }]) });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.code).toBe('policy_invalid');
    const saved = await admin.put('/api/v1/policy/overrides', { version: before.version, overrides: overrides([{ role: 'supervisor' }]) });
    expect(saved.statusCode, saved.body).toBe(200);
    try {
      const c = (await staffUser.post('/api/v1/complaints', { channel: 'window', content: '1号窗口态度生硬。', unitId: ids['G-A-01'] })).json();
      await act(c.id, 'assign', { assigneeId: ids['hall-staff'] });
      const version = (await admin.get(`/api/v1/cases/${c.id}`)).json().version;
      clock.set(Date.parse('2026-10-14T09:00:00+08:00')); // due 10-13 passed
      await sweepDueClocks(t.ctx);
      await sweepDueClocks(t.ctx);
      const view = (await admin.get(`/api/v1/cases/${c.id}`)).json();
      expect(view.escalations.map((e: { levelId: string }) => e.levelId)).toEqual(['overdue_supervisor']);
      expect(view.assigneeId).toBe(ids['hall-unit-head']);
      expect(view.version).toBe(version + 1);
      const event = view.timeline.find((e: { action: string }) => e.action === 'escalate');
      expect(event.data).toMatchObject({ recipients: [ids['hall-supervisor']], actions: ['notify', 'reassign'], assignee_id: ids['hall-unit-head'] });
      expect(event.data.recipientsFallback).toBeUndefined();
      expect(await inboxFor(supervisor, c.id)).toEqual([expect.stringMatching(/^【超期督办】/)]);
    } finally {
      const current = (await admin.get('/api/v1/policy')).json();
      await admin.put('/api/v1/policy/overrides', { version: current.version, overrides: {} });
    }
  });
});
