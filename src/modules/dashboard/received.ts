import type { AppContext } from '../../shared/context.js';
import { localMonth, type Period } from '../../shared/months.js';
import * as repo from './received-repository.js';

/**
 * 投诉受理量 per unit and category without re-counting a month of cases on every view.
 *
 * A complaint's receipt instant, unit and category are fixed at registration (no action changes
 * them), so counts only grow: complaints registered before a watermark are kept summed per month,
 * unit and category (dashboard_received), and the view adds those registered since, read live by
 * registration time (index (org_id, created_at)). The background round advances the watermark
 * (`keepReceivedCounts`, in a transaction holding the watermark row), never a request: on a fresh
 * installation of a million cases the first advance sums them all. It trails the clock by a settle
 * window, so a registration whose transaction commits late is still read live, never missed.
 * Activity written with back-dated registration times (a simulated clock) must reset it —
 * forgetMaterialisedMonths does.
 */
const settleMs = 60_000;

type ReceivedRow = { unit_id: string | null; unit_path: string; category: string | null; n: number };

export async function receivedInMonth(ctx: AppContext, orgId: string, period: Period): Promise<ReceivedRow[]> {
  const db = ctx.db.kysely;
  const watermark = await repo.readWatermark(db, orgId);
  const [kept, recent] = await Promise.all([repo.readReceived(db, orgId, period.key), repo.receivedRegisteredSince(db, orgId, watermark, period.start, period.end)]);
  const out = new Map<string, ReceivedRow>();
  for (const r of [...kept, ...recent]) {
    const key = `${r.unit_id ?? ''}|${r.unit_path}|${r.category ?? ''}`;
    const row = out.get(key);
    if (row) row.n += r.n;
    else out.set(key, { ...r });
  }
  return [...out.values()].filter((r) => r.n > 0);
}

/** Moves the watermark up to a settle window before now once it lags by more than that (the background round). */
export async function keepReceivedCounts(ctx: AppContext, orgId: string, utcOffsetMinutes: number): Promise<void> {
  const now = ctx.clock.now();
  if (now - (await repo.readWatermark(ctx.db.kysely, orgId)) > settleMs) await advance(ctx, orgId, now - settleMs, utcOffsetMinutes);
}

async function advance(ctx: AppContext, orgId: string, target: number, utcOffsetMinutes: number): Promise<number> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const from = await repo.lockWatermark(trx, ctx.db.dialect, orgId);
    if (from >= target) return from;
    const sums = new Map<string, { org_id: string; month: string; unit_id: string; unit_path: string; category: string; n: number }>();
    for (const r of await repo.registeredBetween(trx, orgId, from, target, utcOffsetMinutes)) {
      // `day` is the local day number; its month is that of local midnight.
      const month = localMonth(r.day * 86_400_000 - utcOffsetMinutes * 60_000, utcOffsetMinutes);
      const key = `${month}|${r.unit_id ?? ''}|${r.unit_path}|${r.category ?? ''}`;
      const row = sums.get(key) ?? { org_id: orgId, month, unit_id: r.unit_id ?? '', unit_path: r.unit_path, category: r.category ?? '', n: 0 };
      row.n += r.n;
      sums.set(key, row);
    }
    await repo.addReceived(trx, [...sums.values()]);
    await repo.setWatermark(trx, orgId, target);
    return target;
  });
}

export async function forgetReceived(ctx: AppContext, orgId: string): Promise<void> {
  await repo.deleteReceived(ctx.db.kysely, orgId);
}
