/**
 * Eligibility of nominees (RULES §6): facts from the incident file (verified incidents of the year)
 * and the ledger (取消当年评优), figures from the ratings (rating rate, satisfaction over the
 * period), evaluated by the selection engine under the award type's profile.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { evaluateEligibility, type Eligibility, type SelectionFact, type SelectionFigures } from '../../engines/selection/index.js';
import { businessHoursOf, type AwardTypeInForce, type PolicyPack } from '../../policy/index.js';
import { listIncidentFacts, type IncidentFact } from '../incidents/service.js';
import { listDisqualifications } from '../ledger/service.js';
import { ratingFiguresOf } from '../ratings/index.js';
import { periodRange, rangeInstants } from './period.js';

export interface Nominated {
  id: string;
  staffId: string | null;
  unitId: string;
}

/** The facts an incident gives: its details, and for a red envelope whether it went back in time (001:L449). */
export function factOfIncident(f: IncidentFact): SelectionFact {
  const details = f.details as Record<string, unknown>;
  const attributes: SelectionFact['attributes'] = {};
  for (const [k, v] of Object.entries(details)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attributes[k] = v;
  if (f.kind === 'red_envelope') {
    const returned = details.returned === true;
    const on = typeof details.returnedOn === 'string' ? details.returnedOn : null;
    const due = typeof details.dueBy === 'string' ? details.dueBy : null;
    attributes.returnedInTime = returned && (due === null || (on !== null && on <= due));
  }
  return { kind: f.kind, source: { kind: 'incident', id: f.id }, at: f.occurredAt, amountFen: f.amountFen, attributes };
}

async function incidentFactsOfYear(ctx: AppContext, orgId: string, from: number): Promise<IncidentFact[]> {
  const out: IncidentFact[] = [];
  const limit = 5000;
  for (let afterId: string | undefined; ; ) {
    const page = await listIncidentFacts(ctx, { orgId, verifiedFrom: from, limit, ...(afterId ? { afterId } : {}) });
    out.push(...page);
    if (page.length < limit) return out;
    afterId = page[page.length - 1].id;
  }
}

/** Eligibility of each nominee of a round: reasons with the fact they rest on and their citation. */
export async function evaluateNominees(ctx: AppContext, _db: Executor, o: { pack: PolicyPack; type: AwardTypeInForce; orgId: string; period: string; nominees: Nominated[] }): Promise<Map<string, Eligibility>> {
  const offset = businessHoursOf(o.pack).utcOffsetMinutes;
  const range = periodRange(o.period, o.type.cadence);
  const period = rangeInstants(range, offset);
  const year = rangeInstants({ from: `${range.year}-01-01`, to: `${range.year}-12-31` }, offset);
  const [incidents, barred, figures] = await Promise.all([
    incidentFactsOfYear(ctx, o.orgId, year.from),
    listDisqualifications(ctx, { orgId: o.orgId, year: range.year }),
    o.type.rules.some((r) => r.type === 'figure') ? ratingFiguresOf(ctx, { orgId: o.orgId, from: range.from, to: range.to, groupBy: o.type.subject === 'unit' ? 'unit' : 'staff' }) : Promise.resolve(new Map()),
  ]);
  const out = new Map<string, Eligibility>();
  for (const n of o.nominees) {
    const mine = (x: { staffId: string | null; unitId: string | null }) => (n.staffId ? x.staffId === n.staffId : x.unitId === n.unitId && !x.staffId);
    const facts: SelectionFact[] = [
      ...incidents.filter((f) => (n.staffId ? f.staffId === n.staffId : f.unitId === n.unitId)).map(factOfIncident),
      ...barred.filter(mine).map((d) => ({ kind: 'disqualify_year_awards', source: { kind: 'sanction', id: d.sanctionId }, at: d.finalAt, amountFen: null, attributes: {} })),
    ];
    const f = figures.get(n.staffId ?? n.unitId);
    const fig: SelectionFigures = { ratingRate: f?.ratingRate ?? null, satisfactionRate: f?.satisfactionRate ?? null };
    out.set(n.id, evaluateEligibility(o.type.rules, { subject: n.staffId ? 'person' : 'unit', facts, figures: fig, period, year }));
  }
  return out;
}
