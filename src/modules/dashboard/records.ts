import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { pageWindow } from '../../shared/page.js';
import { businessHoursOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { NONE } from './links.js';
import { dayPeriod, monthPeriod } from '../../shared/months.js';
import { resolveScope } from './service.js';
import type { RecordsQuery } from './schema.js';
import { findRecords } from './records-repository.js';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/**
 * The records behind a dashboard figure (its `link`): the same conditions as the aggregate, so
 * `total` equals the figure. Same access as the dashboard.
 */
export async function listDashboardRecords(ctx: AppContext, actor: Actor, query: RecordsQuery) {
  const scope = await resolveScope(ctx, actor, query.unitId);
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const period = query.month ? monthPeriod(query.month, offset) : dayPeriod(query.date!, offset);
  const now = ctx.clock.now();
  const { rows, total } = await findRecords(ctx.db.kysely, {
    orgId: actor.orgId,
    metric: query.metric,
    start: period.start,
    end: period.end,
    now,
    prefix: scope.prefix,
    caseUnitId: query.caseUnitId === undefined ? undefined : query.caseUnitId === NONE ? null : query.caseUnitId,
    category: query.category === undefined ? undefined : query.category === NONE ? null : query.category,
    status: query.status,
    ...pageWindow(query),
  });
  return {
    metric: query.metric,
    period: { from: period.from, to: period.to },
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      trackingNo: r.tracking_no,
      status: r.status,
      unitId: r.unit_id,
      category: r.category,
      title: r.title,
      receivedAt: iso(r.received_at),
      closedAt: iso(r.closed_at),
      reply: r.due_at === null || r.due_at === undefined ? null : { dueAt: iso(r.due_at), dueDate: r.due_date, stoppedAt: iso(r.stopped_at), met: r.stopped_at === null ? (Number(r.due_at) < now ? false : null) : Number(r.stopped_at) <= Number(r.due_at) },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
