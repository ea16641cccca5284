import { newPdf, pdfBuffer } from '../../shared/pdf.js';

/** One complaint as the printed 投诉处理登记表 shows it: every value already in words. */
export interface RegisterSheet {
  organisation: string;
  printedAt: string;
  trackingNo: string;
  receivedAt: string;
  channel: string;
  category: string;
  complainant: string;
  contact: string;
  content: string;
  unit: string;
  staff: string;
  verification: string;
  cause: string;
  measure: string;
  reply: string;
  replyChannel: string;
  replyAt: string;
  satisfaction: string;
  handler: string;
  status: string;
  deadline: string;
  closedAt: string;
}

const X = 40;
const W = 515;
const LABEL = 78;
const PAD = 4;
const SIZE = 10;
const clipped = '……（全文见系统）';

type Cell = [label: string, value: string];
type Row = { pair: [Cell, Cell] } | { long: Cell };

function rows(s: RegisterSheet): Row[] {
  return [
    { pair: [['受理编号', s.trackingNo], ['受理时间', s.receivedAt]] },
    { pair: [['受理渠道', s.channel], ['投诉类别', s.category]] },
    { pair: [['投诉人', s.complainant], ['联系方式', s.contact]] },
    { long: ['投诉内容', s.content] },
    { pair: [['涉及单位', s.unit], ['涉及人员', s.staff]] },
    { long: ['核实情况', s.verification] },
    { long: ['原因分析', s.cause] },
    { long: ['整改措施', s.measure] },
    { long: ['答复内容', s.reply] },
    { pair: [['答复方式', s.replyChannel], ['答复时间', s.replyAt]] },
    { pair: [['投诉人满意度', s.satisfaction], ['当前状态', s.status]] },
    { pair: [['经办人', s.handler], ['答复期限', s.deadline]] },
    { pair: [['办结时间', s.closedAt], ['打印时间', s.printedAt]] },
  ];
}

/**
 * 投诉处理登记表: one A4 page per complaint, a ruled form from receipt to the complainant's
 * satisfaction, with signature lines. Long texts share the page's free height in proportion to
 * their length; what does not fit is cut with a note that the full text is in the system.
 */
export async function renderRegisterSheet(s: RegisterSheet): Promise<Buffer> {
  const doc = newPdf();
  doc.fontSize(12).fillColor('#000000').text(s.organisation, X, 40, { width: W, align: 'center', lineBreak: false });
  doc.fontSize(18).text('投诉处理登记表', X, 60, { width: W, align: 'center', lineBreak: false });
  const top = 96;
  const signatureHeight = 70;
  const bottom = doc.page.height - 40 - signatureHeight;
  const line = SIZE + 8;
  const valueWidth = { pair: W / 2 - LABEL - 2 * PAD, long: W - LABEL - 2 * PAD };
  doc.fontSize(SIZE);
  const list = rows(s);
  const fixed = list.filter((r) => 'pair' in r).length * line;
  const least = line * 2;
  const natural = list.map((r) => ('long' in r ? Math.max(least, doc.heightOfString(r.long[1] || '—', { width: valueWidth.long }) + 2 * PAD) : line));
  const longRows = list.filter((r) => 'long' in r).length;
  const wanted = natural.reduce((a, h, i) => a + ('long' in list[i] ? h - least : 0), 0);
  // What the long rows may take beyond their two lines each, shared in proportion to what they want.
  const spare = bottom - top - fixed - longRows * least;
  const share = wanted > spare ? spare / wanted : 1;
  let y = top;
  doc.lineWidth(0.6).strokeColor('#000000');
  list.forEach((r, i) => {
    const h = 'long' in r ? least + Math.floor((natural[i] - least) * share) : line;
    const cells: { x: number; w: number; label: string; value: string }[] =
      'long' in r ? [{ x: X, w: W, label: r.long[0], value: r.long[1] }] : r.pair.map((c, k) => ({ x: X + (k * W) / 2, w: W / 2, label: c[0], value: c[1] }));
    for (const c of cells) {
      doc.rect(c.x, y, LABEL, h).stroke();
      doc.rect(c.x + LABEL, y, c.w - LABEL, h).stroke();
      doc.fontSize(SIZE).fillColor('#333333').text(c.label, c.x + PAD, y + PAD, { width: LABEL - 2 * PAD, lineBreak: false });
      const width = c.w - LABEL - 2 * PAD;
      let value = c.value || '—';
      if ('long' in r && doc.heightOfString(value, { width }) > h - 2 * PAD) {
        // Cut at the last character that still leaves room for the note.
        let n = value.length;
        while (n > 0 && doc.heightOfString(value.slice(0, n) + clipped, { width }) > h - 2 * PAD) n = Math.floor(n * 0.95);
        value = value.slice(0, n) + clipped;
      }
      doc.fillColor('#000000').text(value, c.x + LABEL + PAD, y + PAD, { width, height: h - 2 * PAD, lineBreak: 'long' in r, ellipsis: !('long' in r) });
    }
    y += h;
  });
  y += 24;
  doc.fontSize(11).fillColor('#000000').text('经办人（签字）：__________　　科室负责人（签字）：__________　　质控部门审核：__________', X, y, { width: W, lineBreak: false });
  doc.text('日期：____年__月__日', X, y + 30, { width: W, align: 'right', lineBreak: false });
  return pdfBuffer(doc);
}
