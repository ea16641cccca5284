import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import { migrateTo } from '../../src/db/migrate.js';
import { usingPostgres } from '../support/context.js';
import { databaseMigratedTo } from '../support/migrated-db.js';

/**
 * Migration 0021 on existing data (issue 15 item 1): `staff_incidents` becomes `incidents`. The old
 * rows were verified in their own flows (a complaint's 核实, an inspection, an application's notice),
 * so they arrive `verified`; a complaint's kind takes its stable code; a row without a unit takes the
 * person's primary unit; the feeds' unique key now covers unit-level rows too.
 */
let db: Db;
let k: Kysely<any>;
let cleanup = async () => {};

beforeAll(async () => {
  ({ db, k, cleanup } = await databaseMigratedTo('0020_inspection_round_index', 'm0021'));
});
afterAll(async () => cleanup());

describe(`migration 0021 on existing data (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('moves every incident into the new file, verified, with stable kinds, details and a unit', async () => {
    await k.insertInto('organisations').values({ id: 'o1', code: 'o1', name: 'o1', sector: 'hospital', created_at: 1, updated_at: 1 }).execute();
    const unit = (id: string, parent: string | null, p: string) => ({ id, org_id: 'o1', parent_id: parent, code: id, name: id, kind: 'department', path: p, sort_order: 0, created_at: 1, updated_at: 1, version: 1 });
    await k.insertInto('units').values([unit('u1', null, '/u1/'), unit('u2', 'u1', '/u1/u2/'), unit('u3', 'u1', '/u1/u3/')]).execute();
    await k.insertInto('staff').values({ id: 's1', org_id: 'o1', badge_no: 'B1', name: '张丽', posts: '[]', flags: '{}', active: 1, created_at: 1, updated_at: 1, version: 1 }).execute();
    await k.insertInto('staff_units').values([{ staff_id: 's1', unit_id: 'u3', org_id: 'o1', is_primary: 0 }, { staff_id: 's1', unit_id: 'u2', org_id: 'o1', is_primary: 1 }]).execute();
    const old = (id: string, v: Record<string, unknown>) => ({ id, org_id: 'o1', staff_id: 's1', unit_id: null, summary: id, occurred_at: 1000, created_at: 2000, verdict: null, ...v });
    await k
      .insertInto('staff_incidents')
      .values([
        old('i1', { unit_id: 'u3', source_type: 'complaint', source_id: 'c1', kind: 'complaint', verdict: 'partly_substantiated' }),
        old('i2', { source_type: 'inspection', source_id: 'n1:badge', kind: 'finding', verdict: 'repeated' }),
        old('i3', { unit_id: 'u3', source_type: 'inspection', source_id: 'n1:veto', kind: 'veto' }),
        old('i4', { source_type: 'application', source_id: 'a1:notice-2', kind: 'one_time_notice_violation' }),
      ])
      .execute();

    expect(await migrateTo(db)).toContain('0021_incident_file');

    const rows = await k.selectFrom('incidents').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.kind, r.state, r.unit_id, r.staff_id, r.subject_key, JSON.parse(r.details), r.verdict, Number(r.verified_at), Number(r.version)])).toEqual([
      ['i1', 'verified_complaint', 'verified', 'u3', 's1', 's1', { verdict: 'partly_substantiated' }, 'partly_substantiated', 2000, 1],
      ['i2', 'finding', 'verified', 'u2', 's1', 's1', { halfHearted: true }, 'repeated', 2000, 1],
      ['i3', 'veto', 'verified', 'u3', 's1', 's1', {}, null, 2000, 1],
      ['i4', 'one_time_notice_violation', 'verified', 'u2', 's1', 's1', {}, null, 2000, 1],
    ]);
    expect(rows.every((r) => Number(r.occurred_at) === 1000 && r.source_type && r.source_id && r.amount_fen === null)).toBe(true);
    // The old table is gone; the feeds' key holds for a unit-level row as well (no NULL in it).
    await expect(k.selectFrom('staff_incidents').selectAll().execute()).rejects.toThrow();
    const unitRow = { ...rows[1], id: 'i5', staff_id: null, subject_key: 'unit:u2' };
    await k.insertInto('incidents').values(unitRow).execute();
    await expect(k.insertInto('incidents').values({ ...unitRow, id: 'i6' }).execute()).rejects.toThrow(/unique|UNIQUE/);
  });
});
