import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { fakeClock, usingPostgres } from '../support/context.js';
import { claimDueClocks, updateCasesBySweep } from '../../src/modules/cases/repository.js';

/**
 * A case action that moves a clock, taken while a sweep batch holds that clock (PostgreSQL: other
 * nodes sweep while people work). The batch locks only the clock's bookmark when it claims it, and
 * writes the case last (a level raising its priority); the action locks the case's bookmarks
 * before it writes the case row. So the action waits for the batch and then finds the version the
 * batch bumped (409): the two never hold what the other waits for, which PostgreSQL would end by
 * aborting one of them as a deadlock.
 */
describe.skipIf(!usingPostgres)('a case action while a sweep batch holds its clock (PostgreSQL)', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('waits for the batch, then answers 409 version_conflict; the batch commits', async () => {
    const clock = fakeClock(Date.parse('2026-09-30T10:00:00+08:00'));
    t = await createTestApp({ clock });
    const admin = await t.login('hall-admin');
    const units = (await admin.get('/api/v1/units?pageSize=100')).json().items as { id: string; code: string }[];
    const registered = await admin.post('/api/v1/complaints', { channel: 'window', content: '锁顺序测试', unitId: units.find((u) => u.code === 'G-A-01')!.id, category: 'attitude' });
    expect(registered.statusCode, registered.body).toBe(201);
    const id = registered.json().id as string;
    const { version } = (await admin.get(`/api/v1/cases/${id}`)).json();
    const db = t.ctx.db.kysely;
    // Waiting for a lock: the action's transaction, from another connection than the batch's.
    const waitingForLock = async () => Number((await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db)).rows[0].n);

    let action: ReturnType<typeof admin.post> | undefined;
    await db.transaction().execute(async (trx) => {
      // Every clock is due a year on: the batch claims this case's reply clock with the rest.
      const claimed = (await claimDueClocks(trx, 'postgres', { now: Date.parse('2027-09-30T10:00:00+08:00'), limit: 10_000 })).clocks;
      expect(claimed.map((c) => c.case_id)).toContain(id);
      // 等待投诉人补充 pauses the reply clock.
      action = admin.post(`/api/v1/complaints/${id}/await_complainant`, { version, reason: '请补充办理时间' });
      const deadline = Date.now() + 60_000;
      while ((await waitingForLock()) === 0) {
        if (Date.now() > deadline) throw new Error('the action never waited for the batch');
        await new Promise((r) => setTimeout(r, 20));
      }
      // The batch's last write: a level raised the case's priority (bumping its version).
      await updateCasesBySweep(trx, t.ctx.db, [{ id, priority: 'high' }], clock.now());
    });
    const answered = await action!;
    expect(answered.statusCode, answered.body).toBe(409);
    expect(answered.json().error.code).toBe('version_conflict');

    const after = (await admin.get(`/api/v1/cases/${id}`)).json();
    expect(after).toMatchObject({ priority: 'high', version: version + 1 });
    // With the version the batch left, the action goes through.
    const retried = await admin.post(`/api/v1/complaints/${id}/await_complainant`, { version: after.version, reason: '请补充办理时间' });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().clocks[0]).toMatchObject({ clockId: 'reply', state: 'paused' });
  });
});
