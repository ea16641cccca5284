/**
 * Honours (光荣榜, RULES §6): the awards and automatic honours of a person or unit, the public
 * honour roll (announced winners of the last twelve months), and what a certificate prints.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, requireUnitInScope, type Actor } from '../../shared/access.js';
import { findAwardType } from '../../policy/index.js';
import { findOrganisationByCode, loadOrganisation } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { staffForSelection } from '../staff/service.js';
import { loadUnitInScope } from '../units/service.js';
import { office } from './service.js';
import type { HonoursQuery } from './schema.js';
import * as repo from './repository.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();
const YEAR_MS = 365 * 86_400_000;

function presentHonour(h: Awaited<ReturnType<typeof repo.findHonours>>[number]) {
  return {
    id: h.id,
    kind: h.kind as 'award' | 'honour',
    code: h.code,
    name: { zh: h.name_zh, en: h.name_en },
    period: h.period,
    year: Number(h.year),
    roundId: h.round_id,
    nominationId: h.nomination_id,
    staffId: h.staff_id,
    staffName: h.staff_name,
    unitId: h.unit_id,
    unitName: h.unit_name,
    citation: h.citation,
    at: iso(h.at),
  };
}

/** History per person or unit: staff see their own; heads their units' people; the office anyone. */
export async function listHonours(ctx: AppContext, actor: Actor, q: HonoursQuery) {
  let staffId = q.staffId;
  let unitId = q.unitId;
  if (actor.role === 'staff' || actor.role === 'inspector' || actor.role === 'supervisor') {
    if (!actor.staffId || (staffId && staffId !== actor.staffId) || unitId) throw new AppError('forbidden');
    staffId = actor.staffId;
  } else if (actor.role === 'unit_head') {
    if (staffId) {
      const s = await staffForSelection(ctx, actor.orgId, staffId);
      if (!s || !s.primaryUnit) throw new AppError('not_found', { details: { entity: 'staff', id: staffId } });
      if (staffId !== actor.staffId) requireUnitInScope(actor, s.primaryUnit.path);
    } else {
      unitId = unitId ?? actor.unitId ?? undefined;
      if (!unitId) throw new AppError('forbidden');
      await loadUnitInScope(ctx, actor, unitId);
    }
  }
  const rows = await repo.findHonours(ctx.db.kysely, { orgId: actor.orgId, ...(staffId ? { staffId } : {}), ...(unitId ? { unitId } : {}), ...(q.year ? { year: q.year } : {}) });
  return rows.map(presentHonour);
}

/** 光荣榜: the announced winners of the last twelve months (names and units only; no login). */
export async function publicHonourRoll(ctx: AppContext, orgCode: string) {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) throw new AppError('not_found', { details: { entity: 'organisation' } });
  const rows = await repo.findHonours(ctx.db.kysely, { orgId: org.id, kind: 'award', since: ctx.clock.now() - YEAR_MS });
  return {
    organisation: { code: org.code, name: org.name },
    winners: rows.map((h) => ({ roundId: h.round_id, nominationId: h.nomination_id, awardType: h.code, awardName: { zh: h.name_zh, en: h.name_en }, period: h.period, subject: h.staff_id ? ('person' as const) : ('unit' as const), name: h.staff_name ?? h.unit_name ?? '', unitName: h.unit_name ?? '', at: iso(h.at) })),
  };
}

/**
 * What a certificate (荣誉证书) prints for a winning nomination: the office, or the winner themself.
 * For the certificate route of the screens.
 */
export async function getWinnerForCertificate(ctx: AppContext, actor: Actor, nominationId: string) {
  const [h] = await repo.findHonours(ctx.db.kysely, { orgId: actor.orgId, kind: 'award', nominationId });
  if (!h) throw new AppError('not_found', { details: { entity: 'award_winner', id: nominationId } });
  if (!(h.staff_id && h.staff_id === actor.staffId)) requireRole(actor, office);
  const [org, pack] = await Promise.all([loadOrganisation(ctx, actor.orgId), policyForOrganisation(ctx, actor.orgId)]);
  const type = findAwardType(pack, h.code);
  return {
    organisation: { code: org.code, name: org.name },
    roundId: h.round_id,
    nominationId,
    awardType: h.code,
    awardName: { zh: h.name_zh, en: h.name_en },
    subject: h.staff_id ? ('person' as const) : ('unit' as const),
    period: h.period,
    year: Number(h.year),
    winnerName: h.staff_name ?? h.unit_name ?? '',
    unitName: h.unit_name ?? '',
    announcedAt: iso(h.at),
    citation: type?.citation ?? h.citation,
  };
}
