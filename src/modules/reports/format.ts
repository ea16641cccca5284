import type { Change } from '../dashboard/index.js';
import { sourceInWords, thresholdWords } from '../../policy/index.js';

/** How the report writes figures; tests format dashboard values with the same functions. */
export function pct(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

export function count(value: number | null | undefined, unit = ''): string {
  return value === null || value === undefined ? '—' : `${value}${unit ? ` ${unit}` : ''}`;
}

/** ↑ 3 / ↓ 8.33 / 持平 / —, with the unit of the difference (件, 个百分点). */
export function arrow(c: Change, unit: string): string {
  if (c.direction === null || c.delta === null) return '—';
  if (c.direction === 'same') return '持平';
  return `${c.direction === 'up' ? '↑' : '↓'} ${Math.abs(c.delta)} ${unit}`;
}

export function monthZh(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** 'YYYY-MM-DD HH:mm' in the organisation's local time (UTC+8 in China), for "生成时间". */
export function localStamp(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 审计校验点 as the bulletin and the monthly report print it: sequence, head hash prefix, local time. */
export function checkpointLine(c: { seq: number; hash: string; at: string } | null, utcOffsetMinutes: number): string | null {
  return c ? `审计校验点：第 ${c.seq} 条 ${c.hash.slice(0, 16)} ${localStamp(Date.parse(c.at), utcOffsetMinutes)}` : null;
}

/**
 * A rule not met, in plain words: 挂号收费窗口：窗口月评价率 85%，要求不低于 90%（依据《服务提升年活动实施方案》第1篇）.
 * No citation codes: the source is the document's title and part, and the system's own defaults are not named.
 */
export function breachLine(b: { subject: { name: string }; label: { zh: string }; actual: number | null; op: string; value: number; source?: string | null }): string {
  const basis = sourceInWords(b.source);
  return `${b.subject.name}：${b.label.zh} ${pct(b.actual)}，要求${thresholdWords[b.op as keyof typeof thresholdWords]?.zh ?? b.op} ${Math.round(b.value * 10000) / 100}%${basis ? `（依据${basis.zh}）` : ''}`;
}
