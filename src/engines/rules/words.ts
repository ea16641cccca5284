/**
 * Amounts and points in words for the breakdown: "1000 元 + 3 分 × 200 元 = 1600 元" and
 * "1,000 yuan + 3 points × 200 yuan = 1,600 yuan".
 */
import { formatMilli } from '../scoring/points.js';
import type { Label } from './types.js';

function yuan(fen: number, thousands: boolean): string {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  const w = thousands ? whole.toLocaleString('en-US') : String(whole);
  return cents ? `${w}.${String(cents).padStart(2, '0').replace(/0$/, '')}` : w;
}

export const money = (fen: number): Label => ({ zh: `${yuan(fen, false)} 元`, en: `${yuan(fen, true)} yuan` });

export const points = (milli: number): Label => {
  const n = formatMilli(milli);
  return { zh: `${n} 分`, en: `${n} ${n === '1' ? 'point' : 'points'}` };
};

export const count = (n: number, zhUnit: string, en: [string, string]): Label => ({ zh: `${n} ${zhUnit}`, en: `${n} ${n === 1 ? en[0] : en[1]}` });

/** Joins labelled parts language by language: join([a, ' × ', b]). */
export function words(parts: (Label | string | { zh: string; en: string })[]): Label {
  return {
    zh: parts.map((p) => (typeof p === 'string' ? p : p.zh)).join(''),
    en: parts.map((p) => (typeof p === 'string' ? p : p.en)).join(''),
  };
}
