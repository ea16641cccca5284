/**
 * A completed repair is followed up, and that follow-up is the work order's callback (回访,
 * 004:L76; the loop closes through it, 004:L214; RULES §2 Decisions: callback 3 working days
 * after completion, 调休 counted) — over HTTP on the utility preset: one callback, recorded from
 * either side, never two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedUtility } from '../support/utility.js';

const clock = fakeClock(Date.parse('2026-09-18T08:00:00+08:00'));
let t: TestApp;
let dispatcher: Session;
let tech: Session;
let seeded: Awaited<ReturnType<typeof seedUtility>>;

async function act(s: Session, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = (await s.get(`/api/v1/repairs/${id}`)).json();
  const res = await s.post(`/api/v1/repairs/${id}/${action}`, { version: current.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Reported, dispatched, arrived and completed on Friday 2026-09-18 at 10:00. */
async function completedOnFriday(contactPhone = '13912345678') {
  clock.set(Date.parse('2026-09-18T08:00:00+08:00'));
  const res = await dispatcher.post('/api/v1/repairs', { channel: 'phone', reportedAt: '2026-09-18T07:30:00+08:00', fault: '水表前阀门漏水', contactName: '周女士', contactPhone, address: '城东区幸福路 8 号', unitId: seeded.station.id });
  expect(res.statusCode, res.body).toBe(201);
  const order = res.json();
  await act(dispatcher, order.id, 'dispatch', { technicianId: seeded.technician.id });
  clock.set(Date.parse('2026-09-18T10:30:00+08:00'));
  await act(tech, order.id, 'arrive', { arrivedAt: '2026-09-18T08:20:00+08:00' });
  return act(tech, order.id, 'complete', { completedAt: '2026-09-18T10:00:00+08:00', summary: '更换阀门' });
}

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  seeded = await seedUtility(t.ctx);
  dispatcher = await t.login('gas-dispatch');
  tech = await t.login('gas-tech');
});
afterAll(async () => t?.close());

describe('a completed repair opens its callback as a follow-up', () => {
  it('completed on Friday 2026-09-18 before the make-up Sunday 09-20 (调休): the follow-up is due Tuesday 09-22, like the callback', async () => {
    const done = await completedOnFriday();
    expect(done.callbackDueDate).toBe('2026-09-22');
    expect(done.data.followUp.trackingNo).toMatch(/^SF/);
    const f = (await dispatcher.get(`/api/v1/followups/${done.data.followUp.caseId}`)).json();
    // Sun 20 (make-up working day) → 1, Mon 21 → 2, Tue 22 → 3.
    expect(f).toMatchObject({ source: 'repair', status: 'pending', phone: '13912345678', unitId: seeded.station.id, assigneeId: null, dueDate: '2026-09-22' });
    expect(f.data).toMatchObject({ sourceCaseId: done.id, sourceTrackingNo: done.trackingNo });
    expect(f.receivedAt).toBe('2026-09-18T10:00:00+08:00');
  });

  it('the follow-up answered records the work order\'s callback: called back, clock met, then it closes with the card', async () => {
    const done = await completedOnFriday('13912345679');
    const id = done.data.followUp.caseId;
    clock.set(Date.parse('2026-09-21T09:00:00+08:00'));
    const v = (await dispatcher.get(`/api/v1/followups/${id}`)).json().version;
    expect((await dispatcher.post(`/api/v1/followups/${id}/attempt`, { outcome: 'reached', version: v })).statusCode).toBe(200);
    const answered = await dispatcher.post(`/api/v1/followups/${id}/answers`, { satisfaction: 5, comment: '师傅很仔细', version: v + 1 });
    expect(answered.statusCode, answered.body).toBe(200);
    const order = (await dispatcher.get(`/api/v1/repairs/${done.id}`)).json();
    expect(order.status).toBe('called_back');
    expect(order.callbackBadge).toBe('met');
    expect(order.data.callback).toMatchObject({ satisfied: true });
    expect(order.data.callback.outcome).toContain('师傅很仔细');
    // Not a second callback: the desk's callback action is no longer open.
    const again = await dispatcher.post(`/api/v1/repairs/${done.id}/callback`, { version: order.version, outcome: '再次回访', satisfied: true });
    expect(again.statusCode).toBe(409);
    await act(tech, done.id, 'refuse-card', { reason: '用户不在家，家属不便签字' });
    expect((await act(dispatcher, done.id, 'close', {})).status).toBe('closed');
    // Closing the order opens no further follow-up.
    const list = (await dispatcher.get('/api/v1/followups?pageSize=100')).json().items.filter((i: { data: { sourceCaseId?: string } }) => i.data.sourceCaseId === done.id);
    expect(list).toHaveLength(1);
  });

  it('the callback recorded at the desk settles the follow-up, which is not called again', async () => {
    const done = await completedOnFriday('13912345680');
    clock.set(Date.parse('2026-09-21T09:00:00+08:00'));
    const called = await act(dispatcher, done.id, 'callback', { outcome: '用户表示满意', satisfied: true });
    expect(called.callbackBadge).toBe('met');
    const f = (await dispatcher.get(`/api/v1/followups/${done.data.followUp.caseId}`)).json();
    expect(f).toMatchObject({ status: 'completed', closed: true });
    expect(f.data.recordedOnSource).toMatchObject({ trackingNo: done.trackingNo });
    expect(f.clocks[0]).toMatchObject({ clockId: 'repair', state: 'stopped', badge: 'met' });
    expect((await dispatcher.post(`/api/v1/followups/${f.id}/attempt`, { outcome: 'reached', version: f.version })).statusCode).toBe(409);
  });

  it('an unreachable customer is recorded as the callback (made, not satisfied)', async () => {
    const done = await completedOnFriday('13912345681');
    const id = done.data.followUp.caseId;
    clock.set(Date.parse('2026-09-21T09:00:00+08:00'));
    for (let i = 0; i < 3; i += 1) {
      const v = (await dispatcher.get(`/api/v1/followups/${id}`)).json().version;
      expect((await dispatcher.post(`/api/v1/followups/${id}/attempt`, { outcome: 'no_answer', version: v })).statusCode).toBe(200);
    }
    const order = (await dispatcher.get(`/api/v1/repairs/${done.id}`)).json();
    expect(order.status).toBe('called_back');
    expect(order.data.callback).toMatchObject({ satisfied: false });
    expect(order.data.callback.outcome).toContain('无法联系');
  });
});
