/**
 * Filling sheets from the facts (每人每周期一张考核表, 002:L216): one sheet per person holding the
 * template's post, each measured figure with the records behind it; the judged items wait for
 * the head. A refill (the head's scores, a reopen) reads the person's facts again.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import type { AppraisalPeriodsTable, AppraisalSheetFactsTable, AppraisalSheetsTable } from '../../db/types.js';
import { emptyFacts, fillSheet, type Decimal, type FactRecord, type FilledSheet, type SheetTemplate, type StaffFacts } from '../../engines/appraisal/index.js';
import { readAppraisalFacts } from './facts.js';
import { holdsPost } from './posts.js';
import * as repo from './repository.js';

export const templateOf = (period: Pick<AppraisalPeriodsTable, 'template'>) => parseJson<SheetTemplate>(period.template, null as never);
export const judgedOf = (sheet: Pick<AppraisalSheetsTable, 'judged'>) => parseJson<Record<string, Decimal | null>>(sheet.judged, {});

/** The sheet columns a filled sheet sets (state: complete → scored, else filled). */
export function filledColumns(filled: FilledSheet) {
  return {
    state: filled.complete ? 'scored' : 'filled',
    total: filled.total,
    stars: filled.star?.stars ?? null,
    pay_coefficient: filled.star?.payCoefficient ?? null,
    star: filled.star ? JSON.stringify(filled.star) : null,
    complete: filled.complete ? 1 : 0,
    vetoed: filled.vetoed ? 1 : 0,
    items: JSON.stringify(filled.items),
  };
}

/** The records a sheet links to (ratings are the person's whole period, not one record). */
export function factLinks(orgId: string, sheetId: string, filled: FilledSheet): AppraisalSheetFactsTable[] {
  const seen = new Set<string>();
  const out: AppraisalSheetFactsTable[] = [];
  for (const item of filled.items) {
    for (const r of item.records) {
      const key = `${r.kind}|${r.id}`;
      if (r.kind === 'ratings' || seen.has(key)) continue;
      seen.add(key);
      out.push({ org_id: orgId, kind: r.kind, fact_id: r.id, sheet_id: sheetId });
    }
  }
  return out;
}

/**
 * 好差评 items link to the person's ratings of the period as one record (the contract's
 * `${staffId}|${from}|${to}`), which the ratings list opens filtered; added where the engine left none.
 */
function withRatingsRecord(filled: FilledSheet, facts: StaffFacts, period: Pick<AppraisalPeriodsTable, 'from_date' | 'to_date'>): FilledSheet {
  const r = facts.ratings;
  if (r.rated === 0 && r.served === 0) return filled;
  const record: FactRecord = { kind: 'ratings', id: `${facts.staffId}|${period.from_date}|${period.to_date}`, label: `好差评 ${period.from_date} 至 ${period.to_date}：评价 ${r.rated} 次，满意 ${r.satisfied} 次，服务 ${r.served} 人次` };
  const items = filled.items.map((i) => ((i.source === 'satisfaction' || i.source === 'rating_rate') && i.records.length === 0 ? { ...i, records: [record] } : i));
  return { ...filled, items };
}

/** Fills the sheets of a new period for every active person of its post in its unit scope; returns how many. */
export async function fillPeriod(ctx: AppContext, trx: Executor, period: AppraisalPeriodsTable, scopePath: string | null): Promise<number> {
  const template = templateOf(period);
  const people = (await repo.findStaffWithPrimaryUnit(trx, period.org_id, scopePath)).filter((s) => holdsPost({ category: s.category, posts: parseJson<string[]>(s.posts, []) }, template.post));
  if (people.length === 0) return 0;
  const facts = await readAppraisalFacts(trx, { orgId: period.org_id, from: period.from_date, to: period.to_date, staffIds: people.map((p) => p.id), now: ctx.clock.now() });
  const now = ctx.clock.now();
  const sheets: AppraisalSheetsTable[] = [];
  const links: AppraisalSheetFactsTable[] = [];
  for (const p of people) {
    const own = facts.get(p.id) ?? emptyFacts(p.id, p.unit_id);
    const filled = withRatingsRecord(fillSheet(template, own, {}), own, period);
    const id = newId(now);
    sheets.push({
      id,
      org_id: period.org_id,
      period_id: period.id,
      staff_id: p.id,
      unit_id: p.unit_id,
      unit_path: p.unit_path,
      ...filledColumns(filled),
      judged: '{}',
      feedback: null,
      feedback_at: null,
      objection: null,
      objected_at: null,
      approved_at: null,
      approved_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    links.push(...factLinks(period.org_id, id, filled));
  }
  await repo.insertSheets(trx, sheets, links);
  return sheets.length;
}

/** The person's sheet filled again from the facts as they are now, with the head's scores. */
export async function refill(ctx: AppContext, trx: Executor, period: AppraisalPeriodsTable, sheet: Pick<AppraisalSheetsTable, 'staff_id' | 'unit_id'>, judged: Record<string, Decimal | null>): Promise<FilledSheet> {
  const facts = await readAppraisalFacts(trx, { orgId: period.org_id, from: period.from_date, to: period.to_date, staffIds: [sheet.staff_id], now: ctx.clock.now() });
  const own = facts.get(sheet.staff_id) ?? emptyFacts(sheet.staff_id, sheet.unit_id);
  return withRatingsRecord(fillSheet(templateOf(period), own, judged), own, period);
}
