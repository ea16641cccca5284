import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedUtility } from '../support/utility.js';
import { systemActor } from '../../src/shared/access.js';
import { createUnit } from '../../src/modules/units/service.js';

/**
 * The repair routes as the dispatcher of one station (a unit head) and as a technician: another
 * station's work orders are out of reach, and a technician acts only on orders given to them.
 * See access.test.ts for the coverage rule.
 */
const clock = fakeClock(Date.parse('2026-11-09T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let dispatcher: Session;
let tech2: Session;
let otherOrder: { id: string; version: number };
let otherStation = '';

const report = (unitId: string) => ({ channel: 'phone', reportedAt: '2026-11-09T09:30:00+08:00', fault: '燃气表漏气', contactName: '周女士', contactPhone: '13912345678', address: '城西路 1 号', unitId });

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  const seeded = await seedUtility(t.ctx);
  otherStation = (await createUnit(t.ctx, systemActor(seeded.org.id, 'test'), { code: 'GAS-S2', name: '城西抢修站', kind: 'department', parentId: seeded.root.id })).id;
  admin = await t.login('gas-admin');
  dispatcher = await t.login('gas-dispatch');
  tech2 = await t.login('gas-tech2');
  const created = await admin.post('/api/v1/repairs', report(otherStation));
  expect(created.statusCode, created.body).toBe(201);
  otherOrder = created.json();
});
afterAll(async () => t?.close());

async function expectRefused(res: { statusCode: number; body: string; json(): any }) {
  expect([403, 404], res.body).toContain(res.statusCode);
  expect(['forbidden', 'out_of_scope', 'not_found']).toContain(res.json().error.code);
}

describe('repair routes: a station dispatcher reaches only its station, a technician only their orders', () => {
  it("'GET /api/v1/repairs' lists the dispatcher's station only", async () => {
    const own = (await dispatcher.get('/api/v1/repairs')).json();
    expect(own.items.map((o: { id: string }) => o.id)).not.toContain(otherOrder.id);
    expect((await admin.get('/api/v1/repairs')).json().items.map((o: { id: string }) => o.id)).toContain(otherOrder.id);
  });

  it("'GET /api/v1/repairs/:id' and 'POST /api/v1/repairs/:id/:action' refuse another station's order", async () => {
    await expectRefused(await dispatcher.get(`/api/v1/repairs/${otherOrder.id}`));
    await expectRefused(await dispatcher.post(`/api/v1/repairs/${otherOrder.id}/note`, { version: otherOrder.version, text: '越权备注' }));
    await expectRefused(await tech2.post(`/api/v1/repairs/${otherOrder.id}/arrive`, { version: otherOrder.version, arrivedAt: '2026-11-09T09:50:00+08:00' }));
    const after = (await admin.get(`/api/v1/repairs/${otherOrder.id}`)).json();
    expect(after.version).toBe(otherOrder.version);
  });

  it("'POST /api/v1/repairs' is refused to a technician; the dispatcher's order lands in their own station", async () => {
    expect((await tech2.post('/api/v1/repairs', report(otherStation))).statusCode).toBeGreaterThanOrEqual(400);
    const own = await dispatcher.post('/api/v1/repairs', { ...report(otherStation), unitId: undefined });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().unitId).not.toBe(otherStation);
  });

  it("'GET /api/v1/repairs/figures' and 'GET /api/v1/exports/repairs.xlsx' count the dispatcher's station only; technicians are refused", async () => {
    const figures = (await dispatcher.get('/api/v1/repairs/figures?month=2026-11')).json();
    expect(JSON.stringify(figures)).not.toContain(otherStation);
    await expectRefused(await tech2.get('/api/v1/repairs/figures?month=2026-11'));
    await expectRefused(await tech2.get('/api/v1/exports/repairs.xlsx?month=2026-11'));
    expect((await dispatcher.get('/api/v1/exports/repairs.xlsx?month=2026-11')).statusCode).toBe(200);
  });
});
