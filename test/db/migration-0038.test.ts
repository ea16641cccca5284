import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import { migrateTo } from '../../src/db/migrate.js';
import { describeTables } from '../../src/db/tables.js';
import { claimDueClocks, findClocks } from '../../src/modules/cases/repository.js';
import { usingPostgres } from '../support/context.js';
import { databaseMigratedTo } from '../support/migrated-db.js';

/**
 * Migration 0038 on existing data: each clock's next check and recorded lateness move to its
 * bookmark in clock_checks, and the sweep finds exactly the clocks it found before.
 */
let db: Db;
let k: Kysely<any>;
let cleanup = async () => {};

beforeAll(async () => {
  ({ db, k, cleanup } = await databaseMigratedTo('0037_sweep_claim_order', 'm0038'));
});
afterAll(async () => cleanup());

describe(`migration 0038 on existing data (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('moves every clock’s next check and lateness to its bookmark, and the sweep claims the same clocks', async () => {
    await k.insertInto('organisations').values({ id: 'o', code: 'o', name: 'O', sector: 'hall', created_at: 1, updated_at: 1 }).execute();
    const kase = { org_id: 'o', type: 'complaint', channel: 'window', status: 'assigned', priority: 'normal', title: 't', content: 'c', unit_path: '/', data: '{}', contact: '{}', received_at: 1, created_at: 1, updated_at: 1, version: 1 };
    await k.insertInto('cases').values(['a', 'b', 'c'].map((id, i) => ({ ...kase, id, tracking_no: `TS${i}` }))).execute();
    const clock = { clock_id: 'reply', org_id: 'o', started_at: 1, pauses: '[]', due_at: 50, due_date: '2026-10-13', severe_at: 90, run: 1 };
    await k
      .insertInto('case_clocks')
      .values([
        { ...clock, case_id: 'a', definition: '{"id":"reply","a":1}', lateness: 'on_time', next_check_at: 40, stopped_at: null },
        { ...clock, case_id: 'b', definition: '{"id":"reply","b":"两"}', lateness: 'overdue', next_check_at: 90, stopped_at: null },
        { ...clock, case_id: 'c', definition: '{"id":"reply","a":1}', lateness: 'on_time', next_check_at: null, stopped_at: 30 },
      ])
      .execute();

    await migrateTo(db, '0038_clock_checks');

    const checks = await k.selectFrom('clock_checks').selectAll().orderBy('case_id').execute();
    expect(checks.map((c) => [c.case_id, c.clock_id, c.org_id, c.lateness, c.next_check_at === null ? null : Number(c.next_check_at)])).toEqual([
      ['a', 'reply', 'o', 'on_time', 40],
      ['b', 'reply', 'o', 'overdue', 90],
      ['c', 'reply', 'o', 'on_time', null],
    ]);
    const columns = (await describeTables(db)).find((t) => t.name === 'case_clocks')!.columns;
    expect(columns).not.toContain('next_check_at');
    expect(columns).not.toContain('lateness');

    // The claim reads the definitions back whole with each bookmark (on PostgreSQL, compared with the texts it already knows).
    const { clocks: due } = await db.kysely.transaction().execute((trx) => claimDueClocks(trx, db.dialect, { now: 100, limit: 10 }));
    expect(due.map((c) => [c.case_id, c.definition, c.lateness, Number(c.next_check_at)])).toEqual([
      ['a', '{"id":"reply","a":1}', 'on_time', 40],
      ['b', '{"id":"reply","b":"两"}', 'overdue', 90],
    ]);
    expect((await db.kysely.transaction().execute((trx) => claimDueClocks(trx, db.dialect, { now: 60, limit: 10 }))).clocks).toHaveLength(1);
    const c = (await findClocks(db.kysely, ['c']))[0];
    expect([c.definition, c.lateness, c.next_check_at, Number(c.stopped_at)]).toEqual(['{"id":"reply","a":1}', 'on_time', null, 30]);
  });
});
