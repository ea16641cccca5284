import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors.js';

/** One data row of a roster file, keyed by our field names, with its spreadsheet row number. */
export interface RosterRow {
  rowNumber: number;
  fields: Record<string, string>;
}

/** Column headers accepted in roster files, Chinese or English (花名册表头). */
export const rosterColumns: Record<string, string[]> = {
  unitCode: ['单位编码', '科室编码', '部门编码', 'unitcode', 'unit code'],
  unitName: ['单位名称', '科室', '部门', '科室名称', '部门名称', 'unitname', 'unit name', 'unit'],
  unitKind: ['单位类型', 'unitkind', 'unit kind', 'kind'],
  parentUnitCode: ['上级单位编码', '上级编码', 'parentunitcode', 'parent unit code', 'parent code'],
  badgeNo: ['工号', '员工编号', 'badgeno', 'badge no', 'badge', 'employee no'],
  name: ['姓名', 'name'],
  posts: ['岗位', '职务', 'posts', 'post'],
  category: ['类别', '人员类别', 'category'],
  partyBranch: ['党支部', 'partybranch', 'party branch'],
  phone: ['电话', '手机', '联系电话', 'phone'],
  middleCadre: ['中层干部', 'middlecadre', 'middle cadre'],
};

const headerIndex = new Map<string, string>();
for (const [field, names] of Object.entries(rosterColumns)) for (const n of [field, ...names]) headerIndex.set(n.toLowerCase(), field);

/** Reads an .xlsx or .csv roster into rows; the first row holds the headers. */
export async function readRosterFile(fileName: string, data: Buffer): Promise<RosterRow[]> {
  const lower = fileName.toLowerCase();
  const table = lower.endsWith('.csv') ? parseCsv(data.toString('utf8').replace(/^\uFEFF/, '')) : lower.endsWith('.xlsx') ? await readXlsx(data) : null;
  if (!table) throw new AppError('unsupported_media_type', { details: { reason: 'expected .xlsx or .csv' } });
  const [header, ...rows] = table;
  if (!header) throw new AppError('import_failed', { details: { errors: [{ row: 1, field: null, message: { zh: '文件为空', en: 'The file is empty' } }] } });
  const fields = header.map((h) => headerIndex.get(h.trim().toLowerCase()) ?? null);
  const out: RosterRow[] = [];
  rows.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const record: Record<string, string> = {};
    fields.forEach((f, j) => {
      if (f) record[f] = (cells[j] ?? '').trim();
    });
    out.push({ rowNumber: i + 2, fields: record });
  });
  return out;
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_failed', { details: { reason: 'not a readable .xlsx file' } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (r) => r ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
