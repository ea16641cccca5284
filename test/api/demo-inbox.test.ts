import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { fillDemoActivity } from '../../src/demo/seed.js';

// Issue 13 §4: the inbox does not greet a new user with 99+ unread — the demo history generated
// on first start (last month and this month so far) is marked read.
const clock = fakeClock(Date.parse('2026-11-18T10:00:00+08:00'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await fillDemoActivity(t.ctx, ['demo-hall'], clock.now());
}, 300_000);
afterAll(async () => t?.close());

describe('demo history in the inbox', () => {
  it('the generated notices are there, and none is unread', async () => {
    for (const username of ['hall-unit-head', 'hall-quality-office']) {
      const inbox = (await (await t.login(username)).get('/api/v1/inbox?pageSize=5')).json();
      expect(inbox.total, username).toBeGreaterThan(0);
      expect(inbox.unread, username).toBe(0);
    }
  });

  it('what arrives after the first start is unread as usual', async () => {
    const admin = await t.login('hall-admin');
    const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string }[];
    expect((await admin.post('/api/v1/complaints', { channel: 'window', content: '新到的投诉，无人分派。', unitId: units.find((u) => u.code === 'G-A-01')!.id })).statusCode).toBe(201);
    expect((await (await t.login('hall-unit-head')).get('/api/v1/inbox?pageSize=5')).json().unread).toBe(1);
  });
});
