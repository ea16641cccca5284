/**
 * Raw figures from a spreadsheet (.xlsx or .csv), and the template to fill. One row per unit,
 * indicator and input: 单位编码 | 指标编码 | 数据项编码 | 数值 (names alongside are for people and
 * ignored). Every row is checked in one pass and every problem reported with its row number;
 * nothing is stored unless every row is good (all-or-nothing).
 */
import type { AppContext } from '../../shared/context.js';
import { AppError, type Bilingual } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { downloadName } from '../../shared/download.js';
import { readTableFile } from '../../shared/table-file.js';
import type { ReadUpload } from '../../shared/upload.js';
import { appendAudit } from '../audit/service.js';
import { streamWorkbook } from '../exports/index.js';
import { checkValueEntries, loadForValues, saveValues, type ValueEntry } from './service.js';
import * as repo from './repository.js';

const columns: Record<string, string[]> = {
  unitCode: ['单位编码', 'unit code', 'unitcode'],
  indicator: ['指标编码', 'indicator', 'indicator code'],
  input: ['数据项编码', 'input', 'input code'],
  value: ['数值', 'value'],
};
const index = new Map(Object.entries(columns).flatMap(([field, names]) => [field, ...names].map((n) => [n.toLowerCase(), field] as const)));

const templateColumns = [
  { zh: '单位编码', en: 'Unit code', width: 14 },
  { zh: '单位名称', en: 'Unit name', width: 20 },
  { zh: '指标编码', en: 'Indicator', width: 18 },
  { zh: '指标名称', en: 'Indicator name', width: 26 },
  { zh: '数据项编码', en: 'Input', width: 16 },
  { zh: '数据项名称', en: 'Input name', width: 26 },
  { zh: '计量单位', en: 'Measure', width: 10 },
  { zh: '数值', en: 'Value', width: 12 },
] as const;

interface RowError {
  row: number;
  field: string | null;
  message: Bilingual;
}

/** Imports the figures of a sheet under the competition's version; 400 import_failed lists every bad row. */
export async function importCompetitionValues(ctx: AppContext, actor: Actor, id: string, version: number, readFile: ReadUpload) {
  const { row, preset, units } = await loadForValues(ctx, actor, id);
  const file = await readFile();
  const [header = [], ...table] = await readTableFile(file.name, file.data);
  const fields = header.map((h) => index.get(h.trim().toLowerCase()) ?? null);
  const missingColumns = Object.keys(columns).filter((f) => !fields.includes(f));
  if (missingColumns.length) {
    const names = missingColumns.map((f) => columns[f][0]).join('、');
    throw new AppError('import_failed', { details: { errors: [{ row: 1, field: null, message: { zh: `缺少列：${names}`, en: `missing columns: ${missingColumns.map((f) => columns[f][1]).join(', ')}` } }] } });
  }
  const byCode = new Map(units.map((u) => [u.code, u.unit_id]));
  const errors: RowError[] = [];
  const entries: (ValueEntry & { row: number })[] = [];
  table.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const v = Object.fromEntries(fields.map((f, j) => [f, (cells[j] ?? '').trim()]).filter(([f]) => f)) as Record<string, string>;
    const rowNo = i + 2;
    const unitId = byCode.get(v.unitCode ?? '');
    if (!unitId) return errors.push({ row: rowNo, field: 'unitCode', message: { zh: `单位编码 ${v.unitCode ?? ''} 不在本次竞赛的参赛单位中`, en: `unit ${v.unitCode ?? ''} does not take part in this competition` } });
    entries.push({ row: rowNo, unitId, indicator: v.indicator ?? '', input: v.input ?? '', value: v.value === '' ? null : (v.value ?? null) });
  });
  const problems = checkValueEntries(preset, row.preset, new Set(units.map((u) => u.unit_id)), entries);
  for (const p of problems) errors.push({ row: entries[p.index].row, field: p.field, message: p.message });
  const seen = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.unitId}|${e.indicator}|${e.input}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ row: e.row, field: 'input', message: { zh: `与第 ${first} 行重复`, en: `repeats row ${first}` } });
    else seen.set(key, e.row);
  }
  const filled = entries.filter((e) => e.value !== null);
  if (filled.length === 0 && errors.length === 0) errors.push({ row: 1, field: null, message: { zh: '没有填写数值的数据行', en: 'No rows with a value' } });
  if (errors.length) throw new AppError('import_failed', { details: { errors: errors.sort((a, b) => a.row - b.row) } });
  // An empty value in the sheet leaves the stored figure as it is.
  return saveValues(ctx, actor, row, version, filled, 'imported');
}

/** The sheet to fill: one row per unit, indicator and input, with the figures stored so far. */
export async function valuesTemplate(ctx: AppContext, actor: Actor, id: string, lang: 'zh' | 'en', onError: (e: unknown) => void) {
  requireRole(actor, orgManagers);
  const { row, preset, units } = await loadForValues(ctx, actor, id);
  const stored = new Map((await repo.findCompetitionValues(ctx.db.kysely, id)).map((v) => [`${v.unit_id}|${v.indicator}|${v.input}`, v.value]));
  await ctx.db.kysely.transaction().execute((trx) => appendAudit(ctx, trx, actor, { action: 'export', entity: 'export:competition-template', entityId: id, after: { lang } }));
  async function* pages() {
    const rows: unknown[][] = [];
    for (const u of units) {
      for (const ind of preset.indicators) {
        for (const x of ind.inputs) {
          const v = stored.get(`${u.unit_id}|${ind.code}|${x.code}`);
          rows.push([u.code, u.name, ind.code, ind.label[lang], x.code, x.label[lang], x.measure, v === undefined ? '' : String(Number(v)) === v ? Number(v) : v]);
        }
      }
    }
    yield rows;
  }
  return {
    filename: downloadName(lang === 'en' ? 'competition-figures' : '竞赛数据', row.period, 'xlsx'),
    stream: streamWorkbook({ name: lang === 'en' ? 'Figures' : '竞赛数据', columns: templateColumns.map((c) => ({ header: c[lang], width: c.width })), pages }, onError),
  };
}
