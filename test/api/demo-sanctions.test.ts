/**
 * The demo's sanctions (issue 15 item 8): a first start shows sanctions in each state of the
 * procedure (RULES §5) in the demo hospital, the staff login has one whose appeal window
 * is open, and the final ones are in the ledger. Seeding twice adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { seedDemoSanctions } from '../../src/demo/sanctions.js';

const clock = fakeClock(Date.parse('2026-11-18T10:00:00+08:00'));
let t: TestApp;
let seconds = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const started = Date.now();
  await seedDemoSanctions(t.ctx, 'demo-hospital', clock.now());
  seconds = (Date.now() - started) / 1000;
  console.log(`demo sanctions seeded in ${seconds.toFixed(2)} s`);
}, 300_000);
afterAll(async () => t?.close());

type Row = { id: string; status: string; amountFen: number; nextStep: string | null; payrollMonth: string | null; appealClosesAt: string | null };

describe('demo sanctions', () => {
  it('the hospital shows every state; the final ones reached the ledger', async () => {
    const admin = await t.login('hosp-admin');
    const all = (await admin.get('/api/v1/sanctions?view=all&pageSize=100')).json().items as Row[];
    const states = new Set(all.map((s) => s.status));
    for (const s of ['proposed', 'reviewed', 'approved', 'noticed', 'appealed', 'final', 'dismissed']) expect(states, s).toContain(s);
    const final = all.filter((s) => s.status === 'final');
    expect(final.length).toBeGreaterThanOrEqual(3);
    for (const s of final) expect(s.payrollMonth, s.id).toMatch(/^\d{4}-\d{2}$/);
    const ledger = await t.ctx.db.kysely.selectFrom('ledger_entries').select('sanction_id').where('sanction_id', 'in', final.map((s) => s.id)).execute();
    expect(new Set(ledger.map((l) => l.sanction_id))).toEqual(new Set(final.map((s) => s.id)));
    // The leadership (the committee, and the office's work too) has every step waiting somewhere.
    const queue = (await admin.get('/api/v1/sanctions?view=queue&pageSize=100')).json().items as Row[];
    expect(new Set(queue.map((s) => s.nextStep))).toEqual(new Set(['review', 'approve', 'decide', 'appeal_decision']));
  });

  it('张丽 (hosp-staff) sees her own: one to appeal now, one appealed, one reduced on appeal', async () => {
    const mine = (await (await t.login('hosp-staff')).get('/api/v1/sanctions?view=mine')).json().items as Row[];
    expect(mine.find((s) => s.status === 'noticed')?.nextStep).toBe('appeal');
    expect(mine.some((s) => s.status === 'appealed')).toBe(true);
    expect(mine.find((s) => s.status === 'final')?.amountFen).toBe(10_000);
  });

  it('the list filters by kind and by the month proposed (the organisation\'s time)', async () => {
    const admin = await t.login('hosp-admin');
    const all = (await admin.get('/api/v1/sanctions?view=all&pageSize=100')).json().items as (Row & { direction: string; createdAt: string })[];
    const rewards = (await admin.get('/api/v1/sanctions?view=all&direction=reward&pageSize=100')).json();
    expect(rewards.total).toBe(all.filter((s) => s.direction === 'reward').length);
    expect(rewards.total).toBeGreaterThan(0);
    const inMonth = (m: string) => all.filter((s) => new Date(Date.parse(s.createdAt) + 8 * 3_600_000).toISOString().startsWith(m)).length;
    for (const month of ['2026-10', '2026-11']) {
      const r = (await admin.get(`/api/v1/sanctions?view=all&month=${month}&pageSize=100`)).json();
      expect(r.total, month).toBe(inMonth(month));
    }
    expect((await admin.get('/api/v1/sanctions?month=2026-13')).statusCode).toBe(400);
  });

  it('the hall shows 首问负责 sanctions at 0 元: one to appeal for hall-staff, one final in no payroll (004:L188)', async () => {
    expect(await seedDemoSanctions(t.ctx, 'demo-hall', clock.now())).toBe(3);
    const all = (await (await t.login('hall-admin')).get('/api/v1/sanctions?view=all&pageSize=100')).json().items as (Row & { outcomes: string[] })[];
    expect(new Set(all.map((s) => s.status))).toEqual(new Set(['proposed', 'noticed', 'final']));
    expect(all.every((s) => s.amountFen === 0 && s.outcomes.includes('criticism'))).toBe(true);
    expect(all.find((s) => s.status === 'final')?.payrollMonth).toBeNull();
    const mine = (await (await t.login('hall-staff')).get('/api/v1/sanctions?view=mine')).json().items as Row[];
    expect(mine.map((s) => [s.status, s.nextStep])).toEqual([['noticed', 'appeal']]);
  });

  it('seeding again adds nothing', async () => {
    expect(await seedDemoSanctions(t.ctx, 'demo-hospital', clock.now())).toBe(0);
  });
});
