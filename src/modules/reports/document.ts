import { newPdf, pdfBuffer } from '../../shared/pdf.js';
import { drawSvg } from './chart.js';
import { paginate, pageCount, type Box, type Placement } from './layout.js';

/**
 * A printed report as a list of blocks: laid out by `paginate`, then drawn with a running header
 * (organisation and period) and 第 N 页 / 共 M 页 on every page, and a table of contents when the
 * report runs over three pages. Each block is one text run per line so `pdftotext` reads it back.
 */
export type Block = (
  | { kind: 'title'; text: string; size: number }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; size?: number; color?: string; indent?: number }
  | { kind: 'paragraph'; text: string; size?: number; color?: string }
  | { kind: 'row'; cells: string[]; widths: number[]; header?: boolean; repeat?: string[] }
  | { kind: 'chart'; svg: string; height: number }
  | { kind: 'gap'; height: number }
  | { kind: 'signature'; fields: string[]; seal: string }
) & {
  /** How many following blocks must share this block's page (overrides the kind's default). */
  keepWithNext?: number;
};

export interface ReportDocument {
  /** Running header: left and right parts. */
  header: { left: string; right: string };
  blocks: Block[];
}

const X = 40;
const TOP = 56;
const BOTTOM_MARGIN = 52;
const tocAfterPages = 3;
const black = '#000000';
const grey = '#555555';
const red = '#b4232a';

type Doc = PDFKit.PDFDocument;

function boxOf(doc: Doc, b: Block, width: number): Box {
  const box = defaultBox(doc, b, width);
  return b.keepWithNext === undefined ? box : { ...box, keepWithNext: b.keepWithNext };
}

function defaultBox(doc: Doc, b: Block, width: number): Box {
  switch (b.kind) {
    case 'title':
      return { height: b.size + 10 };
    case 'heading':
      // Kept with the analysis paragraph and the first line or row after it.
      return { height: 34, keepWithNext: 2 };
    case 'text':
      return { height: (b.size ?? 10.5) + 6 };
    case 'paragraph':
      doc.fontSize(b.size ?? 10.5);
      return { height: doc.heightOfString(b.text, { width, lineGap: 3 }) + 6 };
    case 'row':
      return { height: 15, keepWithNext: b.header ? 1 : 0, repeatHeight: b.repeat ? 15 : undefined };
    case 'chart':
      return { height: b.height + 8 };
    case 'gap':
      return { height: b.height };
    case 'signature':
      return { height: 74 };
  }
}

function drawRow(doc: Doc, cells: string[], widths: number[], y: number, header: boolean) {
  let x = X;
  cells.forEach((c, i) => {
    doc.fillColor(header ? '#333333' : black).fontSize(9.5).text(c, x, y, { width: widths[i] - 4, lineBreak: false, ellipsis: true });
    x += widths[i];
  });
}

function drawBlock(doc: Doc, b: Block, y: number, width: number) {
  switch (b.kind) {
    case 'title':
      doc.fillColor(black).fontSize(b.size).text(b.text, X, y, { width, align: 'center', lineBreak: false });
      return;
    case 'heading':
      doc.fillColor(red).fontSize(13).text(b.text, X, y + 6, { lineBreak: false });
      doc.moveTo(X, y + 25).lineTo(X + width, y + 25).lineWidth(0.5).strokeColor(red).stroke();
      return;
    case 'text':
      doc.fillColor(b.color ?? black).fontSize(b.size ?? 10.5).text(b.text, X + (b.indent ?? 0), y, { width: width - (b.indent ?? 0), lineBreak: false });
      return;
    case 'paragraph':
      doc.fillColor(b.color ?? black).fontSize(b.size ?? 10.5).text(b.text, X, y, { width, lineGap: 3 });
      return;
    case 'row':
      drawRow(doc, b.cells, b.widths, y, !!b.header);
      return;
    case 'chart':
      drawSvg(doc, b.svg, { x: X, y, width, height: b.height });
      return;
    case 'gap':
      return;
    case 'signature': {
      doc.fillColor(black).fontSize(11).text(b.fields.join('　　　'), X, y + 16, { width, lineBreak: false });
      doc.fontSize(11).text(b.seal, X, y + 48, { width, align: 'right', lineBreak: false });
      return;
    }
  }
}

/** The table of contents: one entry per heading, with the page it starts on. */
function tocBlocks(headings: string[]): Block[] {
  return [{ kind: 'heading', text: '目录' }, ...headings.map((h): Block => ({ kind: 'text', text: h, size: 10.5, indent: 12 })), { kind: 'gap', height: 8 }];
}

function layout(doc: Doc, blocks: Block[], width: number): Placement[] {
  return paginate(blocks.map((b) => boxOf(doc, b, width)), { top: TOP, bottom: doc.page.height - BOTTOM_MARGIN });
}

/** Header and footer of every page, drawn once the page count is known. */
function drawFurniture(doc: Doc, header: ReportDocument['header'], pages: number, width: number) {
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    // Drawing in the margins must not make pdfkit open a page of its own.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fillColor(grey).fontSize(8.5).text(header.left, X, 24, { width: width / 2, lineBreak: false });
    doc.fontSize(8.5).text(header.right, X + width / 2, 24, { width: width / 2, align: 'right', lineBreak: false });
    doc.moveTo(X, 38).lineTo(X + width, 38).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.fillColor(grey).fontSize(9).text(`第 ${i + 1} 页 / 共 ${pages} 页`, X, doc.page.height - 34, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the report: laid out once to count pages, again with a table of contents when it runs over three. */
export async function renderReport(report: ReportDocument): Promise<Buffer> {
  const doc = newPdf({ bufferPages: true });
  const width = doc.page.width - 2 * X;
  let blocks = report.blocks;
  let placements = layout(doc, blocks, width);
  let toc: { at: number; targets: number[] } | null = null;
  if (pageCount(placements) > tocAfterPages) {
    // The contents go after the title lines; their entries keep a fixed height, so one more layout is exact.
    const at = Math.max(0, blocks.findIndex((b) => b.kind === 'heading'));
    const headings = blocks.map((b, i) => [b, i] as const).filter(([b]) => b.kind === 'heading');
    const extra = tocBlocks(headings.map(([b]) => (b as { text: string }).text));
    blocks = [...blocks.slice(0, at), ...extra, ...blocks.slice(at)];
    placements = layout(doc, blocks, width);
    toc = { at, targets: headings.map(([, i]) => i + extra.length) };
  }
  const pages = pageCount(placements);
  for (let p = 1; p < pages; p++) doc.addPage();
  blocks.forEach((b, i) => {
    const place = placements[i];
    doc.switchToPage(place.page);
    if (place.repeated && b.kind === 'row' && b.repeat) drawRow(doc, b.repeat, b.widths, place.y - 15, true);
    drawBlock(doc, b, place.y, width);
  });
  if (toc) {
    doc.switchToPage(placements[toc.at].page);
    toc.targets.forEach((target, k) => {
      const entry = placements[toc.at + 1 + k];
      doc.switchToPage(entry.page);
      doc.fillColor(black).fontSize(10.5).text(`${placements[target].page + 1}`, X, entry.y, { width, align: 'right', lineBreak: false });
    });
  }
  drawFurniture(doc, report.header, pages, width);
  return pdfBuffer(doc);
}
