import { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, isAppError, type Bilingual } from '../../shared/errors.js';
import { managers, requireRole, unitInScope, type Actor } from '../../shared/access.js';
import { appendAudit } from '../audit/service.js';
import { flattenIssues } from '../../shared/issues.js';
import { createUnitWith, findUnitByCode } from '../units/service.js';
import { unitCode, unitKindSchema, type UnitKind } from '../units/index.js';
import { badgeNo } from './schema.js';
import { freeText, str, text } from '../../shared/fields.js';
import { createStaffWith, findStaffByBadge, updateStaffWith } from './service.js';
import { readRosterFile, type RosterRow } from './roster-file.js';
import type { ReadUpload } from '../../shared/upload.js';

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
  unitName: freeText(100).optional(),
  unitKind: unitKindSchema.optional(),
  parentUnitCode: unitCode.optional(),
  badgeNo,
  name: text(60),
  posts: str().max(400).optional(),
  category: freeText(40).optional(),
  partyBranch: freeText(60).optional(),
  phone: freeText(40).optional(),
  middleCadre: freeText(10).optional(),
});
type ParsedRow = z.infer<typeof rowSchema> & { rowNumber: number };

/** How the report names each column: the roster's own header words (花名册表头) and their English. */
export const rosterFieldLabels: Record<keyof z.infer<typeof rowSchema>, Bilingual> = {
  unitCode: { zh: '单位编码', en: 'Unit code' },
  unitName: { zh: '单位名称', en: 'Unit name' },
  unitKind: { zh: '单位类型', en: 'Unit kind' },
  parentUnitCode: { zh: '上级单位编码', en: 'Parent unit code' },
  badgeNo: { zh: '工号', en: 'Badge no.' },
  name: { zh: '姓名', en: 'Name' },
  posts: { zh: '岗位', en: 'Posts' },
  category: { zh: '类别', en: 'Category' },
  partyBranch: { zh: '党支部', en: 'Party branch' },
  phone: { zh: '电话', en: 'Phone' },
  middleCadre: { zh: '中层干部', en: 'Middle cadre' },
};

function labelOf(field: string): Bilingual {
  return Object.hasOwn(rosterFieldLabels, field) ? rosterFieldLabels[field as keyof typeof rosterFieldLabels] : { zh: field, en: field };
}

function blankToUndefined(fields: Record<string, string>) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}

/**
 * A roster uploaded over HTTP: the role is checked before the file is read or parsed, so a caller
 * who may not import learns nothing from it (not even whether it is a readable roster).
 */
export async function importRosterUpload(ctx: AppContext, actor: Actor, readFile: ReadUpload, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  requireRole(actor, managers);
  const file = await readFile();
  const rows = await readRosterFile(file.name, file.data);
  return importStaffRoster(ctx, actor, { rows, dryRun: options.dryRun, fileName: file.name });
}

/**
 * Imports units and staff from a roster (花名册). All-or-nothing: every row is checked first, in
 * one pass that reports every problem of every row; if any row is wrong nothing is written.
 */
export async function importStaffRoster(ctx: AppContext, actor: Actor, options: { rows: RosterRow[]; dryRun?: boolean; fileName?: string }): Promise<ImportReport> {
  requireRole(actor, managers);
  const { parsed, errors } = parseRows(options.rows);
  const plan = await planUnits(ctx, actor, parsed, errors);
  if (options.rows.length === 0) errors.push({ row: 1, field: null, message: { zh: '没有数据行', en: 'No data rows' } });
  if (errors.length) throw importFailed(errors.sort((a, b) => a.row - b.row));

  const report: ImportReport = { dryRun: !!options.dryRun, rows: parsed.length, unitsCreated: 0, staffCreated: 0, staffUpdated: 0 };
  const rollback = new Error('dry run');
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const unitIds = await createUnits(ctx, trx, actor, plan, report);
      await upsertStaff(ctx, trx, actor, parsed, unitIds, report);
      await appendAudit(ctx, trx, actor, { action: 'import', entity: 'staff_roster', entityId: options.fileName ?? 'roster', after: report });
      if (options.dryRun) throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return report;
}

function rowError(row: number, field: string, message: Bilingual): RowError {
  return { row, field, message };
}

/** Each row against the schema, and badge numbers against the rows above them. */
function parseRows(rows: RosterRow[]): { parsed: ParsedRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const parsed: ParsedRow[] = [];
  const firstWithBadge = new Map<string, ParsedRow>();
  for (const raw of rows) {
    const result = rowSchema.safeParse(blankToUndefined(raw.fields));
    if (!result.success) {
      for (const issue of flattenIssues(result.error.issues)) {
        const field = String(issue.path[0] ?? '');
        const label = labelOf(field);
        errors.push(rowError(raw.rowNumber, field, { zh: `${label.zh}${issue.message.zh}`, en: `${label.en} ${issue.message.en}` }));
      }
      continue;
    }
    const row = { ...result.data, rowNumber: raw.rowNumber };
    // One person may be listed once per unit they work in (same badge, same name, another unit);
    // any other repeat of a badge number is a mistake in the file.
    const first = firstWithBadge.get(row.badgeNo);
    if (first && (first.name !== row.name || first.unitCode === row.unitCode)) {
      errors.push(
        rowError(row.rowNumber, 'badgeNo', {
          zh: `第 ${row.rowNumber} 行工号与第 ${first.rowNumber} 行重复${first.name !== row.name ? `（姓名不同：${first.name} / ${row.name}）` : ''}`,
          en: `Row ${row.rowNumber} repeats the badge number of row ${first.rowNumber}${first.name !== row.name ? ` (different names: ${first.name} / ${row.name})` : ''}`,
        }),
      );
      continue;
    }
    if (!first) firstWithBadge.set(row.badgeNo, row);
    parsed.push(row);
  }
  return { parsed, errors };
}

/** What the units of the file resolve to: units that exist, and new ones in parent-first order. */
interface UnitPlan {
  existing: Map<string, string>;
  create: { code: string; name: string; kind: UnitKind; parentCode: string | null; row: number }[];
}

/**
 * Checks every unit the file names or defines, reporting each problem at its row. A unit head
 * naming an existing unit outside their subtree is refused (403) before any row is judged.
 */
async function planUnits(ctx: AppContext, actor: Actor, rows: ParsedRow[], errors: RowError[]): Promise<UnitPlan> {
  const existing = new Map<string, string>();
  const definitions = new Map<string, ParsedRow>();
  const lookUp = async (code: string) => {
    if (existing.has(code)) return true;
    const unit = await findUnitByCode(ctx, actor.orgId, code);
    if (unit && !unitInScope(actor, unit.path)) throw new AppError('out_of_scope');
    if (unit) existing.set(code, unit.id);
    return !!unit;
  };
  for (const r of rows) {
    if ((await lookUp(r.unitCode)) || definitions.has(r.unitCode)) continue;
    definitions.set(r.unitCode, r);
  }
  // A new unit is defined by its first row; its name and parent may come from any row that gives them.
  const nameOf = (code: string) => rows.find((r) => r.unitCode === code && r.unitName)?.unitName;
  const parentOf = (code: string) => rows.find((r) => r.unitCode === code && r.parentUnitCode)?.parentUnitCode ?? null;
  for (const [code, r] of definitions) {
    if (!nameOf(code)) errors.push(rowError(r.rowNumber, 'unitName', { zh: `新单位 ${code} 需要填写单位名称`, en: `New unit ${code} needs a unit name` }));
    const parent = parentOf(code);
    if (parent && !definitions.has(parent) && !(await lookUp(parent))) {
      errors.push(rowError(r.rowNumber, 'parentUnitCode', { zh: `上级单位 ${parent} 不存在`, en: `Parent unit ${parent} does not exist` }));
    }
  }
  // Parent-first order; whatever cannot be placed is in a cycle of new units.
  const create: UnitPlan['create'] = [];
  const placed = new Set<string>();
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (const [code, r] of definitions) {
      const parent = parentOf(code);
      if (placed.has(code) || (parent && definitions.has(parent) && !placed.has(parent))) continue;
      create.push({ code, name: nameOf(code) ?? code, kind: definitions.get(code)?.unitKind ?? 'department', parentCode: parent, row: r.rowNumber });
      placed.add(code);
      progressed = true;
    }
  }
  for (const [code, r] of definitions) {
    if (!placed.has(code)) errors.push(rowError(r.rowNumber, 'parentUnitCode', { zh: `上级单位形成循环（${code} → ${parentOf(code)}）`, en: `Parent units form a cycle (${code} → ${parentOf(code)})` }));
  }
  return { existing, create };
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

async function createUnits(ctx: AppContext, trx: Executor, actor: Actor, plan: UnitPlan, report: ImportReport) {
  const ids = new Map(plan.existing);
  for (const u of plan.create) {
    const parentId = u.parentCode ? (ids.get(u.parentCode) ?? null) : null;
    const unit = await atRow(u.row, 'unitCode', () => createUnitWith(ctx, trx, actor, { code: u.code, name: u.name, kind: u.kind, parentId }));
    ids.set(u.code, unit.id);
    report.unitsCreated++;
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
