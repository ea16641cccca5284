import { AppError } from '../../shared/errors.js';
import { readTableFile } from '../../shared/table-file.js';

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
  const [header, ...rows] = await readTableFile(fileName, data);
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

