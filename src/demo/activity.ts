import type { AppContext } from '../shared/context.js';
import type { Actor } from '../shared/access.js';
import { systemActor } from '../shared/access.js';
import type { UsersTable } from '../db/types.js';
import { businessHoursOf, complaintReviewClose } from '../policy/index.js';
import { actorForUser } from '../modules/auth/service.js';
import { performCaseAction } from '../modules/cases/service.js';
import { registerComplaint } from '../modules/complaints/service.js';
import { readComplaintTaxonomy } from '../modules/complaints/index.js';
import { ratingReasons } from '../modules/ratings/index.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { policyForOrganisation } from '../modules/policy/service.js';
import { encodeStandingCode } from '../modules/ratings/codes.js';
import { recordServedCounts, submitRating } from '../modules/ratings/service.js';
import { channelsByWeight, complainantNames, complaintTexts, pick, poisson, prng, ratingComments, weighted, type Rand } from './activity-data.js';
import { monthPeriod } from '../shared/months.js';
import { windowKinds } from '../modules/dashboard/ranking.js';
import { forgetMaterialisedMonths } from '../modules/dashboard/summary.js';
import { forgetMaterialisedRatingMonths } from '../modules/ratings/months.js';

export interface ActivityOptions {
  orgCode: string;
  month: string;
  seed?: number;
  /** Volume multiplier: 1 ≈ 30 clients per window and day, about one complaint a working day. */
  scale?: number;
  /** No activity after this instant (default: the month's end, or now if earlier). */
  until?: number;
}

export interface ActivityReport {
  orgCode: string;
  month: string;
  ratings: number;
  negativeRatings: number;
  complaints: number;
  replies: number;
  closed: number;
  rectificationActions: number;
  servedDays: number;
  skipped: Record<string, number>;
}

interface Event {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/** A min-heap of events by time (then by insertion), so follow-ups interleave with the day's traffic. */
class Agenda {
  private heap: Event[] = [];
  private seq = 0;
  push(at: number, run: () => Promise<void>) {
    const e = { at, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
const before = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Level mixes (1…5) of a good, an average and a poor window. */
const mixes = {
  good: [0.01, 0.02, 0.05, 0.22, 0.7],
  average: [0.03, 0.04, 0.1, 0.28, 0.55],
  poor: [0.08, 0.08, 0.18, 0.3, 0.36],
} as const;

/**
 * 演示数据: a realistic month of activity on top of the demo organisation, through the real
 * services with a simulated clock — ratings by standing QR codes (submitRating; 差评 open their
 * rectification cases), daily served counts (recordServedCounts), complaints (registerComplaint)
 * handled through assign → verify → reply (some late, some never) → satisfaction → close
 * (performCaseAction), and the rectifications called back, rectified, verified or appealed.
 * Deterministic for a seed (ids and slots aside).
 */
export async function generateActivity(ctx: AppContext, options: ActivityOptions): Promise<ActivityReport> {
  const org = await findOrganisationByCode(ctx, options.orgCode);
  if (!org) throw new Error(`organisation ${options.orgCode} not found`);
  const rand = prng(options.seed ?? 20261122);
  const scale = options.scale ?? 1;
  const pack = await policyForOrganisation(ctx, org.id);
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const period = monthPeriod(options.month, offset);
  const until = Math.min(options.until ?? Math.min(period.end, ctx.clock.now()), period.end);
  const db = ctx.db.kysely;

  const units = await db.selectFrom('units').selectAll().where('org_id', '=', org.id).orderBy('code').execute();
  const windows = units.filter((u) => windowKinds.has(u.kind));
  const staffOf = new Map<string, string[]>();
  for (const s of await db.selectFrom('staff_units').innerJoin('staff', 'staff.id', 'staff_units.staff_id').select(['staff_units.unit_id', 'staff.id']).where('staff.org_id', '=', org.id).where('staff.active', '=', 1).orderBy('staff.badge_no').execute()) {
    staffOf.set(s.unit_id, [...(staffOf.get(s.unit_id) ?? []), s.id]);
  }
  const users = (await db.selectFrom('users').selectAll().where('org_id', '=', org.id).where('active', '=', 1).orderBy('username').execute()) as UsersTable[];
  const actorOf = async (role: string) => {
    const u = users.find((x) => x.role === role);
    return u ? actorForUser(ctx, u, 'cli') : null;
  };
  const office = (await actorOf('quality_office')) ?? (await actorOf('admin')) ?? systemActor(org.id, 'demo-generator');
  const intake = (await actorOf('staff')) ?? office;
  const heads = await Promise.all(users.filter((u) => u.role === 'unit_head').map((u) => actorForUser(ctx, u, 'cli')));
  const headFor = (unitPath: string): Actor => heads.filter((h) => h.scopePath && unitPath.startsWith(h.scopePath)).sort((a, b) => b.scopePath!.length - a.scopePath!.length)[0] ?? office;
  // The sector's own 差评 reasons (a hospital's 候诊时间长, not a hall's 多次跑腿), 其他 left out.
  const negativeReasons = (await ratingReasons(ctx, org.id)).filter((i) => i.active && i.code !== 'other').map((i) => i.code);
  const categories = (await readComplaintTaxonomy(ctx, org.id, 'complaint_category')).items.filter((i) => i.active).map((i) => i.code);

  // The simulated clock every service sees.
  let simNow = period.start;
  const sim: AppContext = { ...ctx, clock: { now: () => simNow } };
  const agenda = new Agenda();
  const report: ActivityReport = { orgCode: org.code, month: options.month, ratings: 0, negativeRatings: 0, complaints: 0, replies: 0, closed: 0, rectificationActions: 0, servedDays: 0, skipped: {} };
  const skip = (why: string): void => {
    report.skipped[why] = (report.skipped[why] ?? 0) + 1;
  };
  const later = (at: number, run: () => Promise<void>): void => (at < until ? agenda.push(Math.round(at), run) : skip('after_until'));
  const localHour = (day: number, h: number) => day + h * HOUR;

  const quality = new Map(windows.map((w, i) => [w.id, i === windows.length - 1 ? mixes.poor : i % 3 === 0 ? mixes.good : mixes.average]));
  const complaintUnits = units.filter((u) => u.kind !== 'organisation' && u.kind !== 'office');

  for (let day = period.start; day < period.end; day += DAY) {
    const weekday = new Date(day + offset * 60_000).getUTCDay();
    const busy = weekday === 0 || weekday === 6 ? 0.4 : 1;
    // Windows: clients served, most of them rate (一次一评 by the window's standing code).
    const counts: { unitId: string; date: string; served: number }[] = [];
    // The day `until` cuts short: the count so far, in proportion to the ratings given so far (a
    // queue system reports during the day), so the rating rate never exceeds what was served.
    const countsSoFar: typeof counts = [];
    const date = new Date(day + offset * 60_000).toISOString().slice(0, 10);
    for (const w of windows) {
      const served = Math.max(1, Math.round(30 * scale * busy * (0.7 + 0.6 * rand())));
      const rated = Math.round(served * (0.82 + 0.15 * rand()));
      counts.push({ unitId: w.id, date, served });
      let ratedSoFar = 0;
      const staff = staffOf.get(w.id) ?? [];
      for (let i = 0; i < rated; i++) {
        const level = weighted(rand, quality.get(w.id)!.map((p, j) => [j + 1, p] as const));
        const staffId = staff.length && rand() < 0.7 ? pick(rand, staff) : null;
        const negative = level <= 2;
        const withContact = negative && rand() < 0.6;
        const body = {
          code: encodeStandingCode(ctx.config.secret!, { orgId: org.id, unitId: w.id, staffId }),
          level,
          ...(negative ? { reasons: negativeReasons.length ? [pick(rand, negativeReasons)] : [], comment: pick(rand, ratingComments.negative) } : rand() < 0.1 ? { comment: pick(rand, ratingComments.positive) } : {}),
          ...(withContact ? { contactName: pick(rand, complainantNames), contactPhone: `1380000${String(Math.floor(rand() * 10000)).padStart(4, '0')}` } : {}),
        };
        const plan = rand();
        const at = localHour(day, 8.5 + 8 * rand());
        if (at < until) ratedSoFar++;
        later(at, async () => {
          const r = await submitRating(sim, body);
          report.ratings++;
          if (r.caseId) {
            report.negativeRatings++;
            planRectification(r.caseId, withContact, plan);
          }
        });
      }
      if (ratedSoFar) countsSoFar.push({ unitId: w.id, date, served: Math.max(ratedSoFar, Math.round((served * ratedSoFar) / Math.max(1, rated))) });
    }
    const closing = localHour(day, 18);
    if (closing < until) {
      later(closing, async () => {
        await recordServedCounts(sim, office, { counts });
        report.servedDays++;
      });
    } else if (countsSoFar.length) {
      later(until - 1, async () => {
        await recordServedCounts(sim, office, { counts: countsSoFar });
        report.servedDays++;
      });
    }
    // Complaints: about one a working day at scale 1.
    for (let i = poisson(rand, 1.1 * scale * busy); i > 0; i--) planComplaint(rand, localHour(day, 8.5 + 8 * rand()));
  }

  /** The usual cause found for a category (default cause taxonomy, 002 篇7, 篇12). */
  const causeOfCategory: Record<string, string> = { attitude: 'attitude', efficiency: 'process', competence: 'knowledge', fees: 'cashier_error' };

  function planComplaint(r: Rand, at: number) {
    const unit = pick(r, complaintUnits);
    const category = weighted(r, categories.map((c) => [c, c === 'attitude' ? 4 : c === 'efficiency' ? 3 : 1] as const));
    const staff = staffOf.get(unit.id) ?? [];
    const input = {
      channel: weighted(r, channelsByWeight),
      content: pick(r, complaintTexts[category] ?? complaintTexts.other),
      unitId: unit.id,
      staffId: staff.length && r() < 0.6 ? pick(r, staff) : undefined,
      category,
      complainant: { name: pick(r, complainantNames), phone: `1390000${String(Math.floor(r() * 10000)).padStart(4, '0')}` },
    };
    const head = headFor(unit.path);
    // Reply after ~1–4 days mostly; some on the edge of the 5-working-day limit, some late, some never.
    const fate = r();
    const replyAfter = fate < 0.7 ? (1 + 3 * r()) * DAY : fate < 0.85 ? (6 + 2 * r()) * DAY : fate < 0.95 ? (9 + 6 * r()) * DAY : null;
    const verdict = weighted(r, [['substantiated', 3], ['partly_substantiated', 2], ['unsubstantiated', 2]] as const);
    const satisfaction = weighted(r, [['satisfied', 6], ['basically_satisfied', 3], ['dissatisfied', 1]] as const);
    const closes = r() < 0.85;
    later(at, async () => {
      let c: { id: string; version: number };
      try {
        c = await registerComplaint(sim, intake, input);
      } catch (e) {
        if ((e as { code?: string }).code === 'calendar_year_missing') return skip('calendar_year_missing');
        throw e;
      }
      report.complaints++;
      const act = async (actor: Actor, action: string, body: Record<string, unknown>, role?: string) => {
        const after = await performCaseAction(sim, actor, c.id, { action, version: c.version, input: body, role });
        c = { id: c.id, version: after.version };
      };
      later(at + (1 + 3 * r()) * HOUR, async () => {
        await act(office, 'assign', { assigneeId: head.userId || office.userId });
        later(at + (0.6 + 0.8 * r()) * DAY, async () => {
          await act(head, 'verify', { verdict, findings: verdict === 'unsubstantiated' ? '经调查，反映情况不属实。' : '经调取记录核实，反映情况基本属实。' });
          if (verdict !== 'unsubstantiated') {
            // A substantiated complaint is answered with its cause and corrective action (RULES §2).
            await act(head, 'record_cause', { causes: [causeOfCategory[category] ?? 'other'] });
            await act(head, 'record_measure', { measure: '已对当事人批评教育，科室组织学习服务规范。' });
          }
          if (replyAfter === null) return skip('never_replied');
          later(at + replyAfter, async () => {
            await act(head, 'reply', { channel: 'phone', content: '您反映的问题已核实处理，感谢您的监督。' });
            report.replies++;
            later(at + replyAfter + (0.2 + r()) * DAY, async () => {
              // The complainant rates the handling on the status page (the link sent with the reply).
              await act(systemActor(office.orgId, '投诉人'), 'record_satisfaction', { satisfaction }, 'complainant');
              if (!closes) return;
              later(at + replyAfter + (1.5 + r()) * DAY, async () => {
                // With 审核办结 the quality office signs the reply off; otherwise it closes the case.
                await act(office, complaintReviewClose(pack) ? 'review_close' : 'close', {});
                report.closed++;
              });
            });
          });
        });
      });
    });
  }

  function planRectification(caseId: string, withContact: boolean, plan: number) {
    let version = 1;
    const start = simNow;
    const act = async (actor: Actor, action: string, body: Record<string, unknown>) => {
      const after = await performCaseAction(sim, actor, caseId, { action, version, input: body });
      version = after.version;
      report.rectificationActions++;
    };
    // Most are called back, rectified and verified; some appealed (申诉), a few left open.
    if (plan > 0.9) return;
    if (plan > 0.8) {
      later(start + 0.5 * DAY, async () => {
        await act(office, 'appeal', { reason: '经调取监控，工作人员已按规范办理，差评与事实不符。' });
        later(start + 2 * DAY, () => act(office, plan > 0.85 ? 'uphold_appeal' : 'reject_appeal', { decision: plan > 0.85 ? '申诉成立，该差评不计入统计。' : '申诉不成立，请继续整改。' }));
      });
      return;
    }
    const rectifyAt = start + (withContact ? 1 : 0.5) * DAY + plan * 3 * DAY;
    if (withContact) later(start + (2 + 10 * plan) * HOUR, () => act(office, 'record_callback', { reached: true, channel: 'phone', result: '已电话回访，向评价人致歉并说明整改措施。' }));
    later(rectifyAt, async () => {
      await act(office, 'rectify', { measure: '组织窗口人员学习服务规范，优化叫号流程。' });
      if (plan < 0.6) later(rectifyAt + DAY, () => act(office, 'verify', { note: '复核通过。' }));
    });
  }

  for (let e = agenda.pop(); e; e = agenda.pop()) {
    simNow = e.at;
    await e.run();
  }
  // The month was written with past timestamps: materialised figures of it must be recomputed.
  await forgetMaterialisedMonths(ctx, org.id);
  await forgetMaterialisedRatingMonths(ctx, org.id);
  return report;
}
