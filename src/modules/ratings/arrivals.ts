import { createHmac } from 'node:crypto';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import type { RatingSettings } from '../../policy/index.js';
import { notifyUsers } from '../notifications/service.js';
import { userIdsWithRole } from '../users/service.js';
import * as repo from './arrival-repository.js';
import type { RatingTarget } from './service.js';

const MINUTE = 60_000;

/** Where a rating of a standing code came from: the rating page's device cookie (none through the API) and the client address. */
export interface RatingOrigin {
  device: string | null;
  client: string;
}

/** Device ids and addresses are kept only as keyed hashes: enough to compare, not to read back. */
function hashed(ctx: AppContext, kind: string, value: string): string {
  return createHmac('sha256', ctx.config.secret!).update(`${kind}:${value}`).digest('base64url').slice(0, 32);
}

/**
 * One rating per phone and window within the pack's interval on a standing code: a second one is
 * refused (rating_too_soon). Other phones are never held back, so a busy window's patients all rate.
 */
export async function requireDeviceRested(ctx: AppContext, target: RatingTarget, origin: RatingOrigin | undefined, settings: RatingSettings) {
  const minutes = settings.deviceIntervalMinutes;
  if (target.source !== 'code' || !origin?.device || minutes <= 0) return;
  const since = ctx.clock.now() - minutes * MINUTE;
  if (await repo.deviceRatedSince(ctx.db.kysely, target.unitId, hashed(ctx, 'device', origin.device), since)) {
    throw new AppError('rating_too_soon', { details: { intervalMinutes: minutes } });
  }
}

/**
 * Records where a standing-code rating came from; when one address sends more than the pack's
 * burst of ratings for one window, the quality office gets one inbox message (at the crossing, so
 * once per burst). Nothing is refused: a hospital's patients may share one exit address.
 */
export async function recordArrival(ctx: AppContext, target: RatingTarget, ratingId: string, origin: RatingOrigin | undefined, settings: RatingSettings) {
  if (target.source !== 'code' || !origin) return;
  const now = ctx.clock.now();
  const client = hashed(ctx, 'client', origin.client);
  await repo.insertArrival(ctx.db.kysely, { rating_id: ratingId, org_id: target.orgId, unit_id: target.unitId, device: origin.device && hashed(ctx, 'device', origin.device), client, at: now });
  const { ratings, minutes } = settings.burst;
  const n = await repo.countFromClientSince(ctx.db.kysely, target.unitId, client, now - minutes * MINUTE);
  if (n !== ratings + 1) return;
  await ctx.db.kysely.transaction().execute(async (trx) =>
    notifyUsers(ctx, trx, {
      orgId: target.orgId,
      userIds: await userIdsWithRole(ctx, target.orgId, 'quality_office', trx),
      subject: `扫码评价异常：${target.unitName} ${minutes} 分钟内收到同一网络地址的 ${n} 条评价`,
      body: `${target.unitName}的评价二维码在 ${minutes} 分钟内收到来自同一网络地址的 ${n} 条评价，超过 ${ratings} 条的提醒线。评价未被拦截，请核查是否有人重复评价；如需剔除，请走申诉复核。`,
    }),
  );
}
