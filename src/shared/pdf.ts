import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from './errors.js';

/** Debian's fonts-noto-cjk; YOUZHI_CJK_FONT (and YOUZHI_CJK_FONT_NAME for a .ttc) point elsewhere. */
export function cjkFont(env: NodeJS.ProcessEnv = process.env): { path: string; family?: string } {
  const path = env.YOUZHI_CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  if (!fs.existsSync(path)) {
    throw new AppError('not_ready', { message: { zh: `未找到中文字体：${path}（请安装 fonts-noto-cjk 或设置 YOUZHI_CJK_FONT）`, en: `No CJK font at ${path} (install fonts-noto-cjk or set YOUZHI_CJK_FONT)` } });
  }
  return { path, family: path.endsWith('.ttc') ? (env.YOUZHI_CJK_FONT_NAME ?? 'NotoSansCJKsc-Regular') : undefined };
}

/** A new A4 PDF with the CJK font registered as 'cjk'; `bufferPages` keeps pages open for headers drawn last. */
export function newPdf(options: { bufferPages?: boolean } = {}): PDFKit.PDFDocument {
  const font = cjkFont();
  const doc = new PDFDocument({ size: 'A4', margin: 36, bufferPages: options.bufferPages ?? false, info: { Producer: 'Youzhi 优质' } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  return doc;
}

export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Draws a QR code as vector squares (no image decoding), `size` points wide. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 4);
  doc.save().fillColor('#000');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + 2) * cell, y + (r + 2) * cell, cell, cell);
  doc.fill().restore();
}
