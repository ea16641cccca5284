import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { fakeClock, usingPostgres } from '../support/context.js';
import { openContext } from '../../src/bootstrap.js';
import { generateActivity } from '../../src/demo/activity.js';
import { materialiseClosedMonths } from '../../src/modules/dashboard/index.js';
import { runBackgroundRound } from '../../src/jobs/scheduler.js';
import type { AppContext } from '../../src/shared/context.js';
import { findOrganisationByCode } from '../../src/modules/organisations/service.js';

/**
 * Issue 20 item 5: closed months of the quality dashboard are materialised by the background round,
 * never by a request. Before the round has run, a request adds a closed month up live from the
 * cases and the daily rollups; after it, it reads the materialised rows — and answers the same
 * figures (RULES §2 按时答复率, §3 满意率: one definition whichever source answers). Two nodes
 * running the round at once add each month up once.
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
const clock = fakeClock(at('2026-11-12T10:00:00'));
let t: TestApp;
let office: Session;
let node2: AppContext;
let unitId: string;

const dashboard = async (query: string) => {
  const res = await office.get(`/api/v1/dashboard?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const { generatedAt: _generatedAt, ...figures } = res.json();
  return figures;
};
const stampedMonths = async (ctx: AppContext) => (await ctx.db.kysely.selectFrom('dashboard_month_stamps' as never).select('month' as never).execute()).length;

beforeAll(async () => {
  t = await createTestApp({ clock });
  office = await t.login('hosp-quality-office');
  // October through the real services: complaints replied on time and late, ratings, 差评 and their rectification cases.
  await generateActivity(t.ctx, { orgCode: 'demo-hospital', month: '2026-10', seed: 11, scale: 0.3 });
  unitId = (await office.get('/api/v1/units?pageSize=100')).json().items.find((u: { code: string }) => u.code === 'H-OPD').id;
  // A second node: its own connections to the same PostgreSQL database (SQLite is one process: a second runner in it).
  node2 = usingPostgres ? await openContext({ config: t.ctx.config, clock, migrate: false }) : t.ctx;
}, 180_000);
afterAll(async () => {
  if (node2 !== t?.ctx) await node2?.db.close();
  await t?.close();
});

describe('closed months materialised in the background, never in a request', () => {
  let liveWhole: unknown;
  let liveSubtree: unknown;

  it('a request for a closed month not yet materialised answers from the cases and daily rollups, and writes nothing', async () => {
    liveWhole = await dashboard('month=2026-10');
    liveSubtree = await dashboard(`month=2026-10&unitId=${unitId}`);
    const d = liveWhole as { complaints: { received: { value: number }; replyOnTime: { denominator: number } }; ratings: { ratings: { value: number } }; negative: { rectifications: { total: { value: number } } } };
    expect(d.complaints.received.value).toBeGreaterThan(0);
    expect(d.complaints.replyOnTime.denominator).toBeGreaterThan(0);
    expect(d.ratings.ratings.value).toBeGreaterThan(0);
    expect(d.negative.rectifications.total.value).toBeGreaterThan(0);
    expect(await stampedMonths(t.ctx)).toBe(0);
  });

  it('two nodes running the round at once materialise each closed month of the trend exactly once', async () => {
    const [a, b] = await Promise.all([materialiseClosedMonths(t.ctx, { node: 'node-a' }), materialiseClosedMonths(node2, { node: 'node-b' })]);
    const all = [...a, ...b];
    expect(new Set(all).size).toBe(all.length);
    const organisations = (await t.ctx.db.kysely.selectFrom('organisations').select('id').execute()).length;
    expect(all.length).toBe(12 * organisations); // the trend's twelve closed months, 2025-11 … 2026-10
    expect(all.filter((m) => m.endsWith(':2026-10'))).toHaveLength(organisations);
    expect(await stampedMonths(t.ctx)).toBe(12 * organisations);
    // Nothing changed since: the next run leaves the months alone.
    expect(await materialiseClosedMonths(t.ctx, { node: 'node-a' })).toEqual([]);
  });

  it('after materialisation the month view answers the same figures, for the organisation and for a subtree', async () => {
    expect(await dashboard('month=2026-10')).toEqual(liveWhole);
    expect(await dashboard(`month=2026-10&unitId=${unitId}`)).toEqual(liveSubtree);
  });

  it('the request reads the materialised rows (changing one shows), and a change to a case of the month is seen at once', async () => {
    const db = t.ctx.db.kysely;
    const before = (await dashboard('month=2026-11')).previous.complaintsReceived.value as number;
    // The trend's October point comes from the materialised rows: alter them (and the stamp, which
    // names the rows a process may keep) and the view follows …
    const orgId = (await findOrganisationByCode(t.ctx, 'demo-hospital'))!.id;
    await db.updateTable('dashboard_month_units' as never).set({ received: 1000 } as never).where('month' as never, '=', '2026-10' as never).where('org_id' as never, '=', orgId as never).execute();
    await db.updateTable('dashboard_month_stamps' as never).set({ computed_at: Date.now() } as never).where('month' as never, '=', '2026-10' as never).where('org_id' as never, '=', orgId as never).execute();
    expect((await dashboard('month=2026-11')).previous.complaintsReceived.value).toBeGreaterThanOrEqual(1000);
    // … until a complaint received in October is registered: the month no longer holds, the request adds it up live.
    const res = await office.post('/api/v1/complaints', { channel: 'phone', content: '补登：十月的电话投诉。', receivedAt: '2026-10-20T10:00:00+08:00', unitId });
    expect(res.statusCode, res.body).toBe(201);
    expect((await dashboard('month=2026-11')).previous.complaintsReceived.value).toBe(before + 1);
    expect((await dashboard('month=2026-10')).complaints.received.value).toBe(before + 1);
  });

  it('the background round is where it happens: on a database with nothing materialised (start-up) it adds up the trend', async () => {
    await t.ctx.db.kysely.deleteFrom('dashboard_month_stamps' as never).execute();
    const organisations = (await t.ctx.db.kysely.selectFrom('organisations').select('id').execute()).length;
    expect((await runBackgroundRound(node2, { node: 'node-b' })).dashboardMonths).toBe(12 * organisations);
  });
});
