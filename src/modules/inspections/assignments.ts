/**
 * 检查任务: a stored quarterly plan's entries given to an inspector or social supervisor with a
 * due date (issue 14 item 3). The offices assign and reassign (version-checked, audited); the
 * assignee sees their own; an inspection performed against an assignment marks it done.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { orgManagers, requireRole, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { localDate } from '../../shared/months.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { InspectionAssignmentsTable, InspectionsTable } from '../../db/types.js';
import type { PlannedUnit } from '../../engines/scoring/index.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope } from '../units/service.js';
import { findActiveUser, listActiveUsersWithRoles } from '../users/service.js';
import * as repo from './repository.js';

/** Who may be given a plan entry: the inspecting roles (issue 14: inspectors and 社会监督员 above all). */
export const assigneeRoles: readonly Role[] = ['inspector', 'supervisor', 'quality_office', 'admin'];
/** Inspectors and social supervisors see only what is assigned to them. */
const ownWorkRoles: ReadonlySet<Role> = new Set(['inspector', 'supervisor']);

export function seesOwnWorkOnly(actor: Actor): boolean {
  return ownWorkRoles.has(actor.role);
}

type AssignmentRow = Awaited<ReturnType<typeof repo.findAssignments>>[number];

function present(row: AssignmentRow, today: string) {
  const video = parseJson<PlannedUnit[]>(row.plan_units, []).find((u) => u.unitId === row.unit_id)?.video === true;
  return {
    id: row.id,
    planId: row.plan_id,
    quarter: row.quarter,
    unitId: row.unit_id,
    unitCode: row.unit_code ?? null,
    unitName: row.unit_name ?? null,
    video,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name ?? row.assignee_username ?? null,
    dueDate: row.due_date,
    status: row.status,
    overdue: row.status === 'open' && row.due_date < today,
    inspectionId: row.inspection_id,
    doneAt: row.done_at === null ? null : new Date(Number(row.done_at)).toISOString(),
    version: row.version,
  };
}

async function todayOf(ctx: AppContext, orgId: string) {
  return localDate(ctx.clock.now(), businessHoursOf(await policyForOrganisation(ctx, orgId)).utcOffsetMinutes);
}

async function loadOne(ctx: AppContext, actor: Actor, id: string) {
  const row = (await repo.findAssignments(ctx.db.kysely, { orgId: actor.orgId, scopePath: null, id }))[0];
  if (!row) throw new AppError('not_found', { details: { entity: 'inspection_assignment', id } });
  // The same answer as an inspection outside the caller's work: it exists, it is not theirs.
  if (seesOwnWorkOnly(actor) ? row.assignee_id !== actor.userId : !unitInScope(actor, row.unit_path)) throw new AppError('out_of_scope');
  return row;
}

async function requireAssignee(ctx: AppContext, orgId: string, userId: string, db: Executor) {
  const user = await findActiveUser(ctx, orgId, userId, db);
  if (!user || !assigneeRoles.includes(user.role as Role)) {
    throw invalidFields(fieldIssue('body.assigneeId', { zh: '检查任务只能指派给本单位在用的检查员、社会监督员或质控办人员', en: 'an assignment goes to an active inspector, social supervisor or quality-office user of this organisation' }));
  }
}

/** 指派: one plan entry (a unit of a stored plan) to an inspector, due on a local date; one assignment per entry. */
export async function assignPlanEntry(ctx: AppContext, actor: Actor, input: { planId: string; unitId: string; assigneeId: string; dueDate: string }) {
  requireRole(actor, orgManagers);
  const db = ctx.db.kysely;
  const plan = await repo.findPlanById(db, input.planId);
  if (!plan || plan.org_id !== actor.orgId) throw invalidFields(fieldIssue('body.planId', { zh: '检查计划不存在', en: 'No such plan' }));
  const entry = parseJson<PlannedUnit[]>(plan.units, []).find((u) => u.unitId === input.unitId);
  if (!entry) throw invalidFields(fieldIssue('body.unitId', { zh: '该单位不在这份检查计划中', en: 'This unit is not in the plan' }));
  await requireAssignee(ctx, actor.orgId, input.assigneeId, db);
  const unit = await loadUnitInScope(ctx, actor, input.unitId, db);
  const now = ctx.clock.now();
  const row: InspectionAssignmentsTable = {
    id: newId(now),
    org_id: actor.orgId,
    plan_id: plan.id,
    unit_id: input.unitId,
    unit_path: unit.path,
    assignee_id: input.assigneeId,
    due_date: input.dueDate,
    status: 'open',
    inspection_id: null,
    done_at: null,
    created_by: actor.userId || null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertAssignment(trx, row);
      await appendAudit(ctx, trx, actor, { action: 'create', entity: 'inspection_assignment', entityId: row.id, after: { planId: row.plan_id, quarter: plan.quarter, unitId: row.unit_id, assigneeId: row.assignee_id, dueDate: row.due_date } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('duplicate', { details: { planId: input.planId, unitId: input.unitId } });
    throw e;
  }
  return getAssignment(ctx, actor, row.id);
}

/** Reassigns or moves the due date; 409 when the version is stale or the assignment is done. */
export async function updateAssignment(ctx: AppContext, actor: Actor, id: string, input: { version: number; assigneeId?: string; dueDate?: string }) {
  requireRole(actor, orgManagers);
  const row = await loadOne(ctx, actor, id);
  if (row.status !== 'open') throw new AppError('assignment_closed');
  if (row.version !== input.version) throw new AppError('version_conflict', { details: { current: row.version } });
  const db = ctx.db.kysely;
  if (input.assigneeId !== undefined) await requireAssignee(ctx, actor.orgId, input.assigneeId, db);
  const patch = { assignee_id: input.assigneeId ?? row.assignee_id, due_date: input.dueDate ?? row.due_date, updated_at: ctx.clock.now() };
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateAssignmentIfVersion(trx, id, input.version, patch))) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, {
      action: 'update',
      entity: 'inspection_assignment',
      entityId: id,
      before: { assigneeId: row.assignee_id, dueDate: row.due_date },
      after: { assigneeId: patch.assignee_id, dueDate: patch.due_date },
    });
  });
  return getAssignment(ctx, actor, id);
}

export async function getAssignment(ctx: AppContext, actor: Actor, id: string) {
  return present(await loadOne(ctx, actor, id), await todayOf(ctx, actor.orgId));
}

/** Plan entries and their assignments: the offices all (unit heads their subtree); inspectors and supervisors their own. */
export async function listAssignments(ctx: AppContext, actor: Actor, query: { planId?: string; status?: 'open' | 'done'; mine?: boolean }) {
  const own = seesOwnWorkOnly(actor) || query.mine === true;
  if (!own) requireRole(actor, ['admin', 'quality_office', 'unit_head']);
  const rows = await repo.findAssignments(ctx.db.kysely, {
    orgId: actor.orgId,
    scopePath: own ? null : actor.scopePath,
    planId: query.planId,
    status: query.status,
    ...(own ? { assigneeId: actor.userId || '-' } : {}),
  });
  const today = await todayOf(ctx, actor.orgId);
  return { items: rows.map((r) => present(r, today)), total: rows.length };
}

/** 我的检查任务: the caller's open assignments, soonest due first (the phone home). */
export async function myAssignments(ctx: AppContext, actor: Actor) {
  return listAssignments(ctx, actor, { mine: true, status: 'open' });
}

/** Who an office may assign to (the assignment form's choices). */
export async function listAssignees(ctx: AppContext, actor: Actor) {
  requireRole(actor, orgManagers);
  return { items: await listActiveUsersWithRoles(ctx, actor.orgId, assigneeRoles) };
}

/**
 * An inspection performed against an assignment (inside its transaction): the assignment must be
 * open, of the same unit, and the caller its assignee or an office; it is marked done.
 */
export async function completeAssignment(ctx: AppContext, trx: Executor, actor: Actor, assignmentId: string, inspection: Pick<InspectionsTable, 'id' | 'unit_id' | 'created_at'>) {
  const row = await repo.findAssignment(trx, assignmentId);
  if (!row || row.org_id !== actor.orgId) throw invalidFields(fieldIssue('body.assignmentId', { zh: '检查任务不存在', en: 'No such assignment' }));
  if (row.unit_id !== inspection.unit_id) throw invalidFields(fieldIssue('body.assignmentId', { zh: '检查任务对应的是另一个单位', en: 'The assignment is for another unit' }));
  if (row.assignee_id !== actor.userId && !orgManagers.includes(actor.role)) throw new AppError('forbidden', { details: { assignment: 'assigned to someone else' } });
  if (row.status !== 'open') throw new AppError('assignment_closed');
  if (!(await repo.updateAssignmentIfVersion(trx, row.id, row.version, { status: 'done', inspection_id: inspection.id, done_at: inspection.created_at, updated_at: inspection.created_at }))) throw new AppError('version_conflict');
  await appendAudit(ctx, trx, actor, { action: 'complete', entity: 'inspection_assignment', entityId: row.id, before: { status: 'open' }, after: { status: 'done', inspectionId: inspection.id } });
}

/** Whether an inspection's assignment is the caller's (an inspector sees the inspections assigned to them). */
export async function isAssignedTo(ctx: AppContext, assignmentId: string | null | undefined, userId: string) {
  if (!assignmentId || !userId) return false;
  return (await repo.findAssignment(ctx.db.kysely, assignmentId))?.assignee_id === userId;
}
