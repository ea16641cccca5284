import { PassThrough, type Readable } from 'node:stream';
import { loadExcel } from '../../shared/excel.js';

/** An xlsx sheet holds at most 1,048,576 rows: a longer export continues on a new sheet. */
const rowsPerSheet = 1_000_000;

export interface StreamedSheet {
  name: string;
  columns: { header: string; width: number }[];
  /** Yields pages of rows; each page is written and flushed before the next is fetched. */
  pages: () => AsyncGenerator<unknown[][]>;
}

/**
 * Writes a workbook row by row to a stream (exceljs WorkbookWriter): only one page of rows is
 * in memory; the caller sends the returned stream as the response. A failure half-way destroys
 * the stream (the client sees a truncated download, never a corrupt success).
 */
export function streamWorkbook(sheet: StreamedSheet, onError: (e: unknown) => void): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Youzhi 优质';
    const addSheet = (n: number) => {
      const ws = workbook.addWorksheet(n === 1 ? sheet.name : `${sheet.name}(${n})`, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      return ws;
    };
    let sheetNo = 1;
    let ws = addSheet(sheetNo);
    let rows = 0;
    for await (const page of sheet.pages()) {
      for (const values of page) {
        if (rows === rowsPerSheet) {
          ws.commit();
          ws = addSheet(++sheetNo);
          rows = 0;
        }
        ws.addRow(values).commit();
        rows++;
      }
      // Back-pressure: let a slow client drain before the next page is read; stop if it went away.
      while (out.readableLength > 4 * 1024 * 1024 && !out.destroyed) await new Promise((r) => setTimeout(r, 5));
      if (out.destroyed) return;
    }
    ws.commit();
    await workbook.commit();
  })().catch((e) => {
    onError(e);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return out;
}
