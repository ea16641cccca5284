import type { Change } from '../dashboard/index.js';

/**
 * The monthly report's analysis sentences: pure functions from figures to Chinese sentences
 * (what changed against last month and why). Figures are printed exactly as the dashboard gives
 * them (rates in % with up to two decimals, changes in 个百分点).
 */

export interface Counted {
  label: string;
  count: number;
}

const abs = (n: number) => Math.round(Math.abs(n) * 100) / 100;

/** 本月评价率 88.2%，较上月上升 3.1 个百分点 / 下降 / 与上月持平 / 上月无数据 / 本月无数据. */
export function rateSentence(name: string, c: Change): string {
  if (c.current === null) return `本月${name}无数据`;
  const now = `本月${name} ${c.current}%`;
  if (c.previous === null || c.delta === null) return `${now}，上月无数据`;
  if (c.direction === 'same') return `${now}，与上月持平`;
  return `${now}，较上月${c.direction === 'up' ? '上升' : '下降'} ${abs(c.delta)} 个百分点`;
}

/** 本月投诉受理 12 件，较上月增加 3 件 / 减少 / 与上月持平. */
export function countSentence(name: string, c: Change, unit: string): string {
  const current = c.current ?? 0;
  const now = `本月${name} ${current} ${unit}`;
  if (c.previous === null || c.delta === null) return `${now}，上月无数据`;
  if (c.direction === 'same') return `${now}，与上月持平`;
  return `${now}，较上月${c.direction === 'up' ? '增加' : '减少'} ${abs(c.delta)} ${unit}`;
}

/** 主要原因为候诊时间长（5 条）、服务态度差（3 条）: the most frequent first, ties by label; null when none. */
export function reasonsPhrase(reasons: readonly Counted[], unit: string, top = 3): string | null {
  const list = [...reasons].filter((r) => r.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'));
  if (list.length === 0) return null;
  return `主要原因为${list.slice(0, top).map((r) => `${r.label}（${r.count} ${unit}）`).join('、')}`;
}

/** The 主要指标 paragraph: complaints, replies on time, rating and satisfaction rates, 差评 and their reasons. */
export function indicatorsAnalysis(f: {
  complaints: Change;
  replyOnTime: Change;
  ratingRate: Change;
  satisfactionRate: Change;
  negative: Change;
  reasons: readonly Counted[];
}): string {
  const negative = countSentence('差评', f.negative, '条').replace(/^本月/, '');
  const why = f.negative.current ? reasonsPhrase(f.reasons, '条') : null;
  return [
    countSentence('投诉受理', f.complaints, '件'),
    rateSentence('按时答复率', f.replyOnTime).replace(/^本月/, ''),
    rateSentence('评价率', f.ratingRate).replace(/^本月/, ''),
    rateSentence('满意率', f.satisfactionRate).replace(/^本月/, ''),
    why ? `${negative}，${why}` : negative,
  ].join('；') + '。';
}

/** The 投诉分类 paragraph: the largest category this month and the one that grew most against last month. */
export function categoriesAnalysis(current: readonly Counted[], previous: readonly Counted[]): string {
  const total = current.reduce((a, c) => a + c.count, 0);
  const before = previous.reduce((a, c) => a + c.count, 0);
  if (total === 0) return before === 0 ? '本月及上月均无投诉。' : `本月无投诉（上月 ${before} 件）。`;
  const sorted = [...current].filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'));
  const top = sorted[0];
  const share = Math.round((top.count / total) * 10000) / 100;
  const parts = [`本月投诉 ${total} 件，以${top.label}最多（${top.count} 件，占 ${share}%）`];
  const last = new Map(previous.map((p) => [p.label, p.count]));
  const growth = sorted.map((c) => ({ ...c, delta: c.count - (last.get(c.label) ?? 0) })).filter((c) => c.delta > 0).sort((a, b) => b.delta - a.delta || a.label.localeCompare(b.label, 'zh'))[0];
  if (growth) parts.push(`较上月增加最多的是${growth.label}（增加 ${growth.delta} 件，上月 ${last.get(growth.label) ?? 0} 件）`);
  else parts.push('各类别均未较上月增加');
  return parts.join('；') + '。';
}

/** The trend paragraph: twelve months' complaints and the best and worst satisfaction month. */
export function trendAnalysis(points: readonly { month: string; complaints: number; satisfaction: number | null }[]): string {
  const total = points.reduce((a, p) => a + p.complaints, 0);
  const parts = [`近 ${points.length} 个月共受理投诉 ${total} 件，月均 ${points.length ? Math.round((total / points.length) * 100) / 100 : 0} 件`];
  const rated = points.filter((p) => p.satisfaction !== null) as { month: string; satisfaction: number }[];
  if (rated.length === 0) parts.push('满意率无数据');
  else {
    const best = rated.reduce((a, p) => (p.satisfaction > a.satisfaction ? p : a));
    const worst = rated.reduce((a, p) => (p.satisfaction < a.satisfaction ? p : a));
    parts.push(best === worst ? `满意率仅 ${best.month} 有数据（${best.satisfaction}%）` : `满意率最高为 ${best.month}（${best.satisfaction}%），最低为 ${worst.month}（${worst.satisfaction}%）`);
  }
  return parts.join('；') + '。';
}

/** The ranking paragraph: how many windows were ranked, the first and the last, and who is to be talked to. */
export function rankingAnalysis(windows: readonly { name: string; rank: number | null; satisfaction: number | null; talkRequired: boolean }[]): string {
  const ranked = windows.filter((w) => w.rank !== null && w.satisfaction !== null).sort((a, b) => a.rank! - b.rank!);
  if (ranked.length === 0) return windows.length ? `范围内 ${windows.length} 个窗口本月均无评价，未排名。` : '范围内没有窗口。';
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  const parts = [`本月参与排名窗口 ${ranked.length} 个`];
  parts.push(ranked.length === 1 ? `${first.name}满意率 ${first.satisfaction}%` : `满意率最高的是${first.name}（${first.satisfaction}%），最低的是${last.name}（${last.satisfaction}%）`);
  const talks = windows.filter((w) => w.talkRequired).map((w) => w.name);
  if (talks.length) parts.push(`${talks.join('、')}连续两个月排名末位，应约谈`);
  return parts.join('；') + '。';
}

/** The 指标未达标 paragraph: how many checks failed and for how many windows and units. */
export function breachesAnalysis(checked: number, breaches: readonly { subjectType: string; subjectName: string }[]): string {
  if (checked === 0) return '本月没有可检查的指标。';
  if (breaches.length === 0) return `本月检查 ${checked} 项，均达标或无数据。`;
  const subjects = new Set(breaches.map((b) => `${b.subjectType}\u0000${b.subjectName}`));
  const windows = new Set(breaches.filter((b) => b.subjectType === 'window').map((b) => b.subjectName));
  const parts = [`本月检查 ${checked} 项，未达标 ${breaches.length} 项，涉及 ${subjects.size} 个对象`];
  if (windows.size) parts.push(`其中窗口 ${windows.size} 个`);
  return parts.join('，') + '。';
}

/** The 超期案件 paragraph: how many are overdue now, how many severely, and where most of them are. */
export function overdueAnalysis(total: number, severe: number, byUnit: readonly Counted[]): string {
  if (total === 0) return '截至生成时无超期投诉。';
  const parts = [`截至生成时超期投诉 ${total} 件，其中严重超期 ${severe} 件`];
  const top = [...byUnit].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'))[0];
  if (top) parts.push(`${top.label}最多（${top.count} 件）`);
  return parts.join('；') + '，应督办限期答复。';
}

/** The 差评处理 paragraph: 差评 against last month, work orders opened and how many are finished. */
export function negativeAnalysis(negative: Change, orders: number, closed: number): string {
  const head = countSentence('差评', negative, '条');
  if (orders === 0) return `${head}；本月无差评整改工单。`;
  return `${head}；整改工单 ${orders} 件，已办结 ${closed} 件（${Math.round((closed / orders) * 10000) / 100}%）。`;
}
