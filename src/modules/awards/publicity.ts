/**
 * 公示 (RULES §6): the candidates on a public page for the publicity period, with an objection
 * form (no login, rate-limited); the office decides each objection, and one found true cancels
 * the candidacy (001:L315). The public page shows names and units only.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, systemActor, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { findAwardType } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadOrganisation } from '../organisations/service.js';
import { loadRound, office, requireState } from './service.js';
import type { DecideObjectionInput, ObjectionInput } from './schema.js';
import * as repo from './repository.js';

const publicStates = ['publicity', 'voting', 'scoring', 'deciding', 'closed', 'announced'];
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

async function loadPublicRound(ctx: AppContext, id: string) {
  const row = await repo.findRound(ctx.db.kysely, id);
  if (!row || !publicStates.includes(row.state)) throw new AppError('not_found', { details: { entity: 'award_round', id } });
  return row;
}

/** The publicity page's data: the award, the period, the candidates (name and unit), until when. */
export async function getPublicRound(ctx: AppContext, id: string) {
  const row = await loadPublicRound(ctx, id);
  const [org, pack] = await Promise.all([loadOrganisation(ctx, row.org_id), policyForOrganisation(ctx, row.org_id)]);
  const type = findAwardType(pack, row.award_type);
  const candidates = await repo.findNominations(ctx.db.kysely, row.id, row.state === 'announced' ? ['winner'] : ['candidate', 'winner']);
  const endsAt = row.publicity_ends_at === null ? null : Number(row.publicity_ends_at);
  return {
    id: row.id,
    organisation: { code: org.code, name: org.name },
    awardType: row.award_type,
    awardName: type?.name ?? { zh: row.award_type, en: row.award_type },
    subject: type?.subject ?? null,
    period: row.period,
    state: row.state,
    publicityEndsAt: iso(endsAt),
    objectionsOpen: row.state === 'publicity' && endsAt !== null && ctx.clock.now() < endsAt,
    candidates: candidates.map((n) => ({ nominationId: n.id, name: n.staff_name ?? n.unit_name, unitName: n.unit_name, winner: n.state === 'winner' })),
  };
}

/** An objection from anyone during publicity, against one candidate. */
export async function lodgeObjection(ctx: AppContext, id: string, input: ObjectionInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await repo.lockRound(trx, ctx.db.dialect, id);
    if (!row || !publicStates.includes(row.state)) throw new AppError('not_found', { details: { entity: 'award_round', id } });
    const now = ctx.clock.now();
    if (row.state !== 'publicity' || row.publicity_ends_at === null || now >= Number(row.publicity_ends_at)) throw new AppError('publicity_closed', { details: { publicityEndsAt: iso(row.publicity_ends_at) } });
    const n = await repo.findNomination(trx, input.nominationId);
    if (!n || n.round_id !== row.id || n.state !== 'candidate') throw invalidFields(fieldIssue('body.nominationId', { zh: '不是本次公示的候选人', en: 'Not a candidate of this publicity' }));
    const objectionId = newId(now);
    await repo.insertObjection(trx, { id: objectionId, org_id: row.org_id, round_id: row.id, nomination_id: n.id, text: input.text, contact: input.contact || null, state: 'open', decision_reason: null, decided_by: null, decided_at: null, created_at: now, version: 1 });
    await appendAudit(ctx, trx, systemActor(row.org_id, 'public'), { action: 'object', entity: 'award_objection', entityId: objectionId, after: { roundId: row.id, nominationId: n.id } });
    return { id: objectionId, roundId: row.id, nominationId: n.id, state: 'open' as const, createdAt: iso(now) };
  });
}

export async function listObjections(ctx: AppContext, actor: Actor, roundId: string) {
  requireRole(actor, office);
  const { row } = await loadRound(ctx, ctx.db.kysely, actor, roundId);
  return (await repo.findObjections(ctx.db.kysely, row.id)).map((o) => ({
    id: o.id,
    nominationId: o.nomination_id,
    name: o.staff_name ?? o.unit_name,
    unitName: o.unit_name,
    text: o.text,
    contact: o.contact,
    state: o.state,
    decisionReason: o.decision_reason,
    decidedAt: iso(o.decided_at),
    createdAt: iso(o.created_at),
  }));
}

/** The office's finding: founded → the candidacy is cancelled (001:L315); unfounded → it stands. */
export async function decideObjection(ctx: AppContext, actor: Actor, roundId: string, objectionId: string, input: DecideObjectionInput) {
  requireRole(actor, office);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadRound(ctx, trx, actor, roundId, true);
    requireState(row, ['publicity']);
    const o = await repo.findObjection(trx, objectionId);
    if (!o || o.round_id !== row.id) throw new AppError('not_found', { details: { entity: 'award_objection', id: objectionId } });
    const now = ctx.clock.now();
    if (!(await repo.decideObjectionIfOpen(trx, o.id, { state: input.founded ? 'founded' : 'unfounded', decision_reason: input.reason, decided_by: actor.userId || null, decided_at: now, version: Number(o.version) + 1 }))) throw new AppError('objection_decided');
    await appendAudit(ctx, trx, actor, { action: 'decide', entity: 'award_objection', entityId: o.id, after: { founded: input.founded, reason: input.reason } });
    if (input.founded) {
      const n = await repo.findNomination(trx, o.nomination_id);
      if (n && n.state === 'candidate') {
        await repo.updateNomination(trx, n.id, { state: 'cancelled', cancel_reason: input.reason, updated_at: now, version: Number(n.version) + 1 });
        await appendAudit(ctx, trx, actor, { action: 'cancel', entity: 'award_nomination', entityId: n.id, before: { state: 'candidate' }, after: { state: 'cancelled', reason: input.reason, objectionId: o.id } });
      }
    }
    return { id: o.id, state: input.founded ? 'founded' : 'unfounded', nominationId: o.nomination_id, decidedAt: iso(now) };
  });
}
