import type { CellValue } from 'exceljs';
import { loadExcel } from './excel.js';
import { AppError } from './errors.js';
import { requireExtensionOf, sniffFile } from './sniff.js';

/** Reads the first sheet of an .xlsx or a .csv (UTF-8, BOM allowed) into rows of cell texts. */
export async function readTableFile(fileName: string, data: Buffer): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  const kind = sniffFile(data, fileName);
  if (kind) requireExtensionOf(kind, fileName);
  if (lower.endsWith('.csv')) return parseCsv(data.toString('utf8').replace(/^\uFEFF/, ''));
  if (lower.endsWith('.xlsx')) return readXlsx(data);
  throw new AppError('unsupported_media_type', { details: { reason: 'expected .xlsx or .csv' } });
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new (await loadExcel()).Workbook();
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

function cellText(value: CellValue): string {
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
