import type { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, requireRole, systemActor, type Actor } from '../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { requestHash, requireSameRequest } from '../../shared/idempotency.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { RatingsTable } from '../../db/types.js';
import { businessHoursOf, ratingSettings } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { registerCaseWith } from '../cases/service.js';
import { emitEvents, webhookEventsWanted, type WebhookEvent } from '../webhooks/index.js';
import { loadOrganisation } from '../organisations/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { requireStaffInOrg, staffWorksUnder } from '../staff/service.js';
import { decodeStandingCode, encodeStandingCode } from './codes.js';
import { type createTokenBody, type IndicatorKey, type publicRatingBody, type servedCountsBody } from './schema.js';
import { ratingReasons } from './reasons.js';
import * as repo from './repository.js';
import { forgetMonthsOf } from './months.js';
import { localDate } from '../../shared/months.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { recordArrival, requireDeviceRested, type RatingOrigin } from './arrivals.js';
import { openRatingFollowUp } from '../followups/index.js';

/** Statistics live in stats.ts; other modules (commitments) read them through this service. */
export { ratingStatistics } from './stats.js';

const DAY = 86_400_000;

/** Standing codes are signed and stable: what they rate is looked up once a minute, not per rating. */
const codeTargets = new TtlCache<string, RatingTarget>(60_000);

/** The staff member a code names must still serve (a code on a badge stops the day its holder leaves). */
function serving<T extends { id: string; active: boolean }>(staff: T): T {
  if (!staff.active) throw new AppError('staff_inactive', { details: { staffId: staff.id } });
  return staff;
}

/**
 * The staff member a new code or link names: of the organisation, working in the rated unit (or a
 * unit below it, the unit being in the caller's scope already), and the caller themselves when
 * the caller is front-line staff — a code is what opens a rectification case naming the person and
 * counts in their statistics, so nobody may pin one on a colleague they do not manage.
 */
async function staffOfUnit(ctx: AppContext, actor: Actor, unit: { id: string; path: string }, staffId: string) {
  const staff = await requireStaffInOrg(ctx, actor.orgId, staffId);
  if (actor.role === 'staff' && actor.staffId !== staffId) throw new AppError('out_of_scope', { details: { staffId, reason: 'staff issue codes and links naming themselves only' } });
  if (!(await staffWorksUnder(ctx, staffId, unit.path))) throw new AppError('out_of_scope', { details: { staffId, unitId: unit.id, reason: 'the staff member does not work in this unit' } });
  return serving(staff);
}

/** 一次一评: a one-time rating link for one transaction; the token is shown once and stored hashed. */
export async function createRatingToken(ctx: AppContext, actor: Actor, input: z.infer<typeof createTokenBody>) {
  const unit = await loadUnitInScope(ctx, actor, input.unitId);
  if (input.staffId) await staffOfUnit(ctx, actor, unit, input.staffId);
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
  return { id: row.id, token, path: `/r/${token}`, expiresAt: new Date(row.expires_at).toISOString() };
}

/** The standing QR code of a window or a staff member: a signed URL, stable over time. */
export async function standingRatingCode(ctx: AppContext, actor: Actor, input: { unitId: string; staffId?: string }) {
  const unit = await loadUnitInScope(ctx, actor, input.unitId);
  const staff = input.staffId ? await staffOfUnit(ctx, actor, unit, input.staffId) : null;
  const code = encodeStandingCode(ctx.config.secret!, { orgId: actor.orgId, unitId: unit.id, staffId: input.staffId ?? null });
  return { code, path: `/r/c/${code}`, unit: { id: unit.id, code: unit.code, name: unit.name }, staff: staff && { id: staff.id, name: staff.name, badgeNo: staff.badgeNo } };
}

export interface RatingTarget {
  orgId: string;
  orgName: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  staffId: string | null;
  /** Shown on the page so the rater knows whom they rate: name and badge number only. */
  staff: { name: string; badgeNo: string } | null;
  serviceItemId: string | null;
  tokenId: string | null;
  source: 'token' | 'code';
}

async function describeTarget(ctx: AppContext, orgId: string, unitId: string, staffId: string | null) {
  const [org, unit, staff] = await Promise.all([loadOrganisation(ctx, orgId), requireUnitInOrg(ctx, orgId, unitId), staffId ? requireStaffInOrg(ctx, orgId, staffId) : null]);
  return { orgName: org.name, unitId: unit.id, unitPath: unit.path, unitName: unit.name, staff: staff && { name: staff.name, badgeNo: staff.badgeNo } };
}

/**
 * What a token or standing code rates; an expired or used token is refused before the form is
 * shown, and so is the personal code of a staff member who no longer serves (staff_inactive).
 */
export async function resolveRatingTarget(ctx: AppContext, ref: { token?: string; code?: string }, options: { allowUsed?: boolean } = {}): Promise<RatingTarget> {
  if (ref.token) {
    const t = await repo.findTokenByHash(ctx.db.kysely, sha256Hex(ref.token));
    if (!t) throw new AppError('not_found', { details: { reason: 'unknown token' } });
    if (t.used_at && !options.allowUsed) throw new AppError('already_rated');
    if (t.expires_at < ctx.clock.now()) throw new AppError('token_expired');
    // A one-time link rates a transaction that happened: it stays valid if the person has left since.
    return { orgId: t.org_id, ...(await describeTarget(ctx, t.org_id, t.unit_id, t.staff_id)), staffId: t.staff_id, serviceItemId: t.service_item_id, tokenId: t.id, source: 'token' };
  }
  let target = ref.code ? codeTargets.get(ref.code) : undefined;
  if (!target) {
    const decoded = ref.code ? decodeStandingCode(ctx.config.secret!, ref.code) : null;
    if (!decoded) throw new AppError('not_found', { details: { reason: 'invalid code' } });
    const described = await describeTarget(ctx, decoded.orgId, decoded.unitId, decoded.staffId).catch(() => null);
    if (!described) throw new AppError('not_found');
    target = { orgId: decoded.orgId, ...described, staffId: decoded.staffId, serviceItemId: null, tokenId: null, source: 'code' };
    codeTargets.set(ref.code!, target);
  }
  // Checked on every use (not cached): a code on a badge must stop the day its holder leaves.
  if (target.staffId) serving(await requireStaffInOrg(ctx, target.orgId, target.staffId));
  return target;
}

type PublicRating = z.infer<typeof publicRatingBody>;

/** The request as stored with its Idempotency-Key: the same rating in any key or reason order hashes the same. */
function requestHashOf(input: PublicRating): string {
  return requestHash({ ...input, reasons: input.reasons ? [...new Set(input.reasons)].sort() : undefined });
}

function replay(existing: { id: string; case_id: string | null; request_hash: string | null }, hash: string) {
  requireSameRequest(existing.request_hash, hash);
  return { id: existing.id, caseId: existing.case_id, replayed: true };
}

/**
 * Stores a public rating: validated, the token used once, the daily rollups (levels, indicators,
 * reasons) updated in the same transaction, and a 差评 (the pack's negative levels) opens a
 * rectification case with its callback and feedback clocks. A retried request with the same
 * Idempotency-Key stores one rating; the key reused for another request answers 422.
 */
export async function submitRating(ctx: AppContext, input: PublicRating, idempotencyKey?: string, origin?: RatingOrigin) {
  // A retry of a request that already used its token must find its rating, not a 409.
  const target = await resolveRatingTarget(ctx, input, { allowUsed: !!idempotencyKey });
  const hash = idempotencyKey ? requestHashOf(input) : null;
  if (idempotencyKey) {
    const existing = await repo.findRatingByIdempotencyKey(ctx.db.kysely, target.orgId, idempotencyKey);
    if (existing) return replay(existing, hash!);
  }
  const pack = await policyForOrganisation(ctx, target.orgId);
  const settings = ratingSettings(pack);
  await requireDeviceRested(ctx, target, origin, settings);
  const reasons = [...new Set(input.reasons ?? [])];
  const labels = new Map<string, string>();
  if (reasons.length) {
    for (const r of await ratingReasons(ctx, target.orgId)) labels.set(r.code, r.zh);
    const unknown = reasons.filter((r) => !labels.has(r));
    if (unknown.length) throw invalidFields(fieldIssue('body.reasons', { zh: `未知的差评原因：${unknown.join('、')}`, en: `unknown reasons: ${unknown.join(', ')}` }));
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
    reasons: JSON.stringify(reasons),
    comment: input.comment ?? null,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    idempotency_key: idempotencyKey ?? null,
    request_hash: hash,
    rated_at: now,
    // The local date needs only the organisation's UTC offset (China has no DST), not its calendar.
    rated_date: localDate(now, businessHoursOf(pack).utcOffsetMinutes),
    excluded: 0,
    case_id: null,
  };
  const facts = { level: input.level, indicators: input.indicators ?? {} };
  const negative = settings.negativeLevels.includes(input.level);
  const stored = await storeRating(ctx, target, row, facts, { negative, reasons, labels, idempotencyKey, hash, level: input.level, settings });
  if (!stored.replayed) await recordArrival(ctx, target, row.id, origin, settings);
  return stored;
}

async function storeRating(
  ctx: AppContext,
  target: RatingTarget,
  row: RatingsTable,
  facts: { level: number; indicators: Partial<Record<IndicatorKey, number>> },
  o: { negative: boolean; reasons: string[]; labels: Map<string, string>; idempotencyKey?: string; hash: string | null; level: number; settings: ReturnType<typeof ratingSettings> },
) {
  const { negative, reasons, labels, idempotencyKey, hash, settings } = o;
  const now = row.rated_at;
  // A subscription to rating.received takes the transactional path, where the event is queued with the rating.
  const announced = (await webhookEventsWanted(ctx, row.org_id)).has('rating.received');
  try {
    if (!target.tokenId && !negative && !reasons.length && !announced) {
      await repo.insertRatingCounted(ctx.db, row, facts);
      return { id: row.id, caseId: null, replayed: false };
    }
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      if (target.tokenId && !(await repo.useToken(trx, target.tokenId, now))) throw new AppError('already_rated');
      await repo.insertRating(trx, row);
      const key = repo.rollupKeyOf(row);
      await repo.bumpRollup(trx, key, facts, 1);
      await repo.bumpReasons(trx, key, reasons, 1);
      let caseId: string | null = null;
      const data = { ratingId: row.id, unitId: row.unit_id, staffId: row.staff_id, serviceItemId: row.service_item_id, level: row.level, negative, reasons, source: row.source, ratedAt: new Date(now).toISOString() };
      const events: WebhookEvent[] = [{ orgId: row.org_id, type: 'rating.received', data }];
      if (negative) {
        const levelLabel = settings.levels.find((l) => l.value === o.level)?.zh ?? String(o.level);
        const opened = await openRectification(ctx, trx, row, levelLabel, reasons.map((r) => labels.get(r) ?? r));
        caseId = opened.id;
        // 差评回访: a rater who left a phone is followed up (where the pack says so), linked to this rectification.
        if (row.contact_phone) await openRatingFollowUp(ctx, trx, row, opened);
        events.push({ orgId: row.org_id, type: 'rating.negative', data: { ...data, caseId, trackingNo: opened.tracking_no } });
      }
      await emitEvents(ctx, trx, events);
      return { id: row.id, caseId, replayed: false };
    });
  } catch (e) {
    // The same Idempotency-Key raced in from a retry: answer with the stored rating.
    if (idempotencyKey && isUniqueViolation(e)) {
      const existing = await repo.findRatingByIdempotencyKey(ctx.db.kysely, target.orgId, idempotencyKey);
      if (existing) return replay(existing, hash!);
    }
    throw e;
  }
}

/** 差评 → 整改: the title names the level and the reasons as the organisation words them; callback clock only with a contact (实名差评 callback 100 %). */
async function openRectification(ctx: AppContext, trx: Executor, rating: RatingsTable, levelLabel: string, reasonLabels: string[]) {
  const actor = systemActor(rating.org_id, 'rating');
  const { row } = await registerCaseWith(ctx, trx, actor, {
    type: 'rectification',
    channel: rating.source === 'token' ? 'rating_link' : 'rating_qr',
    title: `差评整改：${levelLabel}${reasonLabels.length ? `（${reasonLabels.join('、')}）` : ''}`,
    content: rating.comment ?? levelLabel,
    receivedAt: rating.rated_at,
    unitId: rating.unit_id,
    unitPath: rating.unit_path,
    staffId: rating.staff_id,
    data: { source: 'rating', ratingId: rating.id, level: rating.level, reasons: parseJson<string[]>(rating.reasons, []) },
    contact: rating.contact_phone ? { name: rating.contact_name, phone: rating.contact_phone } : {},
    clocks: rating.contact_phone ? ['callback', 'feedback'] : ['feedback'],
  });
  await repo.setRatingCase(trx, rating.id, row.id);
  return row;
}

/** 申诉复核 upheld: the rating leaves the statistics (its level, indicators and reasons), audited. */
export async function excludeRating(ctx: AppContext, trx: Executor, actor: Actor, ratingId: string, reason: string) {
  const rating = await repo.findRating(trx, ratingId);
  if (!rating || rating.org_id !== actor.orgId) throw new AppError('not_found');
  if (!(await repo.markExcluded(trx, ratingId))) return;
  const key = repo.rollupKeyOf(rating);
  await repo.bumpRollup(trx, key, { level: rating.level, indicators: parseJson<Partial<Record<IndicatorKey, number>>>(rating.indicators, {}) }, -1);
  await repo.bumpReasons(trx, key, parseJson<string[]>(rating.reasons, []), -1);
  await forgetMonthsOf(trx, rating.org_id, [rating.rated_date]);
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
    await forgetMonthsOf(trx, actor.orgId, input.counts.map((c) => c.date));
    await appendAudit(ctx, trx, actor, { action: 'record', entity: 'served_counts', entityId: actor.orgId, after: { rows: input.counts.length, from: input.counts[0].date } });
  });
  return { recorded: input.counts.length };
}
