/**
 * Automatic honours after an award (RULES §6 decisions): once in a year → 考核优秀, twice →
 * 先进工作者 (Taixing, 001:L197–199); a winning window's head → 先进工作者 (001:L201); Huizhou's
 * second win in a year → recommended for 优秀/先进 (001:L443). The rules are pack data.
 */
import type { Label } from './types.js';

export interface HonourRule {
  code: string;
  name: Label;
  citation: string;
  /** Given on the win that makes this many wins in the year (1: the first, 2: the second). */
  winsInYear?: number;
  /** Given to the head of a winning unit. */
  unitHead?: boolean;
}

/** The honours a win brings: `winsInYear` counts this win; `unitHead` when the recipient heads the winning unit. */
export function honoursForWin(rules: readonly HonourRule[], o: { winsInYear: number; unitHead: boolean }): HonourRule[] {
  return rules.filter((r) => (r.unitHead ? o.unitHead : r.winsInYear !== undefined && !o.unitHead && r.winsInYear === o.winsInYear));
}
