import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDb } from '../../src/db/connect.js';
import * as m0001 from '../../src/db/migrations/0001_foundation.js';
import * as m0002 from '../../src/db/migrations/0002_cases.js';
import * as m0003 from '../../src/db/migrations/0003_service_items.js';
import * as m0004 from '../../src/db/migrations/0004_ratings.js';
import * as m0005 from '../../src/db/migrations/0005_surveys.js';
import * as m0006 from '../../src/db/migrations/0006_commitments.js';
import * as m0007 from '../../src/db/migrations/0007_dashboard.js';
import * as m0008 from '../../src/db/migrations/0008_pending_deadlines.js';
import * as m0009 from '../../src/db/migrations/0009_paused_clocks_public_notes.js';

/** Data written before 0009 keeps its meaning: a clock paused then is still paused; a reply still shows publicly. */
describe('migration 0009 on existing data (SQLite)', () => {
  const db = openDb({ sqliteFile: ':memory:' });
  const k = db.kysely as unknown as Kysely<any>;
  afterAll(() => db.close());

  it('marks clocks with an open pause paused, and keeps the reply as the public text of its event, not other notes', async () => {
    for (const m of [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008]) await m.up(k);
    await k.insertInto('organisations').values({ id: 'o', code: 'o', name: 'O', sector: 'hall', created_at: 1, updated_at: 1 }).execute();
    const kase = { org_id: 'o', type: 'complaint', channel: 'window', status: 'replied', priority: 'normal', title: 't', content: 'c', unit_path: '/', data: '{}', contact: '{}', received_at: 1, created_at: 1, updated_at: 1, version: 1 };
    await k.insertInto('cases').values([{ ...kase, id: 'a', tracking_no: 'TS1' }, { ...kase, id: 'b', tracking_no: 'TS2' }]).execute();
    const clock = { clock_id: 'reply', org_id: 'o', definition: '{}', started_at: 1, due_at: 5, due_date: '2026-10-13', severe_at: 9, lateness: 'on_time', run: 1 };
    await k
      .insertInto('case_clocks')
      .values([
        { ...clock, case_id: 'a', pauses: JSON.stringify([{ from: 2, to: 3 }, { from: 4, to: null }]), stopped_at: null },
        { ...clock, case_id: 'b', pauses: JSON.stringify([{ from: 2, to: null }]), stopped_at: 6 },
      ])
      .execute();
    const event = { case_id: 'a', org_id: 'o', at: 1, actor_label: 'x', data: '{}' };
    await k
      .insertInto('case_events')
      .values([
        { ...event, id: 'e1', seq: 1, action: 'reply', note: '已答复投诉人', public: 1 },
        { ...event, id: 'e2', seq: 2, action: 'close', note: '内部：扣绩效', public: 1 },
        { ...event, id: 'e3', seq: 3, action: 'verify', note: '属实', public: 0 },
      ])
      .execute();

    await m0009.up(k);

    const clocks = await k.selectFrom('case_clocks').select(['case_id', 'paused_at']).orderBy('case_id').execute();
    expect(clocks.map((c) => [c.case_id, c.paused_at === null ? null : Number(c.paused_at)])).toEqual([['a', 4], ['b', null]]);
    const events = await k.selectFrom('case_events').select(['id', 'public_note']).orderBy('seq').execute();
    expect(events).toEqual([{ id: 'e1', public_note: '已答复投诉人' }, { id: 'e2', public_note: null }, { id: 'e3', public_note: null }]);
  });
});
