import type { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { isUnitScoped, managers, requireRole, systemActor, type Actor } from '../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../../shared/ids.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { RatingsTable } from '../../db/types.js';
import { meetsThreshold, percent, ratingRates, satisfactionOptions } from '../../engines/metrics/index.js';
import { businessHoursOf, ratingSettings, ratingThresholds } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { registerCaseWith } from '../cases/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { requireStaffInOrg } from '../staff/service.js';
import { readTaxonomy } from '../taxonomies/service.js';
import { decodeStandingCode, encodeStandingCode } from './codes.js';
import { defaultRatingReasons, type createTokenBody, type publicRatingBody, type servedCountsBody, type statsQuery } from './schema.js';
import * as repo from './repository.js';

const DAY = 86_400_000;

/** Standing codes are signed and stable: what they rate is looked up once a minute, not per rating. */
const codeTargets = new TtlCache<string, RatingTarget>(60_000);

/** 一次一评: a one-time rating link for one transaction; the token is shown once and stored hashed. */
export async function createRatingToken(ctx: AppContext, actor: Actor, input: z.infer<typeof createTokenBody>) {
  const unit = await loadUnitInScope(ctx, actor, input.unitId);
  if (input.staffId) await requireStaffInOrg(ctx, actor.orgId, input.staffId);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const now = ctx.clock.now();
  const token = randomToken(18);
  const row = {
    id: newId(now),
    org_id: actor.orgId,
    token_hash: sha256Hex(token),
    unit_id: unit.id,
    staff_id: input.staffId ?? null,
    service_item_id: input.serviceItemId ?? null,
    transaction_ref: input.transactionRef ?? null,
    expires_at: now + ratingSettings(pack).tokenExpiryDays * DAY,
    used_at: null,
    created_by: actor.userId || null,
    created_at: now,
  };
  await repo.insertToken(ctx.db.kysely, row);
  return { id: row.id, token, url: `/r/${token}`, expiresAt: new Date(row.expires_at).toISOString() };
}

/** The standing QR code of a window or a staff member: a signed URL, stable over time. */
export async function standingRatingCode(ctx: AppContext, actor: Actor, input: { unitId: string; staffId?: string }) {
  const unit = await loadUnitInScope(ctx, actor, input.unitId);
  if (input.staffId) await requireStaffInOrg(ctx, actor.orgId, input.staffId);
  const code = encodeStandingCode(ctx.config.secret!, { orgId: actor.orgId, unitId: unit.id, staffId: input.staffId ?? null });
  return { code, url: `/r/c/${code}`, unit: { id: unit.id, code: unit.code, name: unit.name } };
}

export interface RatingTarget {
  orgId: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  staffId: string | null;
  serviceItemId: string | null;
  tokenId: string | null;
  source: 'token' | 'code';
}

/** What a token or standing code rates; an expired or used token is refused before the form is shown. */
export async function resolveRatingTarget(ctx: AppContext, ref: { token?: string; code?: string }, options: { allowUsed?: boolean } = {}): Promise<RatingTarget> {
  if (ref.token) {
    const t = await repo.findTokenByHash(ctx.db.kysely, sha256Hex(ref.token));
    if (!t) throw new AppError('not_found', { details: { reason: 'unknown token' } });
    if (t.used_at && !options.allowUsed) throw new AppError('already_rated');
    if (t.expires_at < ctx.clock.now()) throw new AppError('token_expired');
    const unit = await requireUnitInOrg(ctx, t.org_id, t.unit_id);
    return { orgId: t.org_id, unitId: unit.id, unitPath: unit.path, unitName: unit.name, staffId: t.staff_id, serviceItemId: t.service_item_id, tokenId: t.id, source: 'token' };
  }
  const cached = ref.code ? codeTargets.get(ref.code) : undefined;
  if (cached) return cached;
  const target = ref.code ? decodeStandingCode(ctx.config.secret!, ref.code) : null;
  if (!target) throw new AppError('not_found', { details: { reason: 'invalid code' } });
  const unit = await requireUnitInOrg(ctx, target.orgId, target.unitId).catch(() => null);
  if (!unit) throw new AppError('not_found');
  const resolved: RatingTarget = { orgId: target.orgId, unitId: unit.id, unitPath: unit.path, unitName: unit.name, staffId: target.staffId, serviceItemId: null, tokenId: null, source: 'code' };
  codeTargets.set(ref.code!, resolved);
  return resolved;
}

type PublicRating = z.infer<typeof publicRatingBody>;

/**
 * Stores a public rating: validated, the token used once, the daily rollup updated in the same
 * transaction, and a 差评 (the pack's negative levels) opens a rectification case with its
 * callback and feedback clocks. A retried request with the same Idempotency-Key stores one rating.
 */
export async function submitRating(ctx: AppContext, input: PublicRating, idempotencyKey?: string) {
  // A retry of a request that already used its token must find its rating, not a 409.
  const target = await resolveRatingTarget(ctx, input, { allowUsed: !!idempotencyKey });
  if (idempotencyKey) {
    const existing = await repo.findRatingByIdempotencyKey(ctx.db.kysely, target.orgId, idempotencyKey);
    if (existing) return { id: existing.id, caseId: existing.case_id, replayed: true };
  }
  const pack = await policyForOrganisation(ctx, target.orgId);
  const settings = ratingSettings(pack);
  if (input.reasons?.length) {
    const known = new Set((await readTaxonomy(ctx, target.orgId, 'rating_reason', defaultRatingReasons)).items.map((i) => i.code));
    const unknown = input.reasons.filter((r) => !known.has(r));
    if (unknown.length) throw new AppError('validation_failed', { details: [{ path: 'body.reasons', message: `unknown reasons: ${unknown.join(', ')}` }] });
  }
  const now = ctx.clock.now();
  const row: RatingsTable = {
    id: newId(now),
    org_id: target.orgId,
    unit_id: target.unitId,
    unit_path: target.unitPath,
    staff_id: target.staffId,
    service_item_id: target.serviceItemId,
    source: target.source,
    token_id: target.tokenId,
    level: input.level,
    indicators: JSON.stringify(input.indicators ?? {}),
    reasons: JSON.stringify(input.reasons ?? []),
    comment: input.comment ?? null,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    idempotency_key: idempotencyKey ?? null,
    rated_at: now,
    // The local date needs only the organisation's UTC offset (China has no DST), not its calendar.
    rated_date: new Date(now + businessHoursOf(pack).utcOffsetMinutes * 60_000).toISOString().slice(0, 10),
    excluded: 0,
    case_id: null,
  };
  const negative = settings.negativeLevels.includes(input.level);
  try {
    if (!target.tokenId && !negative) {
      await repo.insertRatingCounted(ctx.db.kysely, ctx.db.dialect, row);
      return { id: row.id, caseId: null, replayed: false };
    }
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      if (target.tokenId && !(await repo.useToken(trx, target.tokenId, now))) throw new AppError('already_rated');
      await repo.insertRating(trx, row);
      await repo.bumpRollup(trx, { org_id: row.org_id, unit_id: row.unit_id, unit_path: row.unit_path, staff_id: row.staff_id ?? '', date: row.rated_date }, input.level as 1, 1);
      let caseId: string | null = null;
      if (negative) caseId = await openRectification(ctx, trx, row, settings.levels.find((l) => l.value === input.level)?.zh ?? String(input.level));
      return { id: row.id, caseId, replayed: false };
    });
  } catch (e) {
    // The same Idempotency-Key raced in from a retry: answer with the stored rating.
    if (idempotencyKey && isUniqueViolation(e)) {
      const existing = await repo.findRatingByIdempotencyKey(ctx.db.kysely, target.orgId, idempotencyKey);
      if (existing) return { id: existing.id, caseId: existing.case_id, replayed: true };
    }
    throw e;
  }
}

/** 差评 → 整改: callback clock only when the rater left a contact (实名差评 callback 100 %). */
async function openRectification(ctx: AppContext, trx: Executor, rating: RatingsTable, levelLabel: string) {
  const actor = systemActor(rating.org_id, 'rating');
  const reasons = JSON.parse(rating.reasons) as string[];
  const { row } = await registerCaseWith(ctx, trx, actor, {
    type: 'rectification',
    channel: rating.source === 'token' ? 'rating_link' : 'rating_qr',
    title: `差评整改：${levelLabel}${reasons.length ? `（${reasons.join('、')}）` : ''}`,
    content: rating.comment ?? levelLabel,
    receivedAt: rating.rated_at,
    unitId: rating.unit_id,
    unitPath: rating.unit_path,
    staffId: rating.staff_id,
    data: { source: 'rating', ratingId: rating.id, level: rating.level, reasons },
    contact: rating.contact_phone ? { name: rating.contact_name, phone: rating.contact_phone } : {},
    clocks: rating.contact_phone ? ['callback', 'feedback'] : ['feedback'],
  });
  await repo.setRatingCase(trx, rating.id, row.id);
  return row.id;
}

/** 申诉复核 upheld: the rating leaves the statistics (its rollup moves to `excluded`), audited. */
export async function excludeRating(ctx: AppContext, trx: Executor, actor: Actor, ratingId: string, reason: string) {
  const rating = await repo.findRating(trx, ratingId);
  if (!rating || rating.org_id !== actor.orgId) throw new AppError('not_found');
  if (!(await repo.markExcluded(trx, ratingId))) return;
  await repo.bumpRollup(trx, { org_id: rating.org_id, unit_id: rating.unit_id, unit_path: rating.unit_path, staff_id: rating.staff_id ?? '', date: rating.rated_date }, rating.level as 1, -1);
  await appendAudit(ctx, trx, actor, { action: 'exclude', entity: 'rating', entityId: ratingId, before: { excluded: false }, after: { excluded: true, reason } });
}

/** 服务人次: a later count for the same unit, staff and day replaces the earlier one. */
export async function recordServedCounts(ctx: AppContext, actor: Actor, input: z.infer<typeof servedCountsBody>) {
  requireRole(actor, managers);
  const units = new Map<string, string>();
  for (const c of input.counts) if (!units.has(c.unitId)) units.set(c.unitId, (await loadUnitInScope(ctx, actor, c.unitId)).path);
  for (const staffId of new Set(input.counts.map((c) => c.staffId).filter(Boolean) as string[])) await requireStaffInOrg(ctx, actor.orgId, staffId);
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const c of input.counts) {
      await repo.upsertServed(trx, { org_id: actor.orgId, unit_id: c.unitId, unit_path: units.get(c.unitId)!, staff_id: c.staffId ?? '', date: c.date, served: c.served, updated_at: now });
    }
    await appendAudit(ctx, trx, actor, { action: 'record', entity: 'served_counts', entityId: actor.orgId, after: { rows: input.counts.length, from: input.counts[0].date } });
  });
  return { recorded: input.counts.length };
}

/**
 * 好差评统计: counts per level, rating rate, satisfaction, positive and negative rates, and each
 * pack threshold with pass/fail, per unit, staff member or month — from the rollups.
 */
export async function ratingStatistics(ctx: AppContext, actor: Actor, query: z.infer<typeof statsQuery>) {
  if (query.from > query.to) throw new AppError('validation_failed', { details: [{ path: 'query.from', message: 'from must not be after to' }] });
  const personal = actor.role === 'staff';
  if (personal && query.staffId && query.staffId !== actor.staffId) throw new AppError('out_of_scope');
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const settings = ratingSettings(pack);
  const options = satisfactionOptions({ basicSatisfiedCounts: settings.basicSatisfiedCountsAsSatisfied, negativeLevels: settings.negativeLevels });
  const filter = {
    orgId: actor.orgId,
    from: query.from,
    to: query.to,
    scopePath: isUnitScoped(actor.role) && !personal ? actor.scopePath : null,
    unitPath,
    staffId: personal ? (actor.staffId ?? '-') : query.staffId,
    groupBy: query.groupBy,
  };
  const [rollups, served] = await Promise.all([repo.sumRollups(ctx.db.kysely, filter), repo.sumServed(ctx.db.kysely, filter)]);
  const servedBy = new Map(served.map((s) => [s.key, Number(s.served)]));
  const scopeOf = { unit: ['window', 'unit'], staff: ['staff'], month: ['organisation', 'window', 'unit'], none: ['organisation', 'window', 'unit', 'staff'] }[query.groupBy];
  const thresholds = ratingThresholds(pack).filter((t) => scopeOf.includes(t.scope));
  const groups = rollups.map((r) => {
    const counts = { 1: Number(r.c1), 2: Number(r.c2), 3: Number(r.c3), 4: Number(r.c4), 5: Number(r.c5) };
    const rates = ratingRates(counts, servedBy.has(r.key) ? servedBy.get(r.key)! : null, options);
    const value = { ratingRate: rates.ratingRate, satisfactionRate: rates.satisfactionRate, positiveRate: rates.positiveRate, negativeRate: rates.negativeRate } as const;
    return {
      key: r.key,
      counts,
      excluded: Number(r.excluded),
      ratings: rates.ratings,
      served: rates.served,
      ratingRate: percent(rates.ratingRate),
      satisfactionRate: percent(rates.satisfactionRate),
      positiveRate: percent(rates.positiveRate),
      negativeRate: percent(rates.negativeRate),
      thresholds: thresholds
        .filter((t) => t.metric in value)
        .map((t) => {
          const rate = value[t.metric as keyof typeof value];
          return { id: t.id, metric: t.metric, op: t.op, value: t.value, source: t.source ?? null, pass: rate ? meetsThreshold(rate, t.op, t.value) : null };
        }),
    };
  });
  return { from: query.from, to: query.to, groupBy: query.groupBy, basicSatisfiedCounts: settings.basicSatisfiedCountsAsSatisfied, groups };
}
