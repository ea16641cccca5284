import type { Bilingual, ErrorCode } from './errors.js';
import { tableLimits, tooLarge } from './table-limits.js';
import { readXlsxSheet } from './xlsx-read.js';

/** What the table worker is given: a .csv's bytes, or an .xlsx's XML parts already unpacked within the caps. */
export type TableJob = { kind: 'csv'; bytes: Uint8Array } | { kind: 'xlsx'; parts: Record<string, Uint8Array> };

/** What the worker posts back: the rows, or the AppError that refused the file (an AppError does not cross threads whole). */
export type TableAnswer = { rows: string[][] } | { error: { code: ErrorCode; message?: Bilingual; details?: unknown } };

/** Rows of cell texts; runs in the table worker (table-worker.ts), off the event loop. */
export function parseTable(job: TableJob): string[][] {
  if (job.kind === 'xlsx') return readXlsxSheet(job.parts);
  return parseCsv(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString('utf8').replace(/^\uFEFF/, ''));
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; refused once it passes the row, column or cell caps. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let cells = 0;
  const endField = () => {
    if (row.length >= tableLimits.columns) throw tooLarge('columns');
    if (++cells > tableLimits.cells) throw tooLarge('cells');
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (rows.length >= tableLimits.rows) throw tooLarge('rows');
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
