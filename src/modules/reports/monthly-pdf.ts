import type { DashboardView } from '../dashboard/service.js';
import { categoryChartSvg, trendChartSvg } from './chart.js';
import { arrow, breachLine, count, monthZh, pct } from './format.js';
import { breachesAnalysis, categoriesAnalysis, indicatorsAnalysis, negativeAnalysis, overdueAnalysis, rankingAnalysis, trendAnalysis } from './analysis.js';
import { suggestedMeasures } from './measures.js';
import { renderReport, type Block } from './document.js';

export interface OverdueCase {
  trackingNo: string;
  title: string;
  unitName: string;
  dueDate: string | null;
  severe: boolean;
}

/**
 * A section of the report: its title (numbered when the report is put together), the analysis
 * paragraph drawn from its figures, and its lines, tables and charts. Another module adds a
 * section by passing it in `ReportExtras.sections` (it goes before the suggested measures).
 */
export interface ReportSection {
  title: string;
  analysis: string;
  blocks: Block[];
}

export interface ReportExtras {
  /** Last month's complaints per category (compared in the category chart). */
  previousCategories: DashboardView['complaints']['byCategory'];
  /** This month's 差评 reasons (labels, counts), for the analysis and the measures. */
  negativeReasons: { code: string; label: string; count: number }[];
  /** The pack's sector (the measures are worded for it). */
  sector?: string;
  /** 生成时间 in local time. */
  generatedAt: string;
  /** 审计校验点 line (the audit log's signed checkpoint when the report was made). */
  checkpoint?: string | null;
  /** Sections added by other modules, printed before the suggested measures. */
  sections?: ReportSection[];
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const WIDTH = 515; // A4 width less the report's margins (document.ts)

const line = (text: string, indent = 0, size = 10.5): Block => ({ kind: 'text', text, indent, size });
const note = (text: string): Block => ({ kind: 'text', text, size: 9, color: '#555555' });

/** A table: the header row, then the rows; the header is drawn again above rows that open a page. */
function table(header: string[], widths: number[], rows: string[][]): Block[] {
  return [{ kind: 'row', cells: header, widths, header: true }, ...rows.map((cells): Block => ({ kind: 'row', cells, widths, repeat: header }))];
}

async function indicators(v: DashboardView, x: ReportExtras): Promise<ReportSection> {
  const c = v.complaints;
  const r = v.ratings;
  const ch = v.changes;
  return {
    title: '主要指标（与上月比较）',
    analysis: indicatorsAnalysis({ complaints: ch.complaintsReceived, replyOnTime: ch.replyOnTime, ratingRate: ch.ratingRate, satisfactionRate: ch.satisfactionRate, negative: ch.negativeCount, reasons: x.negativeReasons }),
    blocks: [
      line(`投诉受理 ${c.received.value} 件（上月 ${v.previous.complaintsReceived.value} 件，${arrow(ch.complaintsReceived, '件')}）`),
      line(`按时答复率 ${pct(c.replyOnTime.value)}（${c.replyOnTime.numerator}/${c.replyOnTime.denominator}；上月 ${pct(v.previous.replyOnTime.value)}，${arrow(ch.replyOnTime, '个百分点')}）`),
      line(`逾期答复 ${c.repliesLate.value} 件`),
      line(`当前超期 ${c.overdue.value} 件，其中严重超期 ${c.severelyOverdue.value} 件（截至生成时）`),
      line(`评价 ${r.ratings.value} 条，服务人次 ${count(r.served?.value)}，评价率 ${pct(r.ratingRate.value)}（上月 ${pct(v.previous.ratingRate.value)}，${arrow(ch.ratingRate, '个百分点')}）`),
      line(`满意率 ${pct(r.satisfactionRate.value)}（${r.satisfactionRate.numerator}/${r.satisfactionRate.denominator}；上月 ${pct(v.previous.satisfactionRate.value)}，${arrow(ch.satisfactionRate, '个百分点')}）`),
      line(`差评 ${v.negative.count.value} 条，差评率 ${pct(r.negativeRate.value)}（上月 ${v.previous.negativeCount.value} 条，${arrow(ch.negativeCount, '条')}）`),
      note(`满意率口径：${r.basicSatisfiedCounts ? '非常满意、满意、基本满意' : '非常满意、满意'} ÷ 有效评价；申诉成立剔除 ${r.excluded.value} 条`),
    ],
  };
}

async function categories(v: DashboardView, x: ReportExtras): Promise<ReportSection> {
  const c = v.complaints;
  const lastMonth = new Map(x.previousCategories.map((p) => [p.code, p.value]));
  const all = [...c.byCategory, ...x.previousCategories.filter((p) => !c.byCategory.some((y) => y.code === p.code)).map((p) => ({ ...p, value: 0 }))];
  const blocks: Block[] = [];
  if (all.length) blocks.push(note('按类别：'));
  for (const k of all) blocks.push(line(`${k.label.zh} ${k.value} 件（上月 ${lastMonth.get(k.code) ?? 0} 件）`, 12));
  if (all.length) {
    const height = 40 + 22 * Math.min(all.length, 12);
    const bars = all.slice(0, 12).map((k) => ({ label: k.label.zh, value: k.value, previous: lastMonth.get(k.code) ?? 0 }));
    blocks.push({ kind: 'chart', svg: await categoryChartSvg(bars, { width: WIDTH, height }), height });
  }
  if (c.byUnit.length) blocks.push(note('按单位：'));
  for (const u of c.byUnit) blocks.push(line(`${u.unitName} ${u.value} 件`, 12));
  return {
    title: '投诉分类（与上月比较）',
    analysis: categoriesAnalysis(
      c.byCategory.map((k) => ({ label: k.label.zh, count: k.value })),
      x.previousCategories.map((k) => ({ label: k.label.zh, count: k.value })),
    ),
    blocks,
  };
}

async function trend(v: DashboardView): Promise<ReportSection> {
  const points = v.trend.map((t) => ({ month: t.month, complaints: t.complaintsReceived.value, satisfaction: t.satisfactionRate.value }));
  const widths = [110, 110, 130, 130];
  return {
    title: '近12个月趋势',
    analysis: trendAnalysis(points),
    blocks: [
      { kind: 'chart', svg: await trendChartSvg(points, { width: WIDTH, height: 170 }), height: 170 },
      ...table(['月份', '投诉受理', '按时答复率', '满意率'], widths, v.trend.map((t) => [t.month, `${t.complaintsReceived.value}`, pct(t.replyOnTime.value), pct(t.satisfactionRate.value)])),
    ],
  };
}

function ranking(v: DashboardView): ReportSection {
  const w = v.ranking.windows;
  const widths = [50, 190, 70, 80, 125];
  const rows = w.map((x) => [x.rank === null ? '—' : `${x.rank}/${x.of}`, x.name, `${x.ratings.value}`, pct(x.satisfactionRate.value), x.talkRequired ? '连续两月末位，约谈' : x.atBottom ? '本月末位' : '']);
  return {
    title: '窗口满意度排名',
    analysis: rankingAnalysis(w.map((x) => ({ name: x.name, rank: x.rank, satisfaction: x.satisfactionRate.value, talkRequired: x.talkRequired }))),
    blocks: [
      ...(w.length ? table(['名次', '窗口', '评价数', '满意率', '标记'], widths, rows) : []),
      ...v.ranking.talks.map((t): Block => ({ kind: 'text', text: `约谈：${t.name} 连续两个月满意率排名末位（本月 ${pct(t.satisfactionRate.value)}）`, color: '#b4232a' })),
    ],
  };
}

function breaches(v: DashboardView): ReportSection {
  const listed = 80;
  const list = v.thresholds.breaches;
  const blocks: Block[] = [];
  for (const b of list.slice(0, listed)) {
    blocks.push({ kind: 'text', text: breachLine(b), size: 10, indent: 12 });
  }
  if (list.length > listed) blocks.push(note(`另有 ${list.length - listed} 项未列出（见看板）。`));
  if (v.thresholds.staff.rules.length) blocks.push(note('个人指标（个人月评价率、满意度）见好差评统计（按人员）。'));
  return { title: '指标未达标', analysis: breachesAnalysis(v.thresholds.checked, list.map((b) => ({ subjectType: b.subject.type, subjectName: b.subject.name }))), blocks };
}

function overdueSection(overdue: { items: OverdueCase[]; total: number }): ReportSection {
  const byUnit = new Map<string, number>();
  for (const o of overdue.items) byUnit.set(o.unitName, (byUnit.get(o.unitName) ?? 0) + 1);
  const rows = overdue.items.map((o) => [o.trackingNo, o.unitName, o.title, o.dueDate ?? '', o.severe ? '严重超期' : '超期']);
  return {
    title: '超期案件清单（截至生成时）',
    analysis: overdueAnalysis(overdue.total, overdue.items.filter((o) => o.severe).length, [...byUnit].map(([label, n]) => ({ label, count: n }))),
    blocks: [
      ...(overdue.total ? table(['受理编号', '单位', '事由', '答复期限', '状态'], [110, 110, 175, 70, 60], rows) : []),
      ...(overdue.total > overdue.items.length ? [note(`另有 ${overdue.total - overdue.items.length} 件未列出。`)] : []),
    ],
  };
}

function negative(v: DashboardView): ReportSection {
  const rect = v.negative.rectifications;
  const closed = rect.byStatus.find((s) => s.status === 'closed')?.value ?? 0;
  return {
    title: '差评处理',
    analysis: negativeAnalysis(v.changes.negativeCount, rect.total.value, closed),
    blocks: [
      line(`本月差评 ${v.negative.count.value} 条（申诉成立已剔除 ${v.ratings.excluded.value} 条），整改工单 ${rect.total.value} 件（含申诉成立的工单）：`),
      ...rect.byStatus.map((s) => line(`${s.label.zh} ${s.value} 件`, 12)),
    ],
  };
}

function measures(v: DashboardView, overdue: { items: OverdueCase[]; total: number }, x: ReportExtras): ReportSection {
  const list = suggestedMeasures({
    breaches: v.thresholds.breaches.filter((b) => b.subject.type !== 'organisation').map((b) => ({ subjectName: b.subject.name, metric: b.metric, label: b.label.zh })),
    overdue: { total: overdue.total, severe: v.complaints.severelyOverdue.value },
    talks: v.ranking.talks.map((t) => t.name),
    reasons: x.negativeReasons,
    sector: x.sector,
  });
  return { title: '建议措施', analysis: '根据本月数据，建议采取以下措施：', blocks: list.map((m, i): Block => ({ kind: 'paragraph', text: `${i + 1}. ${m}` })) };
}

/**
 * 服务质量月报 (Chinese PDF): every figure is the dashboard's (same service, same month, same
 * scope), each section opened by an analysis of its figures, closed by the suggested measures
 * and the signature and seal block.
 */
export async function renderMonthlyReport(v: DashboardView, overdue: { items: OverdueCase[]; total: number }, extras: ReportExtras): Promise<Buffer> {
  const scope = v.scope ? v.scope.unitName : '全单位';
  const sections = [
    await indicators(v, extras),
    await categories(v, extras),
    await trend(v),
    ranking(v),
    breaches(v),
    overdueSection(overdue),
    negative(v),
    ...(extras.sections ?? []),
    measures(v, overdue, extras),
  ];
  const blocks: Block[] = [
    { kind: 'title', text: v.organisation.name, size: 18 },
    { kind: 'title', text: `${monthZh(v.month)}服务质量月报`, size: 15 },
    note(`统计期间：${v.from} 至 ${v.to}　范围：${scope}　生成时间：${extras.generatedAt}`),
  ];
  sections.forEach((s, i) => {
    blocks.push({ kind: 'heading', text: `${numerals[i] ?? i + 1}、${s.title}` }, { kind: 'paragraph', text: s.analysis, color: '#333333' }, ...s.blocks);
  });
  blocks.push({ kind: 'gap', height: 6 });
  if (extras.checkpoint) blocks.push({ kind: 'text', text: extras.checkpoint, size: 8, color: '#555555' });
  blocks.push({ kind: 'signature', fields: ['编制：__________', '审核：__________', '日期：____年__月__日'], seal: '（盖章）' });
  // The closing lines stay with the signature, so the last page is never a lone block.
  const tail = blocks.length - 1;
  for (let j = 1; j <= 4 && tail - j > 0; j++) blocks[tail - j] = { ...blocks[tail - j], keepWithNext: j };
  return renderReport({ header: { left: `${v.organisation.name}${v.scope ? ` · ${scope}` : ''}`, right: `${monthZh(v.month)}服务质量月报（${v.from} 至 ${v.to}）` }, blocks });
}
