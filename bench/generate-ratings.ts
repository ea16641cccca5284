import { sql } from 'kysely';
import type { AppContext } from '../src/shared/context.js';
import { newId } from '../src/shared/ids.js';
import { prng } from '../src/demo/activity-data.js';
import { chunks } from '../src/db/chunks.js';

/** Deterministic PRNG (mulberry32, the demo generator's), so every run generates the same data. */
export { prng };

export interface GenerateOptions {
  orgId: string;
  parentUnitId: string;
  parentPath: string;
  units: number;
  staffPerUnit: number;
  /** Days ending with `lastDay` (YYYY-MM-DD). */
  days: number;
  lastDay: string;
  ratings: number;
  seed?: number;
  /** The posts (岗位) every generated person holds (default none). */
  posts?: string[];
}

/**
 * Generates a year of 好差评 activity: windows, staff (each with the window as primary unit), the daily rating rollups and served
 * counts that `ratings` ratings would produce (the statistics read rollups, never raw rows).
 * Level mix: 非常满意 55 %, 满意 25 %, 基本满意 10 %, 不满意 6 %, 非常不满意 4 %. Half the raters
 * also give 整体满意度 at their level; each 差评 gives one reason (slow or attitude), so the reason
 * rollups have rows on most days of most windows.
 */
export async function generateRatingData(ctx: AppContext, o: GenerateOptions): Promise<{ rollupRows: number; ratings: number; units: { id: string; path: string; staff: string[] }[] }> {
  const db = ctx.db.kysely;
  const rand = prng(o.seed ?? 20261122);
  const now = Date.now();
  const units: { id: string; path: string; staff: string[] }[] = [];
  const unitRows: Record<string, unknown>[] = [];
  const staffRows: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  for (let u = 0; u < o.units; u++) {
    const id = newId(now);
    const path = `${o.parentPath}${id}/`;
    unitRows.push({ id, org_id: o.orgId, parent_id: o.parentUnitId, code: `BENCH-W${u}`, name: `${u + 1}号窗口`, kind: 'window', path, sort_order: u, phone: null, created_at: now, updated_at: now, version: 1 });
    const staff: string[] = [];
    for (let s = 0; s < o.staffPerUnit; s++) {
      const sid = newId(now);
      staffRows.push({ id: sid, org_id: o.orgId, badge_no: `BENCH-${u}-${s}`, name: `员工${u}-${s}`, category: '窗口', party_branch: null, posts: JSON.stringify(o.posts ?? []), flags: '{}', phone: null, active: 1, created_at: now, updated_at: now, version: 1 });
      // Each person works at their window (their primary unit), as createStaff links them.
      links.push({ staff_id: sid, unit_id: id, org_id: o.orgId, is_primary: 1 });
      staff.push(sid);
    }
    units.push({ id, path, staff });
  }
  for (const rows of chunks(unitRows)) await db.insertInto('units').values(rows as never).execute();
  for (const rows of chunks(staffRows)) await db.insertInto('staff').values(rows as never).execute();
  for (const rows of chunks(links)) await db.insertInto('staff_units').values(rows as never).execute();
  const last = Date.parse(`${o.lastDay}T00:00:00Z`);
  const cells = o.units * o.staffPerUnit * o.days;
  const perCell = o.ratings / cells;
  const mix = [0.04, 0.06, 0.1, 0.25, 0.55]; // levels 1..5
  let total = 0;
  let batch: Record<string, unknown>[] = [];
  let served: Record<string, unknown>[] = [];
  let reasons: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length) await db.insertInto('rating_rollups').values(batch as never).execute();
    if (served.length) await db.insertInto('served_counts').values(served as never).execute();
    if (reasons.length) await db.insertInto('rating_reason_rollups').values(reasons as never).execute();
    batch = [];
    served = [];
    reasons = [];
  };
  for (let d = o.days - 1; d >= 0; d--) {
    const date = new Date(last - d * 86_400_000).toISOString().slice(0, 10);
    for (const unit of units) {
      let unitServed = 0;
      for (const staffId of unit.staff) {
        const n = Math.max(0, Math.round(perCell * (0.6 + 0.8 * rand())));
        const c = mix.map((p) => Math.floor(n * p));
        c[4] += n - c.reduce((a, b) => a + b, 0);
        total += n;
        const servedHere = Math.round(n / (0.85 + 0.1 * rand()));
        unitServed += servedHere;
        const overall = Object.fromEntries(c.map((n, i) => [`overall_${i + 1}`, Math.floor(n / 2)]));
        batch.push({ org_id: o.orgId, unit_id: unit.id, unit_path: unit.path, staff_id: staffId, date, slot: 0, c1: c[0], c2: c[1], c3: c[2], c4: c[3], c5: c[4], excluded: 0, ...overall });
        const slow = Math.round((c[0] + c[1]) * rand());
        const key = { org_id: o.orgId, unit_id: unit.id, unit_path: unit.path, staff_id: staffId, date };
        if (slow > 0) reasons.push({ ...key, reason: 'slow', n: slow });
        if (c[0] + c[1] - slow > 0) reasons.push({ ...key, reason: 'attitude', n: c[0] + c[1] - slow });
        served.push({ org_id: o.orgId, unit_id: unit.id, unit_path: unit.path, staff_id: staffId, date, served: servedHere, updated_at: now });
      }
      served.push({ org_id: o.orgId, unit_id: unit.id, unit_path: unit.path, staff_id: '', date, served: unitServed, updated_at: now });
      if (batch.length >= 400) await flush();
    }
  }
  await flush();
  if (ctx.db.dialect === 'postgres') await sql`analyze`.execute(db);
  return { rollupRows: cells, ratings: total, units };
}
