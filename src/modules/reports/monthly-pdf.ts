import { newPdf, pdfBuffer } from '../../shared/pdf.js';
import type { DashboardView } from '../dashboard/service.js';
import { categoryChartSvg, drawSvg, trendChartSvg } from './chart.js';
import { arrow, breachLine, count, monthZh, pct } from './format.js';

export interface OverdueCase {
  trackingNo: string;
  title: string;
  unitName: string;
  dueDate: string | null;
  severe: boolean;
}

const M = 40;

/**
 * 服务质量月报 (Chinese PDF): every figure is the dashboard's (same service, same month, same
 * scope), written as one text run per line so that `pdftotext` reads "满意率 71.43%" back.
 */
export interface ReportExtras {
  /** Last month's complaints per category (compared in the category chart). */
  previousCategories: DashboardView['complaints']['byCategory'];
  /** 生成时间 in local time. */
  generatedAt: string;
  /** 审计校验点 line (the audit log's signed checkpoint when the report was made). */
  checkpoint?: string | null;
}

export async function renderMonthlyReport(v: DashboardView, overdue: { items: OverdueCase[]; total: number }, extras: ReportExtras): Promise<Buffer> {
  const doc = newPdf();
  const width = doc.page.width - 2 * M;
  let y = M;
  const ensure = (h: number) => {
    if (y + h > doc.page.height - M) {
      doc.addPage();
      y = M;
    }
  };
  const line = (text: string, size = 10.5, color = '#000000', indent = 0) => {
    ensure(size + 6);
    doc.fillColor(color).fontSize(size).text(text, M + indent, y, { width: width - indent, lineBreak: false });
    y += size + 6;
  };
  const section = (title: string) => {
    y += 6;
    ensure(40);
    doc.fillColor('#b4232a').fontSize(13).text(title, M, y, { lineBreak: false });
    y += 18;
    doc.moveTo(M, y).lineTo(M + width, y).lineWidth(0.5).strokeColor('#b4232a').stroke();
    y += 6;
  };
  const row = (cells: string[], widths: number[], bold = false) => {
    ensure(16);
    let x = M;
    cells.forEach((c, i) => {
      doc.fillColor(bold ? '#333333' : '#000000').fontSize(9.5).text(c, x, y, { width: widths[i] - 4, lineBreak: false, ellipsis: true });
      x += widths[i];
    });
    y += 15;
  };

  const scope = v.scope ? v.scope.unitName : '全单位';
  doc.fillColor('#000000').fontSize(18).text(`${v.organisation.name}`, M, y, { width, align: 'center' });
  y += 26;
  doc.fontSize(15).text(`${monthZh(v.month)}服务质量月报`, M, y, { width, align: 'center' });
  y += 24;
  line(`统计期间：${v.from} 至 ${v.to}　范围：${scope}　生成时间：${extras.generatedAt}`, 9, '#555555');

  const c = v.complaints;
  const r = v.ratings;
  const ch = v.changes;
  section('一、主要指标（与上月比较）');
  line(`投诉受理 ${c.received.value} 件（上月 ${v.previous.complaintsReceived.value} 件，${arrow(ch.complaintsReceived, '件')}）`);
  line(`按时答复率 ${pct(c.replyOnTime.value)}（${c.replyOnTime.numerator}/${c.replyOnTime.denominator}；上月 ${pct(v.previous.replyOnTime.value)}，${arrow(ch.replyOnTime, '个百分点')}）`);
  line(`逾期答复 ${c.repliesLate.value} 件`);
  line(`当前超期 ${c.overdue.value} 件，其中严重超期 ${c.severelyOverdue.value} 件（截至生成时）`);
  line(`评价 ${r.ratings.value} 条，服务人次 ${count(r.served?.value)}，评价率 ${pct(r.ratingRate.value)}（上月 ${pct(v.previous.ratingRate.value)}，${arrow(ch.ratingRate, '个百分点')}）`);
  line(`满意率 ${pct(r.satisfactionRate.value)}（${r.satisfactionRate.numerator}/${r.satisfactionRate.denominator}；上月 ${pct(v.previous.satisfactionRate.value)}，${arrow(ch.satisfactionRate, '个百分点')}）`);
  line(`差评 ${v.negative.count.value} 条，差评率 ${pct(r.negativeRate.value)}（上月 ${v.previous.negativeCount.value} 条，${arrow(ch.negativeCount, '条')}）`);
  line(`满意率口径：${r.basicSatisfiedCounts ? '非常满意、满意、基本满意' : '非常满意、满意'} ÷ 有效评价；申诉成立剔除 ${r.excluded.value} 条`, 9, '#555555');

  section('二、投诉分类（与上月比较）');
  const lastMonth = new Map(extras.previousCategories.map((x) => [x.code, x.value]));
  const categories = [...c.byCategory, ...extras.previousCategories.filter((x) => !c.byCategory.some((y) => y.code === x.code)).map((x) => ({ ...x, value: 0 }))];
  if (categories.length === 0) line('本月及上月均无投诉。');
  else line('按类别：', 10, '#555555');
  for (const x of categories) line(`${x.label.zh} ${x.value} 件（上月 ${lastMonth.get(x.code) ?? 0} 件）`, 10.5, '#000000', 12);
  if (categories.length) {
    const height = 40 + 22 * Math.min(categories.length, 12);
    ensure(height + 10);
    const bars = categories.slice(0, 12).map((x) => ({ label: x.label.zh, value: x.value, previous: lastMonth.get(x.code) ?? 0 }));
    drawSvg(doc, await categoryChartSvg(bars, { width, height }), { x: M, y, width, height });
    y += height + 8;
  }
  if (c.byUnit.length) line('按单位：', 10, '#555555');
  for (const x of c.byUnit) line(`${x.unitName} ${x.value} 件`, 10.5, '#000000', 12);

  section('三、近12个月趋势');
  ensure(190);
  const trend = v.trend.map((t) => ({ month: t.month, complaints: t.complaintsReceived.value, satisfaction: t.satisfactionRate.value }));
  drawSvg(doc, await trendChartSvg(trend, { width, height: 170 }), { x: M, y, width, height: 170 });
  y += 180;
  row(['月份', '投诉受理', '按时答复率', '满意率'], [110, 110, 130, 130], true);
  for (const t of v.trend) row([t.month, `${t.complaintsReceived.value}`, pct(t.replyOnTime.value), pct(t.satisfactionRate.value)], [110, 110, 130, 130]);

  section('四、窗口满意度排名');
  if (v.ranking.windows.length === 0) line('范围内没有窗口。');
  else row(['名次', '窗口', '评价数', '满意率', '标记'], [50, 190, 70, 80, 125], true);
  for (const w of v.ranking.windows) {
    const mark = w.talkRequired ? '连续两月末位，约谈' : w.atBottom ? '本月末位' : '';
    row([w.rank === null ? '—' : `${w.rank}/${w.of}`, w.name, `${w.ratings.value}`, pct(w.satisfactionRate.value), mark], [50, 190, 70, 80, 125]);
  }
  for (const w of v.ranking.talks) line(`约谈：${w.name} 连续两个月满意率排名末位（本月 ${pct(w.satisfactionRate.value)}）`, 10.5, '#b4232a');

  section('五、指标未达标');
  if (v.thresholds.breaches.length === 0) line(`本月检查 ${v.thresholds.checked} 项，均达标或无数据。`);
  else line(`本月检查 ${v.thresholds.checked} 项，未达标 ${v.thresholds.breaches.length} 项：`);
  const listed = 80;
  for (const b of v.thresholds.breaches.slice(0, listed)) {
    line(breachLine(b), 10, '#000000', 12);
  }
  if (v.thresholds.breaches.length > listed) line(`另有 ${v.thresholds.breaches.length - listed} 项未列出（见看板）。`, 9, '#555555');
  if (v.thresholds.staff.rules.length) line('个人指标（个人月评价率、满意度）见好差评统计（按人员）。', 9, '#555555');

  section('六、超期案件清单（截至生成时）');
  if (overdue.total === 0) line('无超期投诉。');
  else row(['受理编号', '单位', '事由', '答复期限', '状态'], [110, 110, 175, 70, 60], true);
  for (const o of overdue.items) row([o.trackingNo, o.unitName, o.title, o.dueDate ?? '', o.severe ? '严重超期' : '超期'], [110, 110, 175, 70, 60]);
  if (overdue.total > overdue.items.length) line(`另有 ${overdue.total - overdue.items.length} 件未列出。`, 9, '#555555');

  section('七、差评处理');
  line(`本月差评 ${v.negative.count.value} 条（申诉成立已剔除 ${r.excluded.value} 条），整改工单 ${v.negative.rectifications.total.value} 件（含申诉成立的工单）：`);
  for (const s of v.negative.rectifications.byStatus) line(`${s.label.zh} ${s.value} 件`, 10.5, '#000000', 12);
  if (extras.checkpoint) {
    y += 8;
    line(extras.checkpoint, 8, '#555555');
  }

  return pdfBuffer(doc);
}
