/**
 * Figures Youzhi has itself (RULES §7: "computed by Youzhi"): for each input whose source is
 * `computed:mystery_shopper`, the unit's (subtree's) mystery-shopper checks of the period in the
 * order they were made, each as a percentage of its full marks (2 places), check1 the first; for
 * an input of an indicator averaging one figure, their average; for `computed:satisfaction`, the
 * unit's 好差评 satisfaction rate of the period in %. Read through the inspections and ratings
 * modules' services; written as `computed` figures under the competition's version.
 */
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { listInspections } from '../inspections/service.js';
import { ratingStatistics } from '../ratings/index.js';
import { loadForValues, saveValues, type ValueEntry } from './service.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The months of a period (2026, 2026-Q3, 2026-H1, 2026-05) and its first and last day. */
export function periodRange(period: string): { months: string[]; from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  let first = 1;
  let count = 12;
  if (/^Q[1-4]$/.test(rest)) [first, count] = [(Number(rest[1]) - 1) * 3 + 1, 3];
  else if (/^H[12]$/.test(rest)) [first, count] = [rest === 'H1' ? 1 : 7, 6];
  else if (/^\d\d$/.test(rest)) [first, count] = [Number(rest), 1];
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  const last = first + count - 1;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { months, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

const pct = (score: number, max: number) => (max > 0 ? (Math.round((score / max) * 10_000) / 100).toString() : null);

export async function computeCompetitionValues(ctx: AppContext, actor: Actor, id: string, version: number) {
  const { row, preset, units } = await loadForValues(ctx, actor, id);
  const range = periodRange(row.period);
  const wanted = preset.indicators.flatMap((ind) => ind.inputs.filter((x) => x.source !== 'imported').map((x) => ({ ind, input: x })));
  const entries: ValueEntry[] = [];
  const missing: { unitId: string; indicator: string; input: string }[] = [];
  for (const u of units) {
    let checks: number[] | null = null;
    let satisfaction: number | null | undefined;
    for (const { ind, input } of wanted) {
      let value: string | null = null;
      if (input.source === 'computed:mystery_shopper') {
        if (!checks) {
          const found: { at: string; pct: string }[] = [];
          for (const month of range.months) {
            const page = await listInspections(ctx, actor, { unitId: u.unit_id, template: 'bank-mystery-shopper', month, page: 1, pageSize: 500 });
            for (const i of page.items) {
              const p = pct(i.score, i.maxScore);
              if (p !== null && i.performedAt) found.push({ at: i.performedAt, pct: p });
            }
          }
          checks = found.sort((a, b) => a.at.localeCompare(b.at)).map((f) => Number(f.pct));
        }
        const n = /^check(\d+)$/.exec(input.code);
        if (n) value = checks[Number(n[1]) - 1]?.toString() ?? null;
        else if (checks.length) value = (Math.round((checks.reduce((a, b) => a + b, 0) / checks.length) * 100) / 100).toString();
      } else if (input.source === 'computed:satisfaction') {
        if (satisfaction === undefined) {
          const stats = await ratingStatistics(ctx, actor, { from: range.from, to: range.to, unitId: u.unit_id, groupBy: 'none', details: 'false' });
          satisfaction = (stats.groups[0]?.satisfactionRate as number | null | undefined) ?? null;
        }
        value = satisfaction === null ? null : String(satisfaction);
      }
      if (value === null) missing.push({ unitId: u.unit_id, indicator: ind.code, input: input.code });
      else entries.push({ unitId: u.unit_id, indicator: ind.code, input: input.code, value });
    }
  }
  const saved = await saveValues(ctx, actor, row, version, entries, 'computed');
  return { ...saved, missing };
}
