import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock } from '../support/context.js';
import { sweepDueClocks } from '../../src/modules/cases/sweep.js';
import { claimDueClocks } from '../../src/modules/cases/repository.js';
import { latenessEntries } from '../support/timeline.js';

/**
 * The deadline sweep checks a claimed batch of clocks together (reads once, writes its events,
 * messages, audit entries and clocks at the end). Whatever the batch size, each complaint ends
 * with the same record as if it had been checked alone: every level fired once and audited in an
 * unbroken chain, each lateness change recorded once on its own timeline (on the entry of the
 * level fired with it) with consecutive numbers, every message in the unit head's inbox.
 */
const clock = fakeClock(Date.parse('2026-09-30T10:00:00+08:00'));
let t: TestApp;
let admin: Session;
let staffUser: Session;
let head: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ clock, sessionHours: 24 * 365 });
  admin = await t.login('hall-admin');
  staffUser = await t.login('hall-staff');
  head = await t.login('hall-unit-head');
  for (const u of (await admin.get('/api/v1/units?pageSize=100')).json().items) ids[u.code] = u.id;
});
afterAll(async () => t?.close());

async function registerMany(n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await staffUser.post('/api/v1/complaints', { channel: 'window', content: `批量扫描测试 ${i}`, unitId: ids['G-A-01'], category: 'attitude' });
    expect(res.statusCode, res.body).toBe(201);
    out.push(res.json().id);
  }
  return out;
}

describe('deadline sweep in batches', () => {
  it('records each complaint as if it were checked alone, with batches smaller than what is due', async () => {
    clock.set(Date.parse('2026-09-30T10:00:00+08:00'));
    const cases = await registerMany(7);
    const auditBefore = (await admin.get('/api/v1/audit?actor=deadline-sweep&pageSize=1')).json().total;
    // 2026-10-30 is past twice the reply duration (002:L103, 5 working days): every level is due at once.
    clock.set(Date.parse('2026-10-30T09:00:00+08:00'));
    const report = await sweepDueClocks(t.ctx, { limit: 3 });
    expect(report.checked).toBeGreaterThanOrEqual(7);
    expect((await sweepDueClocks(t.ctx, { limit: 3 })).fired).toBe(0);

    let levelsPerCase = 0;
    for (const id of cases) {
      const view = (await admin.get(`/api/v1/cases/${id}`)).json();
      expect(view.clocks[0].badge).toBe('severely_overdue');
      const levels = view.escalations.map((e: { levelId: string }) => e.levelId);
      // Each fired level in words from its clock's definition (到期前… / 已到期未办结：通知…), never its code.
      for (const e of view.escalations as { levelId: string; levelWords: string | null }[]) expect(e.levelWords).toMatch(/^(到期|已到期|严重超期|已严重超期).*：通知/);
      expect(new Set(levels).size).toBe(levels.length);
      expect(levels.length).toBeGreaterThan(0);
      levelsPerCase ||= levels.length;
      expect(levels.length).toBe(levelsPerCase);
      const seqs = view.timeline.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
      const actions = view.timeline.map((e: { action: string }) => e.action);
      // Every level fired at once, the clock severely overdue: the last level's entry names it, none of its own.
      const escalated = view.timeline.filter((e: { action: string }) => e.action === 'escalate');
      expect(latenessEntries(view.timeline, 'severely_overdue')).toEqual([escalated[escalated.length - 1]]);
      expect(actions.filter((a: string) => a === 'escalate')).toHaveLength(levels.length);
    }
    expect(report.fired).toBe(levelsPerCase * cases.length);
    // Each firing is audited once: a hundred to an entry when a batch fires several (one entry of 3 per batch here).
    const entries = (await admin.get(`/api/v1/audit?actor=deadline-sweep&pageSize=100`)).json();
    const sweepEntries = entries.items.slice(0, entries.total - auditBefore);
    const audited = sweepEntries.flatMap((e: { entity: string; entityId: string; after: { firings?: { caseId: string; levelId: string }[]; levelId?: string } }) =>
      e.entity === 'escalation_batch' ? e.after.firings!.map((f) => `${f.caseId}|${f.levelId}`) : [`${e.entityId}|${e.after.levelId}`],
    );
    expect(audited).toHaveLength(report.fired);
    expect(new Set(audited).size).toBe(report.fired);
    for (const id of cases) expect(audited.filter((a: string) => a.startsWith(`${id}|`))).toHaveLength(levelsPerCase);
    expect(sweepEntries.length).toBeLessThan(report.fired);
    // Searching the log for a case finds the batch entries that list its firings, and no other batch.
    for (const id of cases.slice(0, 2)) {
      const found = (await admin.get(`/api/v1/audit?entityId=${id}&pageSize=100`)).json().items as { entity: string; entityId: string; listedCount: number | null; after: { firings?: { caseId: string; levelId: string }[]; levelId?: string } }[];
      const firings = found.flatMap((e) => (e.entity === 'escalation_batch' ? e.after.firings!.filter((f) => f.caseId === id).map((f) => f.levelId) : e.entityId === id && e.after?.levelId ? [e.after.levelId] : []));
      expect(firings).toHaveLength(levelsPerCase);
      for (const e of found) expect(e.entityId === id || e.after.firings?.some((f) => f.caseId === id)).toBe(true);
      // A batch entry says how many it lists (the audit page reads 共 N 条); a case's own entry lists none.
      for (const e of found) expect(e.listedCount).toBe(e.entity === 'escalation_batch' ? e.after.firings!.length : null);
    }
    const chain = (await admin.post('/api/v1/audit/verify', {})).json();
    expect(chain).toMatchObject({ ok: true, firstBroken: null });
    const inbox = (await head.get('/api/v1/inbox?pageSize=100')).json().items.map((m: { caseId: string }) => m.caseId);
    for (const id of cases) expect(inbox).toContain(id);
  });

  it('gives every due clock to exactly one share of the cases, a case never split between shares', async () => {
    clock.set(Date.parse('2026-11-02T10:00:00+08:00'));
    const cases = await registerMany(12);
    clock.set(Date.parse('2026-12-02T09:00:00+08:00'));
    const now = clock.now();
    const { kysely, dialect } = t.ctx.db;
    const all = (await claimDueClocks(kysely, dialect, { now, limit: 10_000 })).clocks;
    expect(all.map((r) => r.case_id)).toEqual(expect.arrayContaining(cases));
    for (const of of [2, 3, 16]) {
      const shares = [];
      for (let index = 0; index < of; index++) shares.push((await claimDueClocks(kysely, dialect, { now, limit: 10_000, share: { index, of } })).clocks);
      const claimed = shares.flat().map((r) => `${r.case_id}|${r.clock_id}`);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(all.map((r) => `${r.case_id}|${r.clock_id}`).sort());
      shares.forEach((rows, index) => {
        for (const r of rows) expect(parseInt(r.case_id.slice(-1), 16) % of).toBe(index);
      });
    }
    // The sweep itself (two shares at once on PostgreSQL) checks each of them once.
    expect((await sweepDueClocks(t.ctx, { limit: 5 })).checked).toBe(all.length);
    expect((await claimDueClocks(kysely, dialect, { now, limit: 10_000 })).clocks).toEqual([]);
  });

  it('claims each clock with its case and the levels already fired in its run', async () => {
    clock.set(Date.parse('2026-11-02T10:00:00+08:00'));
    const [swept, fresh] = await registerMany(2);
    // Between the reminder (a working day before the reply is due) and the deadline: only the reminder fires.
    clock.set(Date.parse('2026-11-09T09:00:00+08:00'));
    await t.ctx.db.kysely.updateTable('clock_checks').set({ next_check_at: Date.parse('2030-01-01T00:00:00Z') }).where('case_id', '=', fresh).execute();
    await sweepDueClocks(t.ctx);
    await t.ctx.db.kysely.updateTable('clock_checks').set({ next_check_at: clock.now() }).where('case_id', '=', fresh).execute();
    clock.set(Date.parse('2026-12-02T09:00:00+08:00'));
    const { kysely, dialect } = t.ctx.db;
    const work = await kysely.transaction().execute((trx) => claimDueClocks(trx, dialect, { now: clock.now(), limit: 10_000 }));
    for (const id of [swept, fresh]) {
      const view = (await admin.get(`/api/v1/cases/${id}`)).json();
      const { org_id } = await kysely.selectFrom('cases').select('org_id').where('id', '=', id).executeTakeFirstOrThrow();
      const claimed = work.clocks.filter((c) => c.case_id === id);
      expect(claimed.map((c) => c.clock_id)).toEqual(['reply']);
      expect(work.cases.get(id)).toEqual({ id, org_id, type: 'complaint', status: view.status, priority: view.priority, assignee_id: view.assigneeId, unit_id: view.unitId, unit_path: expect.stringMatching(/^\//), tracking_no: view.trackingNo, title: view.title });
      const fired = [...(work.fired.get(claimed[0]) ?? [])];
      expect(fired).toEqual(view.escalations.map((e: { levelId: string }) => e.levelId));
      expect(fired).toEqual(id === swept ? ['remind_assignee'] : []);
    }
  });

  it('reads each claimed clock with its own definition, whether this process has seen that text or not', async () => {
    clock.set(Date.parse('2026-12-10T10:00:00+08:00'));
    const cases = await registerMany(3);
    clock.set(Date.parse('2027-01-20T09:00:00+08:00'));
    const { kysely, dialect } = t.ctx.db;
    const stored = async () => new Map((await kysely.selectFrom('case_clocks').select(['case_id', 'definition']).where('case_id', 'in', cases).execute()).map((r) => [r.case_id, r.definition]));
    const claimed = async () => new Map((await kysely.transaction().execute((trx) => claimDueClocks(trx, dialect, { now: clock.now(), limit: 10_000 }))).clocks.filter((r) => cases.includes(r.case_id)).map((r) => [r.case_id, r.definition]));
    // Twice: the second claim (PostgreSQL) compares with the texts the first brought over.
    expect(await claimed()).toEqual(await stored());
    expect(await claimed()).toEqual(await stored());
    // One clock runs on a definition not seen before (a later pack's): it comes as its own text.
    const other = JSON.stringify({ ...JSON.parse((await stored()).get(cases[1])!), note: 'a later pack' });
    await kysely.updateTable('case_clocks').set({ definition: other }).where('case_id', '=', cases[1]).execute();
    const after = await claimed();
    expect(after.get(cases[1])).toBe(other);
    expect(after).toEqual(await stored());
    // And then it is known too: each clock still gets its own.
    expect(await claimed()).toEqual(await stored());
  });
});

