/**
 * 荣誉证书: one winner's certificate as a one-page landscape A4 PDF in Chinese — a red double frame,
 * the title, who is honoured for what in which period, the organisation and the date, and the
 * certificate's number. Each line is one text run, so `pdftotext` reads it back.
 */
import PDFDocument from 'pdfkit';
import { cjkFont, pdfBuffer } from '../../shared/pdf.js';

export interface CertificateText {
  organisation: string;
  /** A person's name, or a unit's. */
  recipient: string;
  subject: 'person' | 'unit';
  /** The person's unit (a person's certificate only). */
  unitName?: string | null;
  /** 文明服务标兵, 优质服务窗口… */
  awardName: string;
  /** 2026-Q4, 2026-11 or 2026. */
  period: string;
  /** The organisation's local date of the announcement, YYYY-MM-DD. */
  date: string;
  /** 证书编号. */
  serial: string;
}

const quarters = ['一', '二', '三', '四'];

/** 2026-Q4 → 2026年第四季度; 2026-11 → 2026年11月; 2026 → 2026年度. */
export function periodZh(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${quarters[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const y = /^(\d{4})$/.exec(period);
  return y ? `${y[1]}年度` : period;
}

/** 2026-12-03 → 二〇二六年十二月三日, as certificates write dates. */
export function dateZh(date: string): string {
  const digits = '〇一二三四五六七八九';
  const [y, m, d] = date.split('-').map(Number);
  const small = (n: number) => (n < 10 ? digits[n] : `${n >= 20 ? digits[Math.floor(n / 10)] : ''}十${n % 10 ? digits[n % 10] : ''}`);
  return `${String(y).split('').map((c) => digits[Number(c)]).join('')}年${small(m)}月${small(d)}日`;
}

const red = '#b4232a';
const gold = '#c8a04a';

/** One line at `size`, smaller when it would not fit the width (a long unit or award name). */
function line(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, size: number, align: 'left' | 'center') {
  let fit = size;
  while (fit > 10 && doc.fontSize(fit).widthOfString(text) > width) fit -= 1;
  doc.fontSize(fit).text(text, x, y + (size - fit) / 2, { width, align, lineBreak: false });
}

export async function renderCertificate(c: CertificateText): Promise<Buffer> {
  const font = cjkFont();
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, info: { Title: `荣誉证书 ${c.recipient}`, Producer: 'Youzhi 优质' } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const W = doc.page.width;
  const H = doc.page.height;
  doc.rect(24, 24, W - 48, H - 48).lineWidth(6).strokeColor(red).stroke();
  doc.rect(38, 38, W - 76, H - 76).lineWidth(1.5).strokeColor(gold).stroke();

  const inner = { x: 110, width: W - 220 };
  doc.fillColor(red).fontSize(46).text('荣誉证书', inner.x, 92, { width: inner.width, align: 'center', characterSpacing: 14, lineBreak: false });
  const who = c.subject === 'person' ? `${c.unitName ? `${c.unitName} ` : ''}${c.recipient} 同志：` : `${c.recipient}：`;
  doc.fillColor('#000000');
  line(doc, who, inner.x, 196, inner.width, 22, 'left');
  line(doc, `在${c.organisation}${periodZh(c.period)}评选中，成绩突出，荣获`, inner.x + 44, 246, inner.width - 44, 20, 'left');
  doc.fillColor(red);
  line(doc, `“${c.awardName}”称号`, inner.x, 300, inner.width, 32, 'center');
  doc.fillColor('#000000');
  line(doc, '特发此证，以资鼓励。', inner.x + 44, 366, inner.width - 44, 20, 'left');

  doc.fontSize(18).text(c.organisation, inner.x, H - 170, { width: inner.width - 20, align: 'right', lineBreak: false });
  doc.fontSize(16).text(dateZh(c.date), inner.x, H - 138, { width: inner.width - 20, align: 'right', lineBreak: false });
  doc.fillColor('#555555').fontSize(10).text(`证书编号：${c.serial}`, inner.x, H - 80, { width: inner.width, lineBreak: false });
  return pdfBuffer(doc);
}
