/**
 * The sanctions sweep (part of the background round): verified incidents since the last run
 * propose the rules the pack maps their kind to, then windows that closed without an appeal make
 * their sanctions final. Safe to run twice or on two nodes at once: a (source, rule, target)
 * proposes once (unique key), the cursor only moves forward, finality is compare-and-set.
 *
 * A fact a rule cannot price yet (`policy_value_missing` until the organisation sets a placeholder
 * amount, or a fact the rule lacks) is not lost when the cursor moves past it: it waits in
 * `sanction_unpriced` and every sweep tries it again with the pack then in force, proposing it
 * once the value is set (the office sees the waiting ones: GET /api/v1/sanctions/unpriced).
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { orgManagers, requireRole, systemActor, type Actor } from '../../shared/access.js';
import { isAppError, type AppError } from '../../shared/errors.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { parseJson } from '../../shared/json.js';
import { proposalsFor, proposingFactKinds, type PolicyPack, type ProposalMapping } from '../../policy/index.js';
import { listIncidentFacts, type IncidentFact } from '../incidents/service.js';
import { readPublishedStandings } from '../competitions/index.js';
import { listOrganisations } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { primaryUnitOfStaff } from '../staff/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { finaliseClosedWindows } from './appeals.js';
import { proposeWith } from './proposals.js';
import { proposalsOfStanding, type StandingProposal } from './competition-bands.js';
import * as repo from './repository.js';

const PAGE = 500;

/** A fact the sweep could not price: its source, the rule, the refusal's code and what is missing. */
export interface Unpriced {
  source: { type: 'incident' | 'competition'; id: string };
  rule: string;
  code: string;
  missing: string[];
}

/** What a refusal says is missing: the pack's value (policy.sanctionRules.…) or the fact's field. */
function missingOf(e: AppError): string[] {
  const details = Array.isArray(e.details) ? (e.details as { path?: unknown }[]) : [];
  const paths = details.map((d) => d.path).filter((p): p is string => typeof p === 'string');
  return paths.length ? paths : [e.code];
}

/** Tries one (fact, rule): the number of proposals it created, or the refusal when it cannot be priced yet. */
async function tryPropose(ctx: AppContext, actor: Actor, pack: PolicyPack, orgId: string, f: IncidentFact, m: ProposalMapping): Promise<{ created: number } | { refused: AppError }> {
  return tryProposing(ctx, { orgId, sourceType: 'incident', sourceId: f.id, ruleCode: m.rule }, async (trx) => {
    const unitId = f.unitId ?? (f.staffId ? (await primaryUnitOfStaff(ctx, f.staffId, trx))?.id : undefined);
    if (!unitId) return null;
    const unit = await requireUnitInOrg(ctx, orgId, unitId, trx);
    const details = (f.details ?? {}) as Record<string, unknown>;
    return proposeWith(ctx, trx, actor, pack, {
      orgId,
      source: { type: 'incident', id: f.id },
      fact: { kind: f.kind, incidentId: f.id, occurredAt: new Date(f.occurredAt).toISOString(), verifiedAt: new Date(f.verifiedAt).toISOString(), amountFen: f.amountFen, details },
      ruleCode: m.rule,
      facts: { ...m.facts },
      unit,
      staffId: f.staffId,
    });
  });
}

/**
 * Proposes one (source, rule) in a transaction of its own: proposed now or before (by an earlier
 * or a concurrent sweep), it no longer waits; refused (a placeholder amount not set, a fact
 * missing), it waits in sanction_unpriced for the next sweep.
 */
async function tryProposing(ctx: AppContext, key: repo.UnpricedKey, propose: (trx: Executor) => Promise<{ created: unknown[] } | null>): Promise<{ created: number } | { refused: AppError }> {
  try {
    const created = await ctx.db.kysely.transaction().execute(async (trx) => {
      const r = await propose(trx);
      await repo.deleteUnpriced(trx, key);
      return r?.created.length ?? 0;
    });
    return { created };
  } catch (e) {
    if (!isAppError(e)) throw e;
    await repo.upsertUnpriced(ctx.db.kysely, key, { code: e.code, missing: missingOf(e) }, ctx.clock.now());
    return { refused: e };
  }
}

/**
 * The facts that waited for a policy value, tried again with the pack in force: proposed now (and
 * no longer waiting) or still waiting. A fact no longer verified, or a rule the pack no longer
 * maps its kind to, stops waiting.
 */
async function retryUnpriced(ctx: AppContext, actor: Actor, pack: PolicyPack, orgId: string, report: { proposed: number; unpriced: Unpriced[] }) {
  for (let after: { sourceId: string; ruleCode: string } | null = null; ; ) {
    const rows = await repo.findUnpriced(ctx.db.kysely, orgId, after, PAGE);
    if (rows.length === 0) break;
    const ids = [...new Set(rows.filter((r) => r.source_type === 'incident').map((r) => r.source_id))];
    const facts = new Map((await listIncidentFacts(ctx, { orgId, ids, limit: 5000 })).map((f) => [f.id, f]));
    // Competition standings wait and are retried by proposeFromCompetitions.
    for (const row of rows.filter((r) => r.source_type === 'incident')) {
      const key = { orgId, sourceType: row.source_type, sourceId: row.source_id, ruleCode: row.rule_code };
      const fact = facts.get(row.source_id);
      const mapping = fact ? proposalsFor(pack, fact.kind).find((m) => m.rule === row.rule_code) : undefined;
      if (!fact || !mapping) {
        await repo.deleteUnpriced(ctx.db.kysely, key);
        continue;
      }
      const r = await tryPropose(ctx, actor, pack, orgId, fact, mapping);
      if ('created' in r) report.proposed += r.created;
      else report.unpriced.push({ source: { type: 'incident', id: fact.id }, rule: mapping.rule, code: r.refused.code, missing: missingOf(r.refused) });
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = { sourceId: last.source_id, ruleCode: last.rule_code };
  }
}

/** Tries one unit's standing under one rule (the ABC bands, 003:L341–343). */
async function tryProposeStanding(ctx: AppContext, actor: Actor, pack: PolicyPack, orgId: string, p: StandingProposal): Promise<{ created: number } | { refused: AppError }> {
  return tryProposing(ctx, { orgId, sourceType: 'competition', sourceId: p.sourceId, ruleCode: p.mapping.rule }, async (trx) => {
    const unit = await requireUnitInOrg(ctx, orgId, p.unitId, trx);
    return proposeWith(ctx, trx, actor, pack, { orgId, source: { type: 'competition', id: p.sourceId }, fact: { ...p.fact, unitName: unit.name }, ruleCode: p.mapping.rule, facts: p.facts, unit, staffId: null });
  });
}

function tally(report: { proposed: number; unpriced: Unpriced[] }, source: Unpriced['source'], rule: string, r: { created: number } | { refused: AppError }) {
  if ('created' in r) report.proposed += r.created;
  else report.unpriced.push({ source, rule, code: r.refused.code, missing: missingOf(r.refused) });
}

/**
 * Proposals from the competitions of one organisation published since the cursor (003:L341–343),
 * and from those of its standings that waited for a policy value (the ABC amounts are
 * placeholders until the organisation sets them).
 */
async function proposeFromCompetitions(ctx: AppContext, actor: Actor, pack: PolicyPack, orgId: string, report: { proposed: number; unpriced: Unpriced[] }) {
  const waiting: repo.UnpricedKey[] = [];
  for (let after: { sourceId: string; ruleCode: string } | null = null; ; ) {
    const rows = await repo.findUnpriced(ctx.db.kysely, orgId, after, PAGE);
    waiting.push(...rows.filter((r) => r.source_type === 'competition').map((r) => ({ orgId, sourceType: r.source_type, sourceId: r.source_id, ruleCode: r.rule_code })));
    if (rows.length < PAGE) break;
    after = { sourceId: rows[rows.length - 1].source_id, ruleCode: rows[rows.length - 1].rule_code };
  }
  const retry = new Set(waiting.map((k) => `${k.sourceId}|${k.ruleCode}`));
  const tried = new Set<string>();
  // Waiting ones first, with the pack in force; a competition no longer published, or a rule no longer mapped, stops waiting.
  const ids = [...new Set(waiting.map((k) => k.sourceId.split(':')[0]))];
  for (const c of ids.length ? await readPublishedStandings(ctx, orgId, { ids }) : []) {
    for (const p of proposalsOfStanding(pack, c)) {
      const k = `${p.sourceId}|${p.mapping.rule}`;
      if (!retry.has(k)) continue;
      tried.add(k);
      tally(report, { type: 'competition', id: p.sourceId }, p.mapping.rule, await tryProposeStanding(ctx, actor, pack, orgId, p));
    }
  }
  for (const k of waiting) if (!tried.has(`${k.sourceId}|${k.ruleCode}`)) await repo.deleteUnpriced(ctx.db.kysely, k);
  if (proposalsFor(pack, 'competition').length === 0) return;
  const until = ctx.clock.now();
  const from = await repo.readCompetitionCursor(ctx.db.kysely, orgId);
  for (const c of await readPublishedStandings(ctx, orgId, { publishedFrom: from, publishedTo: until })) {
    for (const p of proposalsOfStanding(pack, c)) {
      if (tried.has(`${p.sourceId}|${p.mapping.rule}`)) continue;
      tally(report, { type: 'competition', id: p.sourceId }, p.mapping.rule, await tryProposeStanding(ctx, actor, pack, orgId, p));
    }
  }
  await repo.writeCompetitionCursor(ctx.db.kysely, orgId, until);
}

/** Proposals from the incidents of one organisation verified since the cursor, and from those that waited for a value. */
export async function proposeFromIncidents(ctx: AppContext, orgId: string) {
  const pack = await policyForOrganisation(ctx, orgId);
  const kinds = proposingFactKinds(pack).filter((k) => !k.includes(':') && k !== 'stage_target' && k !== 'competition');
  const until = ctx.clock.now();
  const from = await repo.readSweepCursor(ctx.db.kysely, orgId);
  const report = { proposed: 0, unpriced: [] as Unpriced[] };
  const actor = systemActor(orgId, 'sanctions-sweep');
  await retryUnpriced(ctx, actor, pack, orgId, report);
  await proposeFromCompetitions(ctx, actor, pack, orgId, report);
  if (kinds.length === 0) return report;
  const retried = new Set(report.unpriced.map((u) => `${u.source.id}|${u.rule}`));
  for (let afterId: string | undefined; ; ) {
    const facts = await listIncidentFacts(ctx, { orgId, verifiedFrom: from, verifiedTo: until, kinds, afterId, limit: PAGE });
    for (const f of facts) {
      for (const m of proposalsFor(pack, f.kind)) {
        if (retried.has(`${f.id}|${m.rule}`)) continue;
        const r = await tryPropose(ctx, actor, pack, orgId, f, m);
        if ('created' in r) report.proposed += r.created;
        // A fact the rule cannot price yet waits for the office (recorded by tryPropose); the cursor may move past it.
        else report.unpriced.push({ source: { type: 'incident', id: f.id }, rule: m.rule, code: r.refused.code, missing: missingOf(r.refused) });
      }
    }
    if (facts.length < PAGE) break;
    afterId = facts[facts.length - 1].id;
  }
  await repo.writeSweepCursor(ctx.db.kysely, orgId, until);
  return report;
}

/**
 * One sweep over every organisation: proposals from new facts and from those that waited for a
 * policy value, then finality of closed windows. `unpriced` lists, per organisation, what still waits.
 */
export async function sweepSanctions(ctx: AppContext) {
  let proposed = 0;
  const unpriced: (Unpriced & { orgId: string })[] = [];
  for (const org of await listOrganisations(ctx)) {
    const r = await proposeFromIncidents(ctx, org.id);
    proposed += r.proposed;
    unpriced.push(...r.unpriced.map((u) => ({ orgId: org.id, ...u })));
  }
  const { finalised } = await finaliseClosedWindows(ctx);
  return { proposed, skipped: unpriced.length, finalised, unpriced };
}

/** The sweep run by hand (POST /api/v1/sanctions/sweep): what waits is the caller's organisation's only. */
export async function runSanctionsSweep(ctx: AppContext, actor: Actor) {
  requireRole(actor, orgManagers);
  const r = await sweepSanctions(ctx);
  const own = r.unpriced.filter((u) => u.orgId === actor.orgId).map(({ orgId: _orgId, ...u }) => u);
  return { proposed: r.proposed, finalised: r.finalised, skipped: own.length, unpriced: own };
}

/** 待定价: the organisation's facts waiting for a policy value (office and administrators), the longest waiting first. */
export async function listUnpricedFacts(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }) {
  requireRole(actor, orgManagers);
  const { rows, total } = await repo.listUnpriced(ctx.db.kysely, actor.orgId, pageWindow(q));
  return pageOf(
    rows.map((r) => ({
      source: { type: r.source_type, id: r.source_id },
      rule: r.rule_code,
      code: r.code,
      missing: parseJson<string[]>(r.missing, []),
      waitingSince: new Date(Number(r.first_at)).toISOString(),
      triedAt: new Date(Number(r.tried_at)).toISOString(),
    })),
    total,
    q,
  );
}
