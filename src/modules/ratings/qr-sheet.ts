import type { AppContext } from '../../shared/context.js';
import { requireRole, type Actor } from '../../shared/access.js';
import { drawQr, newPdf, pdfBuffer } from '../../shared/pdf.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { listUnits } from '../units/service.js';
import { publicLink } from '../../server/public-url.js';
import { encodeStandingCode } from './codes.js';

const windowKinds = new Set(['window', 'outlet']);

/**
 * 评价二维码打印页: one labelled QR code per window in the caller's scope, six to an A4 page,
 * to print and stand on each counter. `baseUrl`: the public address the codes open (YOUZHI_PUBLIC_URL).
 */
export async function ratingQrSheet(ctx: AppContext, actor: Actor, options: { baseUrl: string }): Promise<Buffer> {
  requireRole(actor, ['admin', 'quality_office', 'unit_head']);
  const org = await getOwnOrganisation(ctx, actor);
  const windows = (await listUnits(ctx, actor, { page: 1, pageSize: 500, order: 'asc', sort: 'code' })).items.filter((u) => windowKinds.has(u.kind));
  const doc = newPdf();
  const cols = 2;
  const cellW = (doc.page.width - 72) / cols;
  const cellH = (doc.page.height - 72) / 3;
  windows.forEach((unit, i) => {
    if (i > 0 && i % 6 === 0) doc.addPage();
    const x = 36 + (i % cols) * cellW;
    const y = 36 + Math.floor((i % 6) / cols) * cellH;
    doc.rect(x + 6, y + 6, cellW - 12, cellH - 12).lineWidth(0.5).strokeColor('#999').stroke();
    doc.fillColor('#b4232a').fontSize(15).text('请扫码评价我的服务', x, y + 18, { width: cellW, align: 'center' });
    const url = publicLink(options.baseUrl, `/r/c/${encodeStandingCode(ctx.config.secret!, { orgId: actor.orgId, unitId: unit.id, staffId: null })}`);
    const size = Math.min(cellW, cellH) - 90;
    drawQr(doc, url, x + (cellW - size) / 2, y + 40, size);
    doc.fillColor('#000').fontSize(13).text(unit.name, x, y + 44 + size, { width: cellW, align: 'center' });
    doc.fillColor('#555').fontSize(9).text(`${org.name} · 好差评`, x, y + 62 + size, { width: cellW, align: 'center' });
    if (i % 6 === 5 || i === windows.length - 1) printAddress(doc, options.baseUrl);
  });
  if (windows.length === 0) doc.fontSize(14).text('没有窗口 (No windows in your scope)');
  return pdfBuffer(doc);
}

/** Every page says where its codes lead, so whoever prints the sheet can check it is the public address. */
function printAddress(doc: PDFKit.PDFDocument, baseUrl: string) {
  // In the bottom margin: lift the margin for this one line, or PDFKit would start a new page.
  const margin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.fillColor('#555').fontSize(8).text(`二维码打开的地址 (the codes open): ${publicLink(baseUrl, '/r/c/')}…`, 36, doc.page.height - 30, { width: doc.page.width - 72, align: 'center', lineBreak: false });
  doc.page.margins.bottom = margin;
}
