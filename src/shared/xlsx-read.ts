import path from 'node:path';
import { fileInvalid, tableLimits, tooLarge } from './table-limits.js';

/**
 * Reads the cell texts of a workbook's first sheet from its unpacked XML parts (name → bytes).
 * Our own reader rather than ExcelJS: it materialises only cell values, so a merged range or a
 * data validation over a whole sheet (which ExcelJS expands cell by cell) costs nothing, and each
 * cell is counted against the caps as it is met. Cells read as ExcelJS presented them: shared and
 * inline strings and rich text as their text, numbers as JavaScript prints them, booleans as
 * true/false, date-formatted numbers as YYYY-MM-DD, formulas as their cached result.
 */
export function readXlsxSheet(parts: Record<string, Uint8Array>): string[][] {
  const text = (name: string) => {
    const part = parts[name];
    return part && Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8');
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) throw fileInvalid('no xl/workbook.xml');
  const sheet = text(firstSheetPath(workbook, text('xl/_rels/workbook.xml.rels') ?? ''));
  if (sheet === undefined) return [];
  return sheetRows(sheet, {
    strings: sharedStrings(text('xl/sharedStrings.xml') ?? ''),
    dateStyles: dateStyles(text('xl/styles.xml') ?? ''),
    date1904: /<workbookPr\b[^<>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook),
  });
}

interface Lookups {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

const attrPattern = /([\w:.-]{1,64})\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attrs(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(attrPattern)) out[m[1]] = decode(m[2] ?? m[3]);
  return out;
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g, (all, hex: string, dec: string, name: string) => {
    if (name) return entities[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The part the workbook lists first (ExcelJS's worksheets[0]), through the workbook's relationships. */
function firstSheetPath(workbook: string, rels: string): string {
  const sheet = /<sheet\b([^<>]*)>/.exec(workbook);
  const id = sheet && Object.entries(attrs(sheet[1])).find(([k]) => k.endsWith(':id'))?.[1];
  for (const m of rels.matchAll(/<Relationship\b([^<>]*)>/g)) {
    const rel = attrs(m[1]);
    if (rel.Id === id && rel.Target) return rel.Target.startsWith('/') ? rel.Target.slice(1) : path.posix.normalize(`xl/${rel.Target}`);
  }
  return 'xl/worksheets/sheet1.xml';
}

/** Texts of <t> runs (plain or rich text), leaving out phonetic guides (<rPh>) as Excel shows them. */
function runsText(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<rPh\b(?:[^<]|<(?!\/rPh>|rPh[\s/>]))*<\/rPh>/g, '').matchAll(/<t\b[^<>]*?(?:\/>|>([^<]*)<\/t>)/g)) out += decode(m[1] ?? '');
  return out;
}

function sharedStrings(xml: string): string[] {
  return Array.from(xml.matchAll(/<si\b[^<>]*?(?:\/>|>((?:[^<]|<(?!\/si>|si[\s/>]))*)<\/si>)/g), (m) => runsText(m[1] ?? ''));
}

// Built-in date formats: 14–22 and 45–47 everywhere, 27–36 and 50–58 in Chinese, Japanese and Korean Excel.
const builtInDates = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Indexes of the cell styles (cellXfs) whose number format shows a date or time. */
function dateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^<>]*)>/g)) {
    const a = attrs(m[1]);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const out = new Set<number>();
  const xfs = /<cellXfs\b[^<>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  let index = 0;
  for (const m of xfs.matchAll(/<xf\b([^<>]*)>/g)) {
    const id = Number(attrs(m[1]).numFmtId ?? 0);
    const code = custom.get(id);
    // ExcelJS's test: date letters outside quoted text and [colour]/[$-locale] brackets.
    if (code === undefined ? builtInDates.has(id) : /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))) out.add(index);
    index++;
  }
  return out;
}

function excelDate(serial: number, date1904: boolean): string | null {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

function cellText(a: Record<string, string>, inner: string, lookups: Lookups): string {
  const v = /<v\b[^<>]*>([^<]*)<\/v>/.exec(inner)?.[1];
  switch (a.t) {
    case 's':
      return v === undefined ? '' : (lookups.strings[Number(v)] ?? '');
    case 'inlineStr':
      return runsText(/<is\b[^<>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    case 'b':
      return v === undefined ? '' : v.trim() === '1' ? 'true' : 'false';
    case 'd':
      return decode(v ?? '').slice(0, 10);
    case 'str':
    case 'e':
      return decode(v ?? '');
    default: {
      if (v === undefined || v.trim() === '') return '';
      const n = parseFloat(v);
      if (Number.isNaN(n)) return decode(v);
      return (lookups.dateStyles.has(Number(a.s ?? 0)) && excelDate(n, lookups.date1904)) || String(n);
    }
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * The sheet's rows of cell texts, row n at index n - 1 (blank rows as empty arrays), refusing as
 * soon as a row, a column or the count of cells passes the caps — whatever the <dimension> claims.
 */
function sheetRows(xml: string, lookups: Lookups): string[][] {
  const table: string[][] = [];
  let row = 0;
  let column = 0;
  let cells = 0;
  for (const m of xml.matchAll(/<row\b([^<>]*?)\/?>|<c\b([^<>]*?)(?:\/>|>((?:[^<]|<(?!\/c>|c[\s/>]|row[\s/>]))*)<\/c>)/g)) {
    const cell = m[2] === undefined ? null : attrs(m[2]);
    if (!cell) {
      const r = attrs(m[1]).r;
      row = r === undefined ? row + 1 : Number(r);
      column = 0;
    } else {
      if (++cells > tableLimits.cells) throw tooLarge('cells');
      const ref = cell.r === undefined ? null : /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(cell.r);
      if (cell.r !== undefined && !ref) throw fileInvalid(`cell reference ${cell.r}`);
      column = ref ? columnNumber(ref[1]) : column + 1;
      if (ref) row = Number(ref[2]);
    }
    if (!Number.isInteger(row) || row < 1) throw fileInvalid(`row number ${row}`);
    if (row > tableLimits.rows) throw tooLarge('rows');
    if (column > tableLimits.columns) throw tooLarge('columns');
    if (row > table.length) table.length = row;
    const value = cell ? cellText(cell, m[3] ?? '', lookups) : '';
    if (value !== '') (table[row - 1] ??= [])[column - 1] = value;
  }
  return Array.from(table, (cells) => Array.from(cells ?? [], (c) => c ?? ''));
}
