import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireInOrder } from '../../shared/fields.js';
import { isUnitScoped, type Actor } from '../../shared/access.js';
import { parseJson } from '../../shared/json.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { ratingSettings } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { requireStaffInOrg } from '../staff/service.js';
import type { listRatingsQuery } from './schema.js';
import { labelOfReason, reasonLabels } from './reasons.js';
import * as repo from './repository.js';

/** Looks each distinct id up once per page. */
async function lookup<T>(ids: (string | null)[], load: (id: string) => Promise<T>): Promise<Map<string, T>> {
  const distinct = [...new Set(ids.filter((id): id is string => !!id))];
  return new Map(await Promise.all(distinct.map(async (id) => [id, await load(id)] as const)));
}

/**
 * 评价明细: the individual ratings behind a statistics figure, newest first — scoped like the
 * statistics (a unit head sees their subtree, a staff member only ratings of themselves). The
 * rater's contact stays on the rectification case; the list says only whether one was left.
 */
export async function listRatings(ctx: AppContext, actor: Actor, query: z.infer<typeof listRatingsQuery>) {
  requireInOrder(query.from, query.to, 'querystring.from');
  const personal = actor.role === 'staff';
  if (personal && (!actor.staffId || (query.staffId && query.staffId !== actor.staffId))) throw new AppError('out_of_scope');
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const settings = ratingSettings(await policyForOrganisation(ctx, actor.orgId));
  const { rows, total } = await repo.findRatings(ctx.db.kysely, {
    orgId: actor.orgId,
    from: query.from,
    to: query.to,
    scopePath: isUnitScoped(actor.role) && !personal ? actor.scopePath : null,
    unitPath,
    staffId: personal ? actor.staffId! : query.staffId,
    level: query.level,
    negative: query.negative === undefined ? undefined : { levels: settings.negativeLevels, only: query.negative === 'true' },
    ...pageWindow(query),
  });
  const [units, staff, reasons] = await Promise.all([
    lookup(rows.map((r) => r.unit_id), (id) => requireUnitInOrg(ctx, actor.orgId, id)),
    lookup(rows.map((r) => r.staff_id), (id) => requireStaffInOrg(ctx, actor.orgId, id)),
    reasonLabels(ctx, actor.orgId),
  ]);
  const levelLabel = new Map(settings.levels.map((l) => [l.value, { zh: l.zh, en: l.en }]));
  const items = rows.map((r) => {
    const unit = units.get(r.unit_id);
    const person = r.staff_id ? staff.get(r.staff_id) : undefined;
    return {
      id: r.id,
      ratedAt: new Date(Number(r.rated_at)).toISOString(),
      ratedDate: r.rated_date,
      source: r.source,
      unit: unit ? { id: unit.id, code: unit.code, name: unit.name } : { id: r.unit_id, code: '', name: '' },
      staff: person ? { id: person.id, name: person.name, badgeNo: person.badgeNo } : null,
      level: Number(r.level),
      levelLabel: levelLabel.get(Number(r.level)) ?? { zh: String(r.level), en: String(r.level) },
      negative: settings.negativeLevels.includes(Number(r.level)),
      indicators: parseJson<Record<string, number>>(r.indicators, {}),
      reasons: parseJson<string[]>(r.reasons, []).map((code) => ({ code, ...labelOfReason(reasons, code) })),
      comment: r.comment,
      hasContact: !!r.contact_phone,
      excluded: Number(r.excluded) === 1,
      caseId: r.case_id,
    };
  });
  return pageOf(items, total, query);
}
