import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import { migrateTo } from '../../src/db/migrate.js';
import { usingPostgres } from '../support/context.js';
import { databaseMigratedTo } from '../support/migrated-db.js';

/**
 * Migration 0017 on existing data (issue 12 item 10): tracking numbers become unique per
 * organisation, and each organisation's counters start where the shared counter stood, so a
 * number issued before the upgrade is never issued again in the same organisation.
 */
let db: Db;
let k: Kysely<any>;
let cleanup = async () => {};

beforeAll(async () => {
  ({ db, k, cleanup } = await databaseMigratedTo('0016_keyed_audit_token_scopes', 'm0017'));
});
afterAll(async () => cleanup());

describe(`migration 0017 on existing data (${usingPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('copies the shared counters to every organisation, keeps cases and their timeline, and makes numbers unique per organisation', async () => {
    const org = (id: string) => ({ id, code: id, name: id, sector: 'hall', created_at: 1, updated_at: 1 });
    await k.insertInto('organisations').values([org('o1'), org('o2')]).execute();
    const kase = { type: 'complaint', channel: 'window', status: 'registered', priority: 'normal', title: 't', content: 'c', unit_path: '/', data: '{}', contact: '{}', received_at: 1, created_at: 1, updated_at: 1, version: 1 };
    await k.insertInto('cases').values([{ ...kase, id: 'a', org_id: 'o1', tracking_no: 'TS202611160001' }, { ...kase, id: 'b', org_id: 'o2', tracking_no: 'TS202611160002' }]).execute();
    await k.insertInto('case_events').values({ id: 'e1', case_id: 'a', org_id: 'o1', seq: 1, at: 1, actor_label: 'x', action: 'register', data: '{}' }).execute();
    await k.insertInto('counters').values([{ org_id: '*', name: 'TS20261116', value: 2 }, { org_id: 'o1', name: 'other', value: 7 }]).execute();

    expect(await migrateTo(db)).toContain('0017_tracking_numbers_per_organisation');

    const counters = await k.selectFrom('counters').select(['org_id', 'name', 'value']).orderBy('org_id').orderBy('name').execute();
    expect(counters.map((c) => [c.org_id, c.name, Number(c.value)])).toEqual([
      ['o1', 'TS20261116', 2],
      ['o1', 'other', 7],
      ['o2', 'TS20261116', 2],
    ]);
    expect((await k.selectFrom('cases').select(['id', 'tracking_no']).orderBy('id').execute()).map((c) => c.tracking_no)).toEqual(['TS202611160001', 'TS202611160002']);
    expect(await k.selectFrom('case_events').select('id').where('case_id', '=', 'a').execute()).toEqual([{ id: 'e1' }]);
    // Another organisation may now hold the same number; the same organisation may not.
    await k.insertInto('cases').values({ ...kase, id: 'c', org_id: 'o2', tracking_no: 'TS202611160001' }).execute();
    await expect(k.insertInto('cases').values({ ...kase, id: 'd', org_id: 'o1', tracking_no: 'TS202611160001' }).execute()).rejects.toThrow(/unique|UNIQUE/);
    // The timeline still refers to cases: an event of a case that does not exist is refused.
    await expect(k.insertInto('case_events').values({ id: 'e2', case_id: 'nope', org_id: 'o1', seq: 1, at: 1, actor_label: 'x', action: 'register', data: '{}' }).execute()).rejects.toThrow(/foreign|FOREIGN/);
  });
});
