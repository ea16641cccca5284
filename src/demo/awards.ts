/**
 * Award rounds for the demo hospital (评选, issue 16), run through the awards services as the office
 * would: last quarter's 优质服务标兵 and 优质服务窗口 announced (winners, rewards in the ledger,
 * honours, the honour roll), and this quarter's 优质服务标兵 in publicity with its candidates. Past
 * steps run on a clock set back to when they happened. Running it again adds nothing.
 */
import type { AppContext } from '../shared/context.js';
import { isAppError } from '../shared/errors.js';
import { systemActor } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { findStaffByBadge } from '../modules/staff/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { createRound, listNominations, nominate, openVoting, publishRound, reviewRound } from '../modules/awards/service.js';
import { announceRound } from '../modules/awards/announce.js';

const DAY = 86_400_000;

const quarterOf = (date: string) => {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  return { y, q };
};
const quarterName = (y: number, q: number) => `${y}-Q${q}`;
const previousQuarter = (y: number, q: number) => (q === 1 ? quarterName(y - 1, 4) : quarterName(y, q - 1));

interface DemoRound {
  awardType: string;
  /** Staff badges or unit codes nominated, with the reason. */
  nominees: { badge?: string; unit?: string; reason: string }[];
  /** How many of the candidates win (announced rounds). */
  winners?: number;
}

const reasons = {
  star: '全年无投诉，患者多次书面表扬，主动帮助老年患者挂号缴费',
  window: '窗口评价率、满意度连续三个月达标，推行“一站式”服务',
};

async function runRound(ctx: AppContext, orgId: string, period: string, plan: DemoRound, at: { start: number; open?: number; announce?: number }): Promise<boolean> {
  const actor = systemActor(orgId, 'demo-seed');
  const when = (ms: number): AppContext => ({ ...ctx, clock: { now: () => ms } });
  let round;
  try {
    round = await createRound(when(at.start), actor, { awardType: plan.awardType, period });
  } catch (e) {
    if (isAppError(e) && (e.code === 'award_round_exists' || e.code === 'award_type_unknown')) return false;
    throw e;
  }
  for (const n of plan.nominees) {
    const staff = n.badge ? await findStaffByBadge(ctx, orgId, n.badge) : undefined;
    const unit = n.unit ? await findUnitByCode(ctx, orgId, n.unit) : undefined;
    if (!staff && !unit) continue;
    await nominate(when(at.start), actor, round.id, { ...(staff ? { staffId: staff.id } : { unitId: unit!.id }), reason: n.reason });
  }
  let r = await reviewRound(when(at.start + 3_600_000), actor, round.id, round.version);
  r = await publishRound(when(at.start + 2 * 3_600_000), actor, round.id, r.version);
  if (at.open === undefined || at.announce === undefined) return true;
  r = await openVoting(when(at.open), actor, round.id, r.version);
  const candidates = (await listNominations(ctx, actor, round.id)).filter((n) => n.state === 'candidate');
  await announceRound(when(at.announce), actor, round.id, { version: r.version, winners: candidates.slice(0, plan.winners ?? 1).map((n) => n.id) });
  return true;
}

/** The demo hospital's rounds; other demo organisations have no award types in their packs. */
export async function seedDemoAwards(ctx: AppContext, orgCode: string, now: number, utcOffsetMinutes: number): Promise<number> {
  if (orgCode !== 'demo-hospital') return 0;
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) return 0;
  const { y, q } = quarterOf(localDate(now, utcOffsetMinutes));
  const last = previousQuarter(y, q);
  const past = { start: now - 40 * DAY, open: now - 25 * DAY, announce: now - 24 * DAY };
  let rounds = 0;
  const stars = [
    { badge: 'H1004', reason: reasons.star },
    { badge: 'H1005', reason: reasons.star },
    { badge: 'H1006', reason: reasons.star },
    { badge: 'H1008', reason: reasons.star },
  ];
  if (await runRound(ctx, org.id, last, { awardType: 'taixing.star', nominees: stars, winners: 2 }, past)) rounds++;
  if (await runRound(ctx, org.id, last, { awardType: 'taixing.window', nominees: [{ unit: 'H-OPD-REG', reason: reasons.window }, { unit: 'H-OPD-PHA', reason: reasons.window }], winners: 1 }, past)) rounds++;
  const current = [{ badge: 'H1003', reason: reasons.star }, { badge: 'H1009', reason: reasons.star }, ...stars.slice(1)];
  if (await runRound(ctx, org.id, quarterName(y, q), { awardType: 'taixing.star', nominees: current }, { start: now - 2 * 3_600_000 })) rounds++;
  return rounds;
}
