/**
 * The sanctions sweep (part of the background round): verified incidents since the last run
 * propose the rules the pack maps their kind to, then windows that closed without an appeal make
 * their sanctions final. Safe to run twice or on two nodes at once: a (source, rule, target)
 * proposes once (unique key), the cursor only moves forward, finality is compare-and-set.
 */
import type { AppContext } from '../../shared/context.js';
import { systemActor } from '../../shared/access.js';
import { isAppError } from '../../shared/errors.js';
import { proposalsFor, proposingFactKinds } from '../../policy/index.js';
import { listIncidentFacts } from '../incidents/service.js';
import { listOrganisations } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { primaryUnitOfStaff } from '../staff/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { finaliseClosedWindows } from './appeals.js';
import { proposeWith } from './proposals.js';
import * as repo from './repository.js';

const PAGE = 500;

/** Proposals from the incidents of one organisation verified since the cursor. */
export async function proposeFromIncidents(ctx: AppContext, orgId: string) {
  const pack = await policyForOrganisation(ctx, orgId);
  const kinds = proposingFactKinds(pack).filter((k) => !k.includes(':') && k !== 'stage_target');
  const until = ctx.clock.now();
  const from = await repo.readSweepCursor(ctx.db.kysely, orgId);
  const report = { proposed: 0, skipped: [] as { incidentId: string; rule: string; code: string }[] };
  if (kinds.length === 0) return report;
  const actor = systemActor(orgId, 'sanctions-sweep');
  for (let afterId: string | undefined; ; ) {
    const facts = await listIncidentFacts(ctx, { orgId, verifiedFrom: from, verifiedTo: until, kinds, afterId, limit: PAGE });
    for (const f of facts) {
      for (const m of proposalsFor(pack, f.kind)) {
        try {
          const created = await ctx.db.kysely.transaction().execute(async (trx) => {
            const unitId = f.unitId ?? (f.staffId ? (await primaryUnitOfStaff(ctx, f.staffId, trx))?.id : undefined);
            if (!unitId) return 0;
            const unit = await requireUnitInOrg(ctx, orgId, unitId, trx);
            const details = (f.details ?? {}) as Record<string, unknown>;
            const r = await proposeWith(ctx, trx, actor, pack, {
              orgId,
              source: { type: 'incident', id: f.id },
              fact: { kind: f.kind, incidentId: f.id, occurredAt: new Date(f.occurredAt).toISOString(), verifiedAt: new Date(f.verifiedAt).toISOString(), amountFen: f.amountFen, details },
              ruleCode: m.rule,
              facts: { ...m.facts },
              unit,
              staffId: f.staffId,
            });
            return r.created.length;
          });
          report.proposed += created;
        } catch (e) {
          // A fact the rule cannot price yet (a placeholder amount, a fact it lacks) waits for the office.
          if (isAppError(e)) report.skipped.push({ incidentId: f.id, rule: m.rule, code: e.code });
          else throw e;
        }
      }
    }
    if (facts.length < PAGE) break;
    afterId = facts[facts.length - 1].id;
  }
  await repo.writeSweepCursor(ctx.db.kysely, orgId, until);
  return report;
}

/** One sweep over every organisation: proposals from new facts, then finality of closed windows. */
export async function sweepSanctions(ctx: AppContext) {
  let proposed = 0;
  let skipped = 0;
  for (const org of await listOrganisations(ctx)) {
    const r = await proposeFromIncidents(ctx, org.id);
    proposed += r.proposed;
    skipped += r.skipped.length;
  }
  const { finalised } = await finaliseClosedWindows(ctx);
  return { proposed, skipped, finalised };
}
