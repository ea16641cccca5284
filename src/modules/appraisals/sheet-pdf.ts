/**
 * 个人考核表 (002:L216 每人每周期一张考核表): one person's sheet of one period as a printed A4 page in
 * Chinese — the header (organisation, period, person, unit, post), the items with their source in
 * words, value and points, the total and star, the head's feedback, the person's objection, and the
 * signature lines the paper file needs (本人 / 科室负责人 / 质控办). Each table cell is a text run of
 * its own, so `pdftotext` reads the sheet back.
 */
import { newPdf, pdfBuffer } from '../../shared/pdf.js';

export interface SheetPrintItem {
  /** 德、能、勤、绩 or the template's group. */
  group: string;
  label: string;
  /** The item's source in words (how the figure was measured, or 科室负责人评分 for a judged item). */
  inWords: string;
  /** The measured figure or the head's score; null while not yet scored. */
  value: string | null;
  points: string | null;
  max: string;
}

export interface SheetPrint {
  organisation: string;
  /** 2026-11, 2026-W47, 2026-Q4. */
  period: string;
  periodFrom: string;
  periodTo: string;
  templateLabel: string;
  staffName: string;
  badgeNo?: string | null;
  unitName: string | null;
  post: string | null;
  /** The state in words: 待评分, 已确认… */
  state: string;
  items: SheetPrintItem[];
  total: string;
  /** 五星 (≥ 95), or null while no grade applies. */
  star: string | null;
  vetoed: boolean;
  feedback: string | null;
  objection: string | null;
  /** Reopen notes and the like: `YYYY-MM-DD text`. */
  notes: string[];
  /** The organisation's local date the sheet was printed, YYYY-MM-DD. */
  printedOn: string;
}

const quarters = ['一', '二', '三', '四'];

/** 2026-11 → 2026年11月; 2026-Q4 → 2026年第四季度; 2026-W47 → 2026年第47周. */
export function appraisalPeriodZh(label: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  if (q) return `${q[1]}年第${quarters[Number(q[2]) - 1]}季度`;
  const w = /^(\d{4})-W(\d{2})$/.exec(label);
  return w ? `${w[1]}年第${Number(w[2])}周` : label;
}

const X = 40;
const TOP = 40;
const PAD = 4;
const SIZE = 9.5;
const black = '#000000';
const grey = '#555555';
const line = '#999999';

type Doc = PDFKit.PDFDocument;

/** Column widths of the items table (A4 portrait, 40 pt margins: 515 pt). */
const columns = [
  { head: '类别', width: 48 },
  { head: '考核项目', width: 112 },
  { head: '来源及依据', width: 205 },
  { head: '数值', width: 60 },
  { head: '得分', width: 45 },
  { head: '满分', width: 45 },
];
const tableWidth = columns.reduce((a, c) => a + c.width, 0);

function rowHeight(doc: Doc, cells: string[]): number {
  doc.fontSize(SIZE);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c || '—', { width: columns[i].width - 2 * PAD }))) + 2 * PAD;
}

function drawRow(doc: Doc, cells: string[], y: number, h: number, head: boolean) {
  let x = X;
  if (head) doc.rect(X, y, tableWidth, h).fillColor('#eeeeee').fill();
  doc.fillColor(black).fontSize(SIZE);
  cells.forEach((c, i) => {
    const w = columns[i].width;
    doc.rect(x, y, w, h).lineWidth(0.5).strokeColor(line).stroke();
    doc.fillColor(black).text(c || '—', x + PAD, y + PAD, { width: w - 2 * PAD, align: i >= 3 ? 'right' : 'left' });
    x += w;
  });
}

/** Starts a new page when `need` points do not fit below `y`; returns where to draw. */
function room(doc: Doc, y: number, need: number): number {
  if (y + need <= doc.page.height - 48) return y;
  doc.addPage();
  return TOP;
}

/** A labelled paragraph (反馈意见, 异议): the label on its line, the text wrapped below. */
function paragraph(doc: Doc, label: string, text: string | null, y: number): number {
  const body = text?.trim() || '无';
  doc.fontSize(10);
  const h = doc.heightOfString(body, { width: tableWidth - 12 }) + 20;
  y = room(doc, y, h + 6);
  doc.fillColor(black).fontSize(10.5).text(`${label}：`, X, y, { lineBreak: false });
  doc.fillColor(black).fontSize(10).text(body, X + 12, y + 16, { width: tableWidth - 12 });
  return y + h + 6;
}

export async function renderSheetPdf(s: SheetPrint): Promise<Buffer> {
  const doc = newPdf();
  doc.info.Title = `个人考核表 ${s.staffName} ${s.period}`;
  let y = TOP;
  doc.fillColor(black).fontSize(18).text(`${s.organisation}个人考核表`, X, y, { width: tableWidth, align: 'center', lineBreak: false });
  y += 28;
  doc.fillColor(grey).fontSize(10).text(`${s.templateLabel} · ${appraisalPeriodZh(s.period)}（${s.periodFrom} 至 ${s.periodTo}）`, X, y, { width: tableWidth, align: 'center', lineBreak: false });
  y += 22;

  const half = tableWidth / 2;
  const facts: [string, string][] = [
    ['姓名', `${s.staffName}${s.badgeNo ? `（${s.badgeNo}）` : ''}`],
    ['科室', s.unitName ?? '—'],
    ['岗位', s.post ?? '—'],
    ['考核周期', appraisalPeriodZh(s.period)],
  ];
  doc.fillColor(black).fontSize(10.5);
  facts.forEach(([k, v], i) => {
    doc.text(`${k}：${v}`, X + (i % 2) * half, y + Math.floor(i / 2) * 18, { width: half - 8, lineBreak: false });
  });
  y += 2 * 18 + 8;

  const head = columns.map((c) => c.head);
  let h = rowHeight(doc, head);
  drawRow(doc, head, y, h, true);
  y += h;
  for (const it of s.items) {
    const cells = [it.group, it.label, it.inWords, it.value ?? '—', it.points ?? '待评', it.max];
    h = rowHeight(doc, cells);
    const next = room(doc, y, h);
    if (next !== y) {
      y = next;
      const hh = rowHeight(doc, head);
      drawRow(doc, head, y, hh, true);
      y += hh;
    }
    drawRow(doc, cells, y, h, false);
    y += h;
  }
  y = room(doc, y + 8, 40);
  doc.fillColor(black).fontSize(12).text(`总分：${s.total}`, X, y, { lineBreak: false });
  doc.text(`星级：${s.star ?? '未评定'}`, X + 150, y, { lineBreak: false });
  doc.fillColor(grey).fontSize(10).text(`状态：${s.state}`, X + 330, y + 2, { lineBreak: false });
  y += 20;
  if (s.vetoed) {
    doc.fillColor('#b4232a').fontSize(10).text('本期有一票否决事项', X, y, { lineBreak: false });
    y += 16;
  }
  y += 6;
  y = paragraph(doc, '科室负责人反馈意见', s.feedback, y);
  y = paragraph(doc, '本人异议', s.objection, y);
  if (s.notes.length) y = paragraph(doc, '备注', s.notes.join('\n'), y);

  // 签字栏: three signatures, each with its date, kept together on one page.
  y = room(doc, y + 10, 3 * 30 + 10);
  for (const who of ['本人签字', '科室负责人签字', '质控办审核']) {
    doc.fillColor(black).fontSize(11).text(`${who}：`, X, y, { lineBreak: false });
    doc.moveTo(X + 100, y + 14).lineTo(X + 290, y + 14).lineWidth(0.6).strokeColor(black).stroke();
    doc.text('日期：', X + 320, y, { lineBreak: false });
    doc.text('年    月    日', X + 390, y, { lineBreak: false });
    y += 30;
  }
  doc.fillColor(grey).fontSize(8.5).text(`打印日期：${s.printedOn}`, X, doc.page.height - 40, { width: tableWidth, align: 'right', lineBreak: false });
  return pdfBuffer(doc);
}
