import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { managers, requireRole, requireUnitInScope, unitInScope, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { isForeignKeyViolation, onUniqueViolation } from '../../db/dialect.js';
import type { UnitsTable } from '../../db/types.js';
import { duplicateOf, fieldIssue, invalidFields } from '../../shared/issues.js';
import { pageOf, sortedPageWindow } from '../../shared/page.js';
import { patchOf } from '../../shared/patch.js';
import { appendAudit } from '../audit/service.js';
import type { CreateUnitInput, ListUnitsQuery, UpdateUnitInput } from './schema.js';
import * as repo from './repository.js';

export function presentUnit(row: UnitsTable) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    path: row.path,
    sortOrder: row.sort_order,
    phone: row.phone,
    version: row.version,
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}
export type UnitView = ReturnType<typeof presentUnit>;

export async function listUnits(ctx: AppContext, actor: Actor, query: ListUnitsQuery) {
  if (query.parentId) await loadUnitInScope(ctx, actor, query.parentId);
  const { rows, total } = await repo.findUnits(ctx.db.kysely, ctx.db.dialect, {
    orgId: actor.orgId,
    scopePath: actor.scopePath,
    parentId: query.parentId,
    kind: query.kind,
    ...sortedPageWindow(query),
  });
  return pageOf(rows.map(presentUnit), total, query);
}

type TreeNode = UnitView & { children: TreeNode[] };

/** The caller's part of the unit tree, nested; roots are the units whose parent the caller cannot see. */
export async function getUnitTree(ctx: AppContext, actor: Actor): Promise<TreeNode[]> {
  const rows = await repo.findAllUnitsInScope(ctx.db.kysely, actor.orgId, actor.scopePath);
  const nodes = new Map<string, TreeNode>(rows.map((r) => [r.id, { ...presentUnit(r), children: [] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Loads a unit the caller may see, or fails: another organisation's unit does not exist for them. */
export async function loadUnitInScope(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely): Promise<UnitsTable> {
  const unit = await repo.findUnitById(db, id);
  if (!unit || unit.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'unit', id } });
  requireUnitInScope(actor, unit.path);
  return unit;
}

export async function getUnit(ctx: AppContext, actor: Actor, id: string) {
  return presentUnit(await loadUnitInScope(ctx, actor, id));
}

export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitInput) {
  requireRole(actor, managers);
  return withUniqueCode(() => ctx.db.kysely.transaction().execute((trx) => createUnitWith(ctx, trx, actor, input)));
}

/** Creates a unit inside the caller's transaction (used by roster imports, which are all-or-nothing). */
export async function createUnitWith(ctx: AppContext, trx: Executor, actor: Actor, input: CreateUnitInput) {
  const now = ctx.clock.now();
  const id = newId(now);
  let parentPath = '/';
  if (input.parentId) {
    parentPath = (await loadUnitInScope(ctx, actor, input.parentId, trx)).path;
  } else if (actor.scopePath) {
    throw new AppError('out_of_scope', { details: { reason: 'unit heads create units inside their own subtree' } });
  }
  const row: UnitsTable = {
    id,
    org_id: actor.orgId,
    parent_id: input.parentId ?? null,
    code: input.code,
    name: input.name,
    kind: input.kind,
    path: `${parentPath}${id}/`,
    sort_order: input.sortOrder ?? 0,
    phone: input.phone ?? null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertUnit(trx, row);
  await appendAudit(ctx, trx, actor, { action: 'create', entity: 'unit', entityId: id, after: presentUnit(row) });
  return presentUnit(row);
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: string, input: UpdateUnitInput) {
  requireRole(actor, managers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const unit = await loadUnitInScope(ctx, actor, id, trx);
    requireBelowScopeRoot(actor, unit);
    requireVersion(unit.version, input.version);
    const changes: Partial<UnitsTable> = { updated_at: ctx.clock.now(), ...patchOf<UnitsTable>(input, { code: 'code', name: 'name', kind: 'kind', sortOrder: 'sort_order', phone: 'phone' }) };
    if (input.parentId !== undefined && input.parentId !== unit.parent_id) {
      changes.parent_id = input.parentId;
      changes.path = await movedPath(ctx, actor, trx, unit, input.parentId);
    }
    const ok = await withUniqueCode(() => repo.updateUnitIfVersion(trx, id, input.version, changes));
    if (!ok) throw new AppError('version_conflict');
    if (changes.path) await repo.rewriteSubtreePaths(trx, actor.orgId, unit.path, changes.path);
    const after = { ...unit, ...changes, version: input.version + 1 };
    await appendAudit(ctx, trx, actor, { action: changes.path ? 'move' : 'update', entity: 'unit', entityId: id, before: presentUnit(unit), after: presentUnit(after) });
    return presentUnit(after);
  });
}

/**
 * A unit head manages what is under their unit; the unit itself (the root of their scope) is the
 * organisation's to rename, recode, move or delete.
 */
function requireBelowScopeRoot(actor: Actor, unit: UnitsTable): void {
  if (actor.scopePath !== null && actor.scopePath === unit.path) {
    throw new AppError('out_of_scope', {
      details: { reason: 'scope_root', unitId: unit.id },
      message: { zh: '您所管辖的根单位只能由管理员或质控办修改', en: 'The root unit of your scope can only be changed by an administrator or the quality office' },
    });
  }
}

async function movedPath(ctx: AppContext, actor: Actor, trx: Executor, unit: UnitsTable, parentId: string | null): Promise<string> {
  if (parentId === null) {
    if (actor.scopePath) throw new AppError('out_of_scope');
    return `/${unit.id}/`;
  }
  const parent = await loadUnitInScope(ctx, actor, parentId, trx);
  if (parent.path.startsWith(unit.path)) throw new AppError('unit_cycle');
  return `${parent.path}${unit.id}/`;
}

export async function deleteUnit(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, managers);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const unit = await loadUnitInScope(ctx, actor, id, trx);
    requireBelowScopeRoot(actor, unit);
    const dependants = await repo.countDependants(trx, id);
    if (dependants.children + dependants.staff + dependants.users > 0) throw new AppError('unit_not_empty', { details: dependants });
    // Later modules (service items, surveys, cases…) may still point at the unit: refuse, do not fail.
    const deleted = await repo.deleteUnitIfVersion(trx, id, version).catch((e: unknown) => {
      if (isForeignKeyViolation(e)) throw new AppError('unit_not_empty', { details: { reason: 'referenced by other records' } });
      throw e;
    });
    if (!deleted) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, { action: 'delete', entity: 'unit', entityId: id, before: presentUnit(unit) });
  });
}

/** Units by id that the caller may use (e.g. to place a staff member); fails on any outside scope. */
export async function loadUnitsInScope(ctx: AppContext, actor: Actor, ids: string[], db: Executor = ctx.db.kysely): Promise<UnitsTable[]> {
  const unique = [...new Set(ids)];
  const rows = await repo.findUnitsByIds(db, unique);
  for (const id of unique) {
    const row = rows.find((r) => r.id === id);
    if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'unit', id } });
    if (!unitInScope(actor, row.path)) throw new AppError('out_of_scope', { details: { unitId: id } });
  }
  return rows;
}

/** A unit of the organisation, whoever's scope it is in (intake may name any unit). */
export async function requireUnitInOrg(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely) {
  const unit = await repo.findUnitById(db, id);
  if (!unit || unit.org_id !== orgId) throw invalidFields(fieldIssue('body.unitId', { zh: '单位不存在', en: 'No such unit' }));
  return unit;
}

export async function findUnitByCode(ctx: AppContext, orgId: string, code: string, db: Executor = ctx.db.kysely) {
  return repo.findUnitByCode(db, orgId, code);
}

function withUniqueCode<T>(fn: () => Promise<T>): Promise<T> {
  return onUniqueViolation(fn, () => duplicateOf('code', { zh: '单位编码', en: 'Unit code' }));
}

/** Every unit of the organisation by id, code and name — what an intake form needs to name a unit (not its records). */
export async function listUnitOptions(ctx: AppContext, actor: Actor) {
  const rows = await repo.findAllUnitsInScope(ctx.db.kysely, actor.orgId, null);
  return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id })) };
}

/** The units of these kinds in the caller's subtree, in tree-sibling order (coverage lists). */
export async function listUnitsOfKinds(ctx: AppContext, actor: Actor, kinds: readonly string[]) {
  const rows = await repo.findAllUnitsInScope(ctx.db.kysely, actor.orgId, actor.scopePath);
  return rows.filter((r) => kinds.includes(r.kind)).map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path }));
}

/**
 * Rows in the order the tree shows them: each unit followed by its subtree, siblings as the rows
 * came (sort order, then code); `depth` counts from the rows' roots.
 */
export function inTreeOrder<T extends { id: string; parent_id: string | null }>(rows: T[]): (T & { depth: number })[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parent_id && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Units the public may name on a form (code and name only), in tree order with their depth below the organisation. */
export async function listPublicUnits(ctx: AppContext, orgId: string) {
  const rows = inTreeOrder(await repo.findAllUnitsInScope(ctx.db.kysely, orgId, null));
  const top = Math.min(...rows.filter((r) => r.kind !== 'organisation').map((r) => r.depth));
  return rows.filter((r) => r.kind !== 'organisation' && r.kind !== 'office').map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, depth: r.depth - top }));
}
