/**
 * 明察暗访 in the monthly report (issue 14 item 8): the month's inspections against last month,
 * the most frequent findings, the rectification on-time rate and, when the quarter that ended with
 * the month is closed, its bands. The figures are the inspections service's (the results screen's).
 */
import { percent } from '../../engines/metrics/index.js';
import type { inspectionMonthSummary } from '../inspections/service.js';
import type { Block } from './document.js';
import { pct } from './format.js';
import type { ReportSection } from './monthly-pdf.js';

export type InspectionSummary = Awaited<ReturnType<typeof inspectionMonthSummary>>;

const abs = (n: number) => Math.round(Math.abs(n) * 1000) / 1000;
const line = (text: string, indent = 0): Block => ({ kind: 'text', text, indent, size: 10.5 });

/** 本月开展明察暗访 3 次，较上月增加 1 次；平均得分 88.5 分（百分制），较上月上升 2 分；一票否决 1 次；… */
export function inspectionsAnalysis(s: InspectionSummary): string {
  if (s.inspections === 0) return s.previous.count ? `本月未开展明察暗访（上月 ${s.previous.count} 次）。` : '本月未开展明察暗访。';
  const parts: string[] = [];
  const dc = s.change.count;
  parts.push(`本月开展明察暗访 ${s.inspections} 次，${s.previous.count === 0 ? '上月无检查' : dc === 0 ? '与上月持平' : `较上月${dc > 0 ? '增加' : '减少'} ${Math.abs(dc)} 次`}`);
  const da = s.change.average;
  parts.push(`平均得分 ${s.average} 分（百分制），${da === null ? '上月无可比得分' : da === 0 ? '与上月持平' : `较上月${da > 0 ? '上升' : '下降'} ${abs(da)} 分`}`);
  if (s.vetoes) parts.push(`一票否决 ${s.vetoes} 次`);
  const top = s.topFindings[0];
  if (top) parts.push(`发现问题最多的是“${top.label.zh}”（${top.count} 次，涉及 ${top.units} 个单位）`);
  const r = s.rectification;
  if (r.rate.denominator > 0) parts.push(`到期整改 ${r.rate.denominator} 件，按期办结 ${r.closedOnTime} 件，按期率 ${pct(percent(r.rate))}`);
  return `${parts.join('；')}。`;
}

const bandNames: { code: 'reward' | 'docked' | 'docked_more'; zh: string }[] = [
  { code: 'reward', zh: '奖励' },
  { code: 'docked', zh: '扣罚绩效' },
  { code: 'docked_more', zh: '加重扣罚' },
];

export function inspectionsSection(s: InspectionSummary): ReportSection {
  const r = s.rectification;
  const blocks: Block[] = [
    line(`检查 ${s.inspections} 次（上月 ${s.previous.count} 次），平均得分 ${s.average ?? '—'} 分（百分制；上月 ${s.previous.average ?? '—'} 分），一票否决 ${s.vetoes} 次`),
    line(`整改按期率 ${pct(percent(r.rate))}（按期办结 ${r.closedOnTime} 件 / 已到期 ${r.rate.denominator} 件；逾期办结 ${r.closedLate} 件，逾期未办结 ${r.openOverdue} 件，未到期 ${r.notYetDue} 件）`),
  ];
  if (s.topFindings.length) {
    blocks.push({ kind: 'text', text: '发现问题较多的项目：', size: 9, color: '#555555' });
    const widths = [215, 160, 60, 80];
    const header = ['检查项目', '检查表', '次数', '涉及单位'];
    blocks.push({ kind: 'row', cells: header, widths, header: true });
    for (const f of s.topFindings) blocks.push({ kind: 'row', cells: [f.label.zh, f.template.zh, `${f.count}`, `${f.units}`], widths, repeat: header });
  }
  if (s.round) {
    const q = s.round.period;
    blocks.push({ kind: 'text', text: `${q.slice(0, 4)}年第${q.slice(6)}季度检查已结算（得分档次）：`, size: 9, color: '#555555' });
    for (const b of bandNames) {
      const units = s.round.facts.filter((f) => f.bands.includes(b.code));
      if (units.length) blocks.push(line(`${b.zh} ${units.length} 个：${units.map((f) => `${f.unitName ?? f.unitId}（${f.score} 分，第 ${f.rank} 名）`).join('、')}`, 12));
    }
  }
  return { title: '明察暗访', analysis: inspectionsAnalysis(s), blocks };
}
