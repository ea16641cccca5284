import type { Change } from '../dashboard/index.js';

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
