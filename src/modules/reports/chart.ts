/**
 * The 12-month trend as vector graphics (pdfkit paths): complaints received as bars on the left
 * axis, satisfaction as a line on the right axis (0–100 %). No images, no chart library.
 */
export interface TrendPoint {
  month: string;
  complaints: number;
  satisfaction: number | null;
}

export function drawTrendChart(doc: PDFKit.PDFDocument, points: TrendPoint[], box: { x: number; y: number; width: number; height: number }): void {
  const { x, y, width, height } = box;
  const left = x + 34;
  const right = x + width - 34;
  const top = y + 16;
  const bottom = y + height - 22;
  const plotH = bottom - top;
  const step = (right - left) / Math.max(points.length, 1);
  const maxComplaints = Math.max(1, ...points.map((p) => p.complaints));
  const niceMax = Math.ceil(maxComplaints / 4) * 4;

  doc.save();
  // Grid and axes.
  doc.lineWidth(0.4).strokeColor('#cccccc');
  for (let i = 0; i <= 4; i++) {
    const gy = bottom - (plotH * i) / 4;
    doc.moveTo(left, gy).lineTo(right, gy).stroke();
    doc.fillColor('#b4232a').fontSize(7).text(`${i * 25}%`, right + 3, gy - 4, { width: 30, lineBreak: false });
    doc.fillColor('#2f5d8a').fontSize(7).text(String((niceMax * i) / 4), x, gy - 4, { width: 30, align: 'right', lineBreak: false });
  }
  doc.lineWidth(0.8).strokeColor('#333333').moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).lineTo(right, top).stroke();

  // Complaints received: bars.
  points.forEach((p, i) => {
    const h = (p.complaints / niceMax) * plotH;
    if (h > 0) doc.rect(left + i * step + step * 0.25, bottom - h, step * 0.5, h).fillColor('#9dbbd9').fill();
    doc.fillColor('#333333').fontSize(7).text(p.month.slice(2).replace('-', '/'), left + i * step, bottom + 4, { width: step, align: 'center', lineBreak: false });
  });

  // Satisfaction: a polyline through the months that have ratings, with markers.
  const pts = points.map((p, i) => (p.satisfaction === null ? null : { px: left + i * step + step / 2, py: bottom - (p.satisfaction / 100) * plotH }));
  doc.lineWidth(1.6).strokeColor('#b4232a');
  let drawing = false;
  for (const p of pts) {
    if (!p) {
      drawing = false;
      continue;
    }
    if (drawing) doc.lineTo(p.px, p.py);
    else doc.moveTo(p.px, p.py);
    drawing = true;
  }
  doc.stroke();
  for (const p of pts) if (p) doc.circle(p.px, p.py, 2).fillColor('#b4232a').fill();

  // Legend.
  doc.rect(left, y, 10, 6).fillColor('#9dbbd9').fill();
  doc.fillColor('#333333').fontSize(7.5).text('投诉受理量（件）', left + 14, y - 1, { lineBreak: false });
  doc.moveTo(left + 100, y + 3).lineTo(left + 114, y + 3).lineWidth(1.6).strokeColor('#b4232a').stroke();
  doc.fillColor('#333333').text('满意率（%）', left + 118, y - 1, { lineBreak: false });
  doc.restore();
}
