import { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, isAppError, type Bilingual } from '../../shared/errors.js';
import { managers, requireRole, type Actor } from '../../shared/access.js';
import { appendAudit } from '../audit/service.js';
import { describeIssue } from '../../shared/issues.js';
import { createUnitWith, findUnitByCode } from '../units/service.js';
import { unitCode, unitKindSchema } from '../units/schema.js';
import { badgeNo } from './schema.js';
import { createStaffWith, findStaffByBadge, updateStaffWith } from './service.js';
import type { RosterRow } from './roster-file.js';

export interface RowError {
  row: number;
  field: string | null;
  message: Bilingual;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  unitsCreated: number;
  staffCreated: number;
  staffUpdated: number;
}

const yes = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const postSplit = /[;；,，、/]+/;

const rowSchema = z.object({
  unitCode,
  unitName: z.string().trim().max(100).optional(),
  unitKind: unitKindSchema.optional(),
  parentUnitCode: unitCode.optional(),
  badgeNo,
  name: z.string().trim().min(1).max(60),
  posts: z.string().max(400).optional(),
  category: z.string().trim().max(40).optional(),
  partyBranch: z.string().trim().max(60).optional(),
  phone: z.string().trim().max(40).optional(),
  middleCadre: z.string().trim().max(10).optional(),
});
type ParsedRow = z.infer<typeof rowSchema> & { rowNumber: number };

const fieldNames: Record<string, string> = { unitCode: '单位编码', unitName: '单位名称', unitKind: '单位类型', parentUnitCode: '上级单位编码', badgeNo: '工号', name: '姓名' };

function blankToUndefined(fields: Record<string, string>) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}

/**
 * Imports units and staff from a roster (花名册). All-or-nothing: every row is checked first;
 * if any row is wrong nothing is written and the answer lists each bad row.
 */
export async function importStaffRoster(ctx: AppContext, actor: Actor, options: { rows: RosterRow[]; dryRun?: boolean; fileName?: string }): Promise<ImportReport> {
  requireRole(actor, managers);
  const errors: RowError[] = [];
  const parsed: ParsedRow[] = [];
  for (const raw of options.rows) {
    const result = rowSchema.safeParse(blankToUndefined(raw.fields));
    if (result.success) parsed.push({ ...result.data, rowNumber: raw.rowNumber });
    else
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const words = describeIssue(issue);
        errors.push({ row: raw.rowNumber, field, message: { zh: `${fieldNames[field] ?? field}${words.zh}`, en: `${field} ${words.en}` } });
      }
  }
  if (options.rows.length === 0) errors.push({ row: 1, field: null, message: { zh: '没有数据行', en: 'No data rows' } });
  if (errors.length) throw importFailed(errors);

  const report: ImportReport = { dryRun: !!options.dryRun, rows: parsed.length, unitsCreated: 0, staffCreated: 0, staffUpdated: 0 };
  const rollback = new Error('dry run');
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const unitIds = await ensureUnits(ctx, trx, actor, parsed, report);
      await upsertStaff(ctx, trx, actor, parsed, unitIds, report);
      await appendAudit(ctx, trx, actor, { action: 'import', entity: 'staff_roster', entityId: options.fileName ?? 'roster', after: report });
      if (options.dryRun) throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return report;
}

function importFailed(errors: RowError[]) {
  return new AppError('import_failed', { details: { errors } });
}

/** Row errors raised while applying keep their row number; the transaction rolls back. */
async function atRow<T>(row: number, field: string | null, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    // Access errors stay access errors (403): the caller may not touch that unit at all.
    if (isAppError(e) && (e.code === 'out_of_scope' || e.code === 'forbidden')) throw new AppError(e.code, { details: { row, field } });
    if (isAppError(e) && e.status < 500) throw importFailed([{ row, field, message: e.messages }]);
    throw e;
  }
}

async function ensureUnits(ctx: AppContext, trx: Executor, actor: Actor, rows: ParsedRow[], report: ImportReport) {
  const ids = new Map<string, string>();
  const pending = new Map<string, ParsedRow>();
  for (const r of rows) {
    if (ids.has(r.unitCode) || pending.has(r.unitCode)) continue;
    const existing = await findUnitByCode(ctx, actor.orgId, r.unitCode, trx);
    if (existing) ids.set(r.unitCode, existing.id);
    else pending.set(r.unitCode, r);
  }
  // Create new units parent-first; a parent may be defined on a later row.
  while (pending.size) {
    let progressed = false;
    for (const [code, r] of pending) {
      let parentId: string | null = null;
      if (r.parentUnitCode) {
        parentId = ids.get(r.parentUnitCode) ?? (await findUnitByCode(ctx, actor.orgId, r.parentUnitCode, trx))?.id ?? null;
        if (!parentId) {
          if (pending.has(r.parentUnitCode)) continue;
          throw importFailed([{ row: r.rowNumber, field: 'parentUnitCode', message: { zh: `上级单位 ${r.parentUnitCode} 不存在`, en: `Parent unit ${r.parentUnitCode} does not exist` } }]);
        }
      }
      if (!r.unitName) throw importFailed([{ row: r.rowNumber, field: 'unitName', message: { zh: `新单位 ${code} 需要单位名称`, en: `New unit ${code} needs a name` } }]);
      const unit = await atRow(r.rowNumber, 'unitCode', () =>
        createUnitWith(ctx, trx, actor, { code, name: r.unitName!, kind: r.unitKind ?? 'department', parentId }),
      );
      ids.set(code, unit.id);
      pending.delete(code);
      report.unitsCreated++;
      progressed = true;
    }
    if (!progressed) {
      const r = [...pending.values()][0];
      throw importFailed([{ row: r.rowNumber, field: 'parentUnitCode', message: { zh: '上级单位形成循环', en: 'Parent units form a cycle' } }]);
    }
  }
  return ids;
}

async function upsertStaff(ctx: AppContext, trx: Executor, actor: Actor, rows: ParsedRow[], unitIds: Map<string, string>, report: ImportReport) {
  // Several rows with one badge number place that person in several units; the first is primary.
  const byBadge = new Map<string, { row: ParsedRow; units: string[] }>();
  for (const r of rows) {
    const entry = byBadge.get(r.badgeNo) ?? { row: r, units: [] };
    const unitId = unitIds.get(r.unitCode)!;
    if (!entry.units.includes(unitId)) entry.units.push(unitId);
    byBadge.set(r.badgeNo, entry);
  }
  for (const [badge, { row, units }] of byBadge) {
    const fields = {
      name: row.name,
      unitIds: units,
      posts: row.posts ? row.posts.split(postSplit).map((p) => p.trim()).filter(Boolean) : [],
      category: row.category ?? null,
      partyBranch: row.partyBranch ?? null,
      phone: row.phone ?? null,
      flags: { middleCadre: row.middleCadre ? yes.has(row.middleCadre.toLowerCase()) : false },
    };
    const existing = await findStaffByBadge(ctx, actor.orgId, badge, trx);
    await atRow(row.rowNumber, 'badgeNo', async () => {
      if (existing) {
        await updateStaffWith(ctx, trx, actor, existing.id, { version: existing.version, ...fields, active: true });
        report.staffUpdated++;
      } else {
        await createStaffWith(ctx, trx, actor, { badgeNo: badge, ...fields });
        report.staffCreated++;
      }
    });
  }
}
