import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { RecordsMetric } from './links.js';
import { ratingRectificationChannels } from './repository.js';

export interface RecordsFilter {
  orgId: string;
  metric: RecordsMetric;
  start: number;
  end: number;
  now: number;
  prefix: string | null;
  /** Exactly this unit; null = cases without a unit. */
  caseUnitId?: string | null;
  category?: string | null;
  status?: string;
  limit: number;
  offset: number;
}

/** The cases behind one dashboard figure: the aggregate's own conditions, as a page of rows. */
export async function findRecords(db: Executor, f: RecordsFilter) {
  const reply = f.metric === 'reply_due' || f.metric === 'reply_met' || f.metric === 'reply_late';
  let q = db
    .selectFrom('cases as c')
    .leftJoin('case_clocks as k', (j) => j.onRef('k.case_id', '=', 'c.id').on('k.clock_id', '=', 'reply'))
    .where('c.org_id', '=', f.orgId);
  if (f.metric === 'rectifications') q = q.where('c.type', '=', 'rectification').where('c.channel', 'in', ratingRectificationChannels);
  else q = q.where('c.type', '=', 'complaint');
  if (f.metric === 'complaints_received' || f.metric === 'rectifications') q = q.where('c.received_at', '>=', f.start).where('c.received_at', '<', f.end);
  if (f.metric === 'complaints_closed') q = q.where('c.closed_at', '>=', f.start).where('c.closed_at', '<', f.end);
  if (reply) {
    q = q.where('k.due_at', '>=', f.start).where('k.due_at', '<', f.end).where((eb) => eb.or([eb('k.stopped_at', 'is not', null), eb.and([eb('k.due_at', '<', f.now), eb('k.paused_at', 'is', null)])]));
    if (f.metric === 'reply_met') q = q.where('k.stopped_at', 'is not', null).whereRef('k.stopped_at', '<=', 'k.due_at');
    if (f.metric === 'reply_late') q = q.where((eb) => eb.or([eb('k.stopped_at', 'is', null), eb('k.stopped_at', '>', eb.ref('k.due_at'))]));
  }
  if (f.prefix) q = q.where('c.unit_path', 'like', `${f.prefix}%`);
  if (f.caseUnitId !== undefined) q = f.caseUnitId === null ? q.where('c.unit_id', 'is', null) : q.where('c.unit_id', '=', f.caseUnitId);
  if (f.category !== undefined) q = f.category === null ? q.where('c.category', 'is', null) : q.where('c.category', '=', f.category);
  if (f.status) q = q.where('c.status', '=', f.status);
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const rows = await q
    .select(['c.id', 'c.type', 'c.tracking_no', 'c.status', 'c.unit_id', 'c.category', 'c.title', 'c.received_at', 'c.closed_at', 'k.due_at', 'k.due_date', 'k.stopped_at', 'k.severe_at'])
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}
