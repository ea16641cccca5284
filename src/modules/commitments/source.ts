import type { AppContext } from '../../shared/context.js';
import { systemActor } from '../../shared/access.js';
import { rate, ratingRates, type Rate } from '../../engines/metrics/index.js';
import { businessHoursOf, horizonsOf, ratingSettings } from '../../policy/index.js';
import { listCases } from '../cases/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { ratingStatistics } from '../ratings/service.js';
import { getUnitTree } from '../units/service.js';
import { fullMonthsBefore, type MonthRange } from './months.js';

const DAY = 86_400_000;
const PAGE = 500;

/** What the measures need of one complaint: its unit, receipt and its reply clock. */
export interface ComplaintFact {
  unitId: string | null;
  receivedAt: number;
  replyDueAt: number | null;
  replyStoppedAt: number | null;
}

export interface ComplaintMonth {
  received: number;
  /** Complaints whose reply fell due in the month. */
  replyDue: number;
  /** …of which the reply clock stopped by its due instant. */
  repliedOnTime: number;
  onTimeRate: Rate;
}

export interface RatingMonth {
  ratings: number;
  served: number | null;
  satisfactionRate: Rate;
  ratingRate: Rate | null;
}

export interface UnitInfo {
  id: string;
  name: string;
  path: string;
}

/**
 * The data behind the measures of one organisation over a window of full months, read through the
 * owning modules' services (cases, ratings, units, policy) and loaded at most once per request.
 */
export interface MeasureSource {
  orgId: string;
  utcOffsetMinutes: number;
  /** Oldest first; the last one is the month commitments are measured on. */
  months: MonthRange[];
  complaints(): Promise<ComplaintFact[]>;
  /** Ratings per month ('YYYY-MM') over the window, for the organisation (null) or a unit's subtree. */
  ratings(unitId: string | null): Promise<Map<string, RatingMonth>>;
  units(): Promise<Map<string, UnitInfo>>;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

/** Complaints received since `since`, newest first from the case list, reduced to their reply clock. */
async function loadComplaintFacts(ctx: AppContext, orgId: string, since: number): Promise<ComplaintFact[]> {
  const actor = systemActor(orgId, 'commitments');
  const facts: ComplaintFact[] = [];
  for (let page = 1; ; page++) {
    const { items } = await listCases(ctx, actor, { type: 'complaint', page, pageSize: PAGE });
    for (const c of items) {
      const receivedAt = Date.parse(c.receivedAt ?? '');
      if (receivedAt < since) return facts;
      const reply = c.clocks.find((k) => k.clockId === 'reply');
      facts.push({
        unitId: c.unitId,
        receivedAt,
        replyDueAt: reply?.dueAt ? Date.parse(reply.dueAt) : null,
        replyStoppedAt: reply?.stoppedAt ? Date.parse(reply.stoppedAt) : null,
      });
    }
    if (items.length < PAGE) return facts;
  }
}

/**
 * Received = receipt in the month. On time: of the complaints whose reply clock fell due in the
 * month, those whose clock stopped (the reply) at or before the due instant; one still running
 * after its due instant is late. `unitIds` limits to a unit's subtree (complaints naming no unit
 * count only for the organisation as a whole).
 */
export function complaintMonth(facts: readonly ComplaintFact[], range: MonthRange, unitIds: ReadonlySet<string> | null): ComplaintMonth {
  let received = 0;
  let replyDue = 0;
  let repliedOnTime = 0;
  for (const f of facts) {
    if (unitIds && (!f.unitId || !unitIds.has(f.unitId))) continue;
    if (f.receivedAt >= range.start && f.receivedAt < range.end) received++;
    if (f.replyDueAt !== null && f.replyDueAt >= range.start && f.replyDueAt < range.end) {
      replyDue++;
      if (f.replyStoppedAt !== null && f.replyStoppedAt <= f.replyDueAt) repliedOnTime++;
    }
  }
  return { received, replyDue, repliedOnTime, onTimeRate: rate(repliedOnTime, replyDue) };
}

/** The ids of a unit and everything under it. */
export function subtreeIds(units: ReadonlyMap<string, UnitInfo>, root: UnitInfo): Set<string> {
  return new Set([...units.values()].filter((u) => u.path.startsWith(root.path)).map((u) => u.id));
}

/**
 * The measures' data over the last `monthCount` full months. Complaints are read from the pack's
 * `horizons.complaintLookbackDays` before the first month, to find the replies falling due inside
 * the window; a complaint received earlier is not counted.
 */
export async function openMeasureSource(ctx: AppContext, orgId: string, monthCount: number): Promise<MeasureSource> {
  const pack = await policyForOrganisation(ctx, orgId);
  const horizons = horizonsOf(pack);
  const satisfaction = ratingSettings(pack).satisfaction;
  const utcOffsetMinutes = businessHoursOf(pack).utcOffsetMinutes;
  const months = fullMonthsBefore(ctx.clock.now(), utcOffsetMinutes, monthCount);
  const actor = systemActor(orgId, 'commitments');
  const ratingCache = new Map<string, Promise<Map<string, RatingMonth>>>();
  const loadRatings = async (unitId: string | null) => {
    const stats = await ratingStatistics(ctx, actor, { from: months[0].from, to: months[months.length - 1].to, groupBy: 'month', ...(unitId ? { unitId } : {}) });
    return new Map(
      stats.groups.map((g) => {
        const r = ratingRates(g.counts, g.served, satisfaction);
        return [g.key, { ratings: r.ratings, served: r.served, satisfactionRate: r.satisfactionRate, ratingRate: r.ratingRate }] as const;
      }),
    );
  };
  return {
    orgId,
    utcOffsetMinutes,
    months,
    complaints: once(() => loadComplaintFacts(ctx, orgId, months[0].start - horizons.complaintLookbackDays * DAY)),
    ratings(unitId) {
      const key = unitId ?? '';
      let p = ratingCache.get(key);
      if (!p) ratingCache.set(key, (p = loadRatings(unitId)));
      return p;
    },
    units: once(async () => {
      const out = new Map<string, UnitInfo>();
      const walk = (nodes: Awaited<ReturnType<typeof getUnitTree>>) => {
        for (const n of nodes) {
          out.set(n.id, { id: n.id, name: n.name, path: n.path });
          walk(n.children);
        }
      };
      walk(await getUnitTree(ctx, actor));
      return out;
    }),
  };
}
