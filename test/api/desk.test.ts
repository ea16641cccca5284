import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';

// Issue 13 §7: each role's home is a desk — own open cases by deadline, overdue and due-soon counts.
const start = Date.parse('2026-09-30T10:00:00+08:00');
const clock = fakeClock(start);
let t: TestApp;
let admin: Session;
let head: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  head = await t.login('hall-unit-head');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
  for (const u of (await admin.get('/api/v1/users?pageSize=100')).json().items) ids[u.username] = u.id;
});
afterAll(async () => t?.close());

async function assignedToHead(receivedAt: string) {
  const c = (await admin.post('/api/v1/complaints', { channel: 'phone', content: `来电反映窗口办理缓慢（${receivedAt}）。`, unitId: ids['G-A-01'], receivedAt })).json();
  expect((await admin.post(`/api/v1/complaints/${c.id}/assign`, { version: c.version, assigneeId: ids['hall-unit-head'] })).statusCode).toBe(200);
  return c;
}

describe('GET /api/v1/me/desk', () => {
  it("lists the caller's open cases soonest deadline first, with the counts of what they may see", async () => {
    const later = await assignedToHead('2026-09-29T09:00:00+08:00');
    const sooner = await assignedToHead('2026-09-21T09:00:00+08:00'); // 5 working days (002:L103): due 2026-09-28, overdue on 09-30
    await admin.post('/api/v1/complaints', { channel: 'window', content: '无人认领的投诉。', unitId: ids['G-A-01'] });
    const desk = (await head.get('/api/v1/me/desk')).json();
    expect(desk.mine.total).toBe(2);
    expect(desk.mine.items.map((c: { id: string }) => c.id)).toEqual([sooner.id, later.id]);
    expect(desk.mine.items[0].clocks[0].badge).toBe('overdue');
    expect(desk.counts).toMatchObject({ overdue: 1, mineOverdue: 1 });
    expect(desk.queues).toEqual([expect.objectContaining({ id: 'awaiting_callback', type: 'rectification', count: 0, label: { zh: '差评待回访', en: expect.any(String) } })]);
    // Another role sees its own desk: the administrator holds none of these.
    const adminDesk = (await admin.get('/api/v1/me/desk')).json();
    expect(adminDesk.mine.total).toBe(0);
    expect(adminDesk.counts.overdue).toBe(1);
  });
});
