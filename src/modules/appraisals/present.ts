/** How periods and sheets are shown over HTTP: decimals as strings, instants as ISO text. */
import { parseJson } from '../../shared/json.js';
import type { AppraisalPeriodsTable, AppraisalSheetNotesTable } from '../../db/types.js';
import type { FilledItem, StarGrade } from '../../engines/appraisal/index.js';
import { templateOf } from './fill.js';
import type { SheetListRow } from './repository.js';

export const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function presentPeriod(row: AppraisalPeriodsTable, sheets: number) {
  const t = templateOf(row);
  return {
    id: row.id,
    template: { code: row.template_code, version: Number(row.template_version), label: t.label, post: t.post },
    period: { kind: row.kind, label: row.label, from: row.from_date, to: row.to_date },
    unitId: row.unit_id,
    state: row.state,
    sheets,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  };
}

export function presentStar(star: string | null) {
  const s = parseJson<StarGrade | null>(star, null);
  return s ? { stars: s.stars, label: s.label, payCoefficient: s.payCoefficient, atLeast: s.atLeast } : null;
}

export function presentSheetSummary(r: SheetListRow) {
  return {
    id: r.id,
    periodId: r.period_id,
    period: { kind: r.period_kind, label: r.period_label },
    staff: { id: r.staff_id, name: r.staff_name, badgeNo: r.badge_no, unitId: r.unit_id, unitName: r.unit_name ?? null },
    state: r.state,
    total: r.total,
    star: presentStar(r.star),
    complete: Number(r.complete) === 1,
    vetoed: Number(r.vetoed) === 1,
    approvedAt: iso(r.approved_at),
    updatedAt: iso(r.updated_at),
    version: Number(r.version),
  };
}

export function presentItems(items: string): FilledItem[] {
  return parseJson<FilledItem[]>(items, []);
}

export function presentNote(n: AppraisalSheetNotesTable) {
  return { at: iso(n.created_at), kind: n.kind, text: n.text, actor: n.actor_name, details: parseJson<Record<string, unknown>>(n.details, {}) };
}
