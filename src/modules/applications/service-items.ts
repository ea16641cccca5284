import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { flag, json, patchOf } from '../../shared/patch.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { ServiceItemsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { requireUnitInOrg } from '../units/service.js';
import type { CreateServiceItemInput, ListServiceItemsQuery, Material, UpdateServiceItemInput } from './schema.js';
import * as repo from './repository.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

/** What the public may read about a service item (002:L69: 主体、依据、条件、程序、时限、收费依据、收费标准、监督投诉渠道). */
export function presentPublicServiceItem(row: ServiceItemsTable) {
  return {
    code: row.code,
    name: row.name,
    responsibleBody: row.responsible_body,
    legalBasis: row.legal_basis,
    conditions: row.conditions,
    procedure: row.procedure,
    materials: parseJson<Material[]>(row.materials, []),
    statutoryLimitDays: row.statutory_limit_days,
    committedLimitDays: row.committed_limit_days,
    fees: row.fees,
    feeBasis: row.fee_basis,
    complaintChannels: parseJson<string[]>(row.complaint_channels, []),
  };
}

export function presentServiceItem(row: ServiceItemsTable) {
  return {
    id: row.id,
    ...presentPublicServiceItem(row),
    unitId: row.unit_id,
    active: row.active === 1,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
    version: row.version,
  };
}

function withUniqueCode<T>(fn: () => Promise<T>): Promise<T> {
  return onUniqueViolation(fn, () => new AppError('duplicate', { details: { field: 'code' } }));
}

/** A service item of the caller's organisation (another organisation's does not exist for them). */
export async function loadServiceItem(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely): Promise<ServiceItemsTable> {
  const row = await repo.findServiceItemById(db, id);
  if (!row || row.org_id !== orgId) throw new AppError('not_found', { details: { entity: 'service_item', id } });
  return row;
}

/** The organisation's service guide: every staff member reads it (intake checks materials against it). */
export async function listServiceItems(ctx: AppContext, actor: Actor, query: ListServiceItemsQuery) {
  const { rows, total } = await repo.findServiceItems(ctx.db.kysely, ctx.db.dialect, {
    orgId: actor.orgId,
    active: query.active === undefined ? undefined : query.active === 'true',
    q: query.q,
    ...pageWindow(query),
  });
  return pageOf(rows.map(presentServiceItem), total, query);
}

export async function getServiceItem(ctx: AppContext, actor: Actor, id: string) {
  return presentServiceItem(await loadServiceItem(ctx, actor.orgId, id));
}

export async function createServiceItem(ctx: AppContext, actor: Actor, input: CreateServiceItemInput) {
  requireRole(actor, orgManagers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (input.unitId) await requireUnitInOrg(ctx, actor.orgId, input.unitId, trx);
    const now = ctx.clock.now();
    const row: ServiceItemsTable = {
      id: newId(now),
      org_id: actor.orgId,
      code: input.code,
      name: input.name,
      unit_id: input.unitId ?? null,
      responsible_body: input.responsibleBody,
      legal_basis: input.legalBasis,
      conditions: input.conditions,
      procedure: input.procedure,
      materials: JSON.stringify(input.materials),
      statutory_limit_days: input.statutoryLimitDays,
      committed_limit_days: input.committedLimitDays,
      fees: input.fees,
      fee_basis: input.feeBasis ?? '',
      complaint_channels: JSON.stringify(input.complaintChannels),
      active: input.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await withUniqueCode(() => repo.insertServiceItem(trx, row));
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'service_item', entityId: row.id, after: presentServiceItem(row) });
    return presentServiceItem(row);
  });
}

export async function updateServiceItem(ctx: AppContext, actor: Actor, id: string, input: UpdateServiceItemInput) {
  requireRole(actor, orgManagers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await loadServiceItem(ctx, actor.orgId, id, trx);
    requireVersion(current.version, input.version);
    const statutory = input.statutoryLimitDays ?? current.statutory_limit_days;
    const committed = input.committedLimitDays ?? current.committed_limit_days;
    if (committed > statutory) throw invalidFields(fieldIssue('body.committedLimitDays', { zh: `承诺时限（${committed}）不得超过法定时限（${statutory}）`, en: `the committed limit (${committed}) may not exceed the statutory limit (${statutory})` }));
    if (input.unitId) await requireUnitInOrg(ctx, actor.orgId, input.unitId, trx);
    const changes: Partial<ServiceItemsTable> = {
      updated_at: ctx.clock.now(),
      ...patchOf<ServiceItemsTable>(input, {
        code: 'code', name: 'name', unitId: 'unit_id', responsibleBody: 'responsible_body', legalBasis: 'legal_basis', conditions: 'conditions',
        procedure: 'procedure', materials: ['materials', json], statutoryLimitDays: 'statutory_limit_days',
        committedLimitDays: 'committed_limit_days', fees: 'fees', feeBasis: 'fee_basis', complaintChannels: ['complaint_channels', json],
        active: ['active', flag],
      }),
    };
    if (!(await withUniqueCode(() => repo.updateServiceItemIfVersion(trx, id, input.version, changes)))) throw new AppError('version_conflict');
    const after: ServiceItemsTable = { ...current, ...changes, version: input.version + 1 };
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'service_item', entityId: id, before: presentServiceItem(current), after: presentServiceItem(after) });
    return presentServiceItem(after);
  });
}

/** 办事指南 for the public: active items, published fields only (no login). */
export async function publicServiceItems(ctx: AppContext, orgCode: string, options: { q?: string; limit?: number; offset?: number } = {}) {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) throw new AppError('not_found');
  const { rows, total } = await repo.findServiceItems(ctx.db.kysely, ctx.db.dialect, { orgId: org.id, active: true, q: options.q, limit: options.limit ?? 1000, offset: options.offset ?? 0 });
  return { organisation: { code: org.code, name: org.name }, items: rows.map(presentPublicServiceItem), total };
}
