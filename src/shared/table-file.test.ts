import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { part, workbookParts, xlsxOf, zipOf } from '../../test/support/xlsx.js';
import { isAppError } from './errors.js';
import { readTableFile } from './table-file.js';
import { tableLimits } from './table-limits.js';

/** The table reader (our own, in a worker) reads what ExcelJS wrote as ExcelJS used to present it. */
async function written(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('花名册'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(err)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, details: err.details };
}

describe('readTableFile: .xlsx', () => {
  it('strings, numbers, dates, rich text, formulas, booleans and links as their texts; row n at index n - 1', async () => {
    const file = await written((ws) => {
      ws.addRow(['工号', '姓名', '日期', '服务人次', '比率', '备注']);
      ws.addRow(['H1005', { richText: [{ text: '李' }, { text: '娜', font: { bold: true } }] }, new Date(Date.UTC(2026, 10, 3)), 40, 2.5, { text: '官网', hyperlink: 'https://example.cn' }]);
      ws.getCell('D3').value = { formula: 'D2*2', result: 80 };
      ws.getCell('E3').value = true;
      ws.getCell('C3').value = 46329;
      ws.getCell('C3').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('E4').value = 0.125;
      ws.getCell('E4').numFmt = '0.00%';
      ws.getCell('A6').value = 'a < b & "c"';
    });
    expect(await readTableFile('roster.xlsx', file)).toEqual([
      ['工号', '姓名', '日期', '服务人次', '比率', '备注'],
      ['H1005', '李娜', '2026-11-03', '40', '2.5', '官网'],
      ['', '', '2026-11-03', '80', 'true'],
      ['', '', '', '', '0.125'],
      [],
      ['a < b & "c"'],
    ]);
  });

  it('dates of a 1904-based workbook', async () => {
    const file = await written((ws, wb) => {
      wb.properties.date1904 = true;
      ws.addRow([new Date(Date.UTC(2026, 10, 3))]);
    });
    expect(await readTableFile('a.xlsx', file)).toEqual([['2026-11-03']]);
  });

  it('inline strings, shared strings with phonetic guides and entities, and the sheet the workbook lists first', async () => {
    const shared = part('xl/sharedStrings.xml', '<sst><si><t>王&amp;李 &#x4E00;</t></si><si><r><t>单位</t></r><r><t xml:space="preserve">编码</t></r><rPh sb="0" eb="2"><t>たんい</t></rPh></si></sst>');
    const sheet = part('xl/worksheets/sheet2.xml', '<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c t="s"><v>0</v></c><c t="inlineStr"><is><t>内联</t></is></c><c t="str"><f>A1</f><v>公式</v></c><c t="e"><v>#N/A</v></c></row></sheetData></worksheet>');
    const parts = workbookParts().map((p) => (p.name === 'xl/_rels/workbook.xml.rels' ? part(p.name, '<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet2.xml"/></Relationships>') : p));
    expect(await readTableFile('a.xlsx', zipOf([...parts, shared, sheet, part('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row><c><v>9</v></c></row></sheetData></worksheet>')]))).toEqual([
      [],
      ['', '单位编码', '王&李 一', '内联', '公式', '#N/A'],
    ]);
  });

  it('a sheet within the caps reads whole: 20,000 rows of five cells', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row>${'<c><v>1</v></c>'.repeat(4)}<c t="inlineStr"><is><t>行${i + 1}</t></is></c></row>`).join('');
    const table = await readTableFile('big.xlsx', xlsxOf(rows));
    expect(table).toHaveLength(20_000);
    expect(table[19_999]).toEqual(['1', '1', '1', '1', '行20000']);
  });

  it('a workbook whose parts declare more than 20 MB is refused before any is unpacked', async () => {
    const sheet = { ...part('xl/worksheets/sheet1.xml', '<worksheet/>'), size: 21 * 1024 * 1024 };
    expect(await refusal(readTableFile('a.xlsx', zipOf([...workbookParts(), sheet])))).toEqual({ code: 'upload_too_large', details: { limit: 'bytes', max: 20 * 1024 * 1024 } });
  });

  it('a part that unpacks to less than it declares is refused too', async () => {
    const sheet = { ...part('xl/worksheets/sheet1.xml', '<worksheet/>'), size: 1000 };
    expect(await refusal(readTableFile('a.xlsx', zipOf([...workbookParts(), sheet])))).toMatchObject({ code: 'file_invalid' });
  });
});

describe('readTableFile: .csv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', async () => {
    expect(await readTableFile('a.csv', Buffer.from('\uFEFF工号,姓名\r\n"H1,005","李""娜"""\n'))).toEqual([
      ['工号', '姓名'],
      ['H1,005', '李"娜"'],
    ]);
  });

  it('five files at once all read, in turn (two workers at a time)', async () => {
    const files = Array.from({ length: 5 }, (_, i) => readTableFile(`${i}.csv`, Buffer.from(`n\n${i}\n`)));
    expect(await Promise.all(files)).toEqual(Array.from({ length: 5 }, (_, i) => [['n'], [String(i)]]));
  });

  it('a parse that runs past its time is stopped (413), and the next file reads', async () => {
    const seconds = tableLimits.seconds;
    tableLimits.seconds = 0.001; // no worker answers within a millisecond
    try {
      expect(await refusal(readTableFile('slow.csv', Buffer.from('a\n1\n')))).toMatchObject({ code: 'upload_too_large', details: { limit: 'seconds' } });
    } finally {
      tableLimits.seconds = seconds;
    }
    expect(await readTableFile('next.csv', Buffer.from('a\n1\n'))).toEqual([['a'], ['1']]);
  });

  it('a CSV over 20 MB is refused unread', async () => {
    expect(await refusal(readTableFile('a.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61)))).toMatchObject({ code: 'upload_too_large', details: { limit: 'bytes' } });
  });
});
