/**
 * Monthly coverage from the pack (RULES §4; issue 14 item 5): management checks per unit per
 * month (004:L214) and CCTV clip completeness per counter per working day (004:L116). Both read
 * the stored inspections; what counts, how many and by when are pack values. Unit heads see their
 * subtree, the offices the whole organisation.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, requireRole, type Actor } from '../../shared/access.js';
import { parseJson } from '../../shared/json.js';
import { dayPeriod, localDate, monthPeriod, type Period } from '../../shared/months.js';
import { workingDaysInRange } from '../../engines/calendar/index.js';
import { clipDay, minuteOfDay, type ClipReview, type ClipRule } from '../../engines/scoring/index.js';
import { businessHoursOf, cctvRuleOf, managementChecksOf } from '../../policy/index.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { listUnitsOfKinds } from '../units/service.js';
import * as repo from './repository.js';

const DAY = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * 管理人员每月抽查 (004:L214): every unit the rule names, in the caller's scope, with its count of
 * counting checks in the local month and whether it falls short (a gap).
 */
export async function managementCoverage(ctx: AppContext, actor: Actor, options: { month: string }) {
  requireRole(actor, managers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const rule = managementChecksOf(pack);
  if (!rule) throw new AppError('no_management_check_rule');
  const period = monthPeriod(options.month, businessHoursOf(pack).utcOffsetMinutes);
  const [units, counts] = await Promise.all([
    listUnitsOfKinds(ctx, actor, rule.unitKinds),
    repo.countChecksPerUnit(ctx.db.kysely, { orgId: actor.orgId, from: period.start, to: period.end, kinds: rule.kinds, templates: rule.templates, scopePath: actor.scopePath }),
  ]);
  const items = units.map((u) => {
    const c = counts.get(u.id);
    const checks = c?.count ?? 0;
    return { unitId: u.id, code: u.code, name: u.name, kind: u.kind, checks, lastCheckAt: c ? iso(c.lastAt) : null, gap: checks < rule.perMonth };
  });
  // Gaps first, then in tree order.
  items.sort((a, b) => Number(b.gap) - Number(a.gap));
  return { month: options.month, rule, units: items.length, gaps: items.filter((i) => i.gap).length, items };
}

/** The cctv-clips template's stable item and metric codes (src/policy/presets/templates/cctv-clips.ts). */
const CLIP_ITEMS = { morning: 'morning_clips', afternoon: 'afternoon_clips', finished: 'done_by_15' } as const;
const CLIP_METRICS = { clips: 'clips', finishedAt: 'finished_at' } as const;

type Observation = { metric: string; value: number };

/** One review's clips and finishing second from its item rows; without a finished_at the review's own time counts. */
function reviewOf(rows: { item: string | null; observations: string | null }[], performedAt: number, offsetMinutes: number): ClipReview {
  const sum = (item: string, metric: string) =>
    rows.filter((r) => r.item === item).flatMap((r) => parseJson<Observation[]>(r.observations ?? '[]', [])).filter((o) => o.metric === metric).reduce((n, o) => n + o.value, 0);
  const finished = rows.filter((r) => r.item === CLIP_ITEMS.finished).flatMap((r) => parseJson<Observation[]>(r.observations ?? '[]', [])).filter((o) => o.metric === CLIP_METRICS.finishedAt);
  const localSecond = Math.floor((((performedAt + offsetMinutes * 60_000) % DAY) + DAY) % DAY / 1000);
  return {
    morning: sum(CLIP_ITEMS.morning, CLIP_METRICS.clips),
    afternoon: sum(CLIP_ITEMS.afternoon, CLIP_METRICS.clips),
    finishedSecond: finished.length ? Math.max(...finished.map((o) => o.value * 60)) : localSecond,
  };
}

function hhmm(second: number | null): string | null {
  if (second === null) return null;
  const m = Math.floor(second / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * 监控录像采摘 (004:L116): each counter in the caller's scope on each working day of the month (or
 * of one date) up to today: its clips in the morning and afternoon, when they were finished,
 * complete or what is missing. Only working days count (the calendar with its 调休 make-up
 * days); today is pending until the cut-off. Times are the organisation's local time.
 */
export async function cctvCoverage(ctx: AppContext, actor: Actor, options: { month?: string; date?: string }) {
  requireRole(actor, managers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const rule = cctvRuleOf(pack);
  if (!rule) throw new AppError('no_cctv_rule');
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const period: Period = options.date ? dayPeriod(options.date, offset) : monthPeriod(options.month!, offset);
  const now = ctx.clock.now();
  const today = localDate(now, offset);
  const cal = await calendarForOrganisation(ctx, actor.orgId);
  const last = period.to < today ? period.to : today;
  const days = last < period.from ? [] : workingDaysInRange(cal, period.from, last);
  const clipRule: ClipRule = { clipsPerDay: rule.clipsPerDay, morningClips: rule.morningClips, afternoonClips: rule.afternoonClips, doneByMinute: minuteOfDay(rule.doneBy) };
  const cutoffToday = dayPeriod(today, offset).start + clipRule.doneByMinute * 60_000;

  const [counters, rows] = await Promise.all([
    listUnitsOfKinds(ctx, actor, [rule.counterKind]),
    repo.findClipReviews(ctx.db.kysely, { orgId: actor.orgId, from: period.start, to: period.end, template: rule.template, kind: 'video_review', items: Object.values(CLIP_ITEMS), scopePath: actor.scopePath }),
  ]);
  // Reviews per counter and local date.
  const byInspection = new Map<string, { unitId: string; performedAt: number; rows: { item: string | null; observations: string | null }[] }>();
  for (const r of rows) {
    const e = byInspection.get(r.id) ?? { unitId: r.unit_id, performedAt: Number(r.performed_at), rows: [] };
    e.rows.push(r);
    byInspection.set(r.id, e);
  }
  const reviews = new Map<string, ClipReview[]>();
  for (const e of byInspection.values()) {
    const key = `${e.unitId}|${localDate(e.performedAt, offset)}`;
    reviews.set(key, [...(reviews.get(key) ?? []), reviewOf(e.rows, e.performedAt, offset)]);
  }

  let complete = 0;
  let incomplete = 0;
  let pending = 0;
  const items = counters.map((c) => {
    const gaps = [];
    let done = 0;
    for (const date of days) {
      const d = clipDay(clipRule, reviews.get(`${c.id}|${date}`) ?? []);
      if (d.complete) {
        done++;
        continue;
      }
      // Today before the cut-off: not late yet, only not finished.
      const state = date === today && now <= cutoffToday ? 'pending' : 'incomplete';
      if (state === 'pending') pending++;
      else incomplete++;
      gaps.push({ date, state, morning: d.morning, afternoon: d.afternoon, clips: d.clips, reviews: d.reviews, finishedAt: hhmm(d.finishedSecond), onTime: d.onTime, missing: d.missing });
    }
    complete += done;
    return { unitId: c.id, code: c.code, name: c.name, completeDays: done, incompleteDays: gaps.filter((g) => g.state === 'incomplete').length, gaps };
  });
  items.sort((a, b) => b.incompleteDays - a.incompleteDays);
  return {
    ...(options.date ? { date: options.date } : { month: options.month }),
    rule,
    today,
    workingDays: days,
    counters: items.length,
    summary: { counterDays: items.length * days.length, complete, incomplete, pending },
    items,
  };
}
