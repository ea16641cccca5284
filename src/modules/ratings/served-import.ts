import type { AppContext } from '../../shared/context.js';
import { AppError, type Bilingual } from '../../shared/errors.js';
import { managers, requireRole, unitInScope, type Actor } from '../../shared/access.js';
import { readTableFile } from '../../shared/table-file.js';
import type { ReadUpload } from '../../shared/upload.js';
import { civilDate } from '../../shared/fields.js';
import { findUnitByCode } from '../units/service.js';
import { findStaffByBadgeInScope } from '../staff/service.js';
import { recordServedCounts } from './service.js';

/** Column headers of a served-count sheet (服务人次表), Chinese or English. */
const columns: Record<string, string[]> = {
  unitCode: ['单位编码', '窗口编码', 'unitcode', 'unit code'],
  badgeNo: ['工号', 'badgeno', 'badge no', 'badge'],
  date: ['日期', 'date'],
  served: ['服务人次', '办件量', '接待人次', 'served'],
};
const index = new Map(Object.entries(columns).flatMap(([field, names]) => [field, ...names].map((n) => [n.toLowerCase(), field] as const)));

interface RowError {
  row: number;
  field: string | null;
  message: Bilingual;
}

/**
 * Served counts from a queue system's export (.xlsx or .csv); all-or-nothing, every bad row reported.
 *
 * Access first: the role is checked before the file is read, and a unit head naming a unit outside
 * their subtree is refused (403 out_of_scope) before any row is judged, the same whether that unit
 * exists or not. Staff another unit head could not see are "no such badge", like unknown ones.
 */
export async function importServedCounts(ctx: AppContext, actor: Actor, readFile: ReadUpload) {
  requireRole(actor, managers);
  const file = await readFile();
  const [header = [], ...table] = await readTableFile(file.name, file.data);
  const fields = header.map((h) => index.get(h.trim().toLowerCase()) ?? null);
  const rows = table
    .map((cells, i) => ({ rowNumber: i + 2, cells }))
    .filter(({ cells }) => !cells.every((c) => c.trim() === ''))
    .map(({ rowNumber, cells }) => ({ rowNumber, v: Object.fromEntries(fields.map((f, j) => [f, (cells[j] ?? '').trim()]).filter(([f]) => f)) as Record<string, string> }));
  const units = new Map<string, Awaited<ReturnType<typeof findUnitByCode>>>();
  for (const code of new Set(rows.map((r) => r.v.unitCode).filter(Boolean))) {
    const unit = await findUnitByCode(ctx, actor.orgId, code);
    if (actor.scopePath !== null && !(unit && unitInScope(actor, unit.path))) throw new AppError('out_of_scope');
    units.set(code, unit);
  }
  const errors: RowError[] = [];
  const counts: { unitId: string; staffId?: string; date: string; served: number }[] = [];
  for (const { rowNumber, v } of rows) {
    const fail = (field: string, zh: string, en: string) => errors.push({ row: rowNumber, field, message: { zh, en } });
    const unit = v.unitCode ? units.get(v.unitCode) : undefined;
    if (!unit) fail('unitCode', `单位编码 ${v.unitCode ?? ''} 不存在`, `Unit ${v.unitCode ?? ''} does not exist`);
    const staff = v.badgeNo ? await findStaffByBadgeInScope(ctx, actor, v.badgeNo) : undefined;
    if (v.badgeNo && !staff) fail('badgeNo', `工号 ${v.badgeNo} 不存在`, `Badge ${v.badgeNo} does not exist`);
    const dated = civilDate.safeParse(v.date).success;
    if (!dated) fail('date', '日期格式应为 YYYY-MM-DD', 'The date must be YYYY-MM-DD');
    const served = Number(v.served);
    if (!Number.isInteger(served) || served < 0) fail('served', '服务人次应为非负整数', 'Served must be a whole number ≥ 0');
    if (unit && (!v.badgeNo || staff) && dated && Number.isInteger(served) && served >= 0) {
      counts.push({ unitId: unit.id, ...(staff ? { staffId: staff.id } : {}), date: v.date, served });
    }
  }
  if (counts.length === 0 && errors.length === 0) errors.push({ row: 1, field: null, message: { zh: '没有数据行', en: 'No data rows' } });
  if (errors.length) throw new AppError('import_failed', { details: { errors } });
  return recordServedCounts(ctx, actor, { counts });
}
