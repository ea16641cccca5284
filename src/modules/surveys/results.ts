import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { requireInOrder } from '../../shared/fields.js';
import { isUnitScoped, requireRole, type Actor } from '../../shared/access.js';
import { percent } from '../../engines/metrics/index.js';
import { ratingSettings, ratingThresholds } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { definitionOf, loadSurveyInScope, localToday, resultReaders } from './service.js';
import { judgeThreshold, satisfactionQuestionOf, satisfactionRate, tallyQuestion } from './tally.js';
import type { coverageQuery, resultsQuery } from './schema.js';
import * as repo from './repository.js';

/**
 * Results of one survey between two dates (default: from its start to its end or today): per
 * question counts and percentages (five-level: % positive / % negative at the pack's levels, NHS FFT style; NPS), each
 * flagged `smallSample` under the pack's minimum sample (30 by default), the latest free-text answers (paged), the satisfaction rate and
 * the pack's thresholds on it — the hospital's canteen survey is judged against "< 60 %" (003:L248).
 */
export async function surveyResults(ctx: AppContext, actor: Actor, id: string, query: z.infer<typeof resultsQuery>) {
  requireRole(actor, resultReaders);
  const survey = await loadSurveyInScope(ctx, actor, id);
  const def = definitionOf(survey);
  const from = query.from ?? survey.starts_on;
  const to = query.to ?? survey.ends_on ?? (await localToday(ctx, actor.orgId, ctx.clock.now()));
  requireInOrder(from, to, 'querystring.from');
  const db = ctx.db.kysely;
  const [choices, answered, responses] = await Promise.all([
    repo.countChoices(db, survey.id, from, to),
    repo.countAnswered(db, survey.id, from, to),
    repo.countResponses(db, [survey.id], from, to),
  ]);
  const byQuestion = new Map<string, Map<string, number>>();
  for (const c of choices) {
    if (!byQuestion.has(c.questionId)) byQuestion.set(c.questionId, new Map());
    byQuestion.get(c.questionId)!.set(c.choice, c.n);
  }
  const countsOf = (qid: string) => byQuestion.get(qid) ?? new Map<string, number>();
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const settings = ratingSettings(pack);
  const offset = (query.textPage - 1) * query.textPageSize;
  const questions = await Promise.all(
    def.questions.map(async (q) => {
      const tally = tallyQuestion(q, countsOf(q.id), answered.get(q.id) ?? 0, { minSample: settings.minSampleSize, levels: settings.satisfaction });
      if (q.type !== 'text') return tally;
      const rows = await repo.latestTexts(db, survey.id, q.id, from, to, query.textPageSize, offset);
      return {
        ...tally,
        latest: {
          items: rows.map((r) => ({ text: r.answer_text, date: r.answered_date, at: new Date(Number(r.answered_at)).toISOString() })),
          total: answered.get(q.id) ?? 0,
          page: query.textPage,
          pageSize: query.textPageSize,
        },
      };
    }),
  );

  const sq = satisfactionQuestionOf(def);
  const satisfied = sq ? satisfactionRate(countsOf(sq.id), settings.satisfaction.satisfiedLevels) : null;
  // Only thresholds on survey satisfaction whose subject is this survey's (nothing hard-coded here).
  const thresholds = survey.subject && satisfied ? ratingThresholds(pack).filter((t) => t.metric === 'surveySatisfaction' && t.subject === survey.subject) : [];
  return {
    survey: { id: survey.id, title: def.title, subject: survey.subject, unitId: survey.unit_id, cycle: survey.cycle },
    from,
    to,
    responses: responses.get(survey.id) ?? 0,
    minSampleSize: settings.minSampleSize,
    satisfaction: sq && satisfied
      ? {
          questionId: sq.id,
          satisfied: satisfied.numerator,
          answered: satisfied.denominator,
          percent: percent(satisfied),
          basicSatisfiedCounts: settings.basicSatisfiedCountsAsSatisfied,
          smallSample: satisfied.denominator < settings.minSampleSize,
        }
      : null,
    thresholds: thresholds.map((t) => judgeThreshold(t, satisfied!)),
    questions,
  };
}

function monthRange(year: number, month: number) {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { key: `${year}-${mm}`, from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

function quarterRange(year: number, quarter: number) {
  const first = monthRange(year, quarter * 3 - 2);
  const last = monthRange(year, quarter * 3);
  return { key: `${year}-Q${quarter}`, from: first.from, to: last.to };
}

/**
 * Where a survey stands in a period: `done` with a response; with none, `pending` while the period
 * (or the survey, if it ends first) is still running at the organisation's today, then `missing`.
 */
export type CoverageState = 'done' | 'pending' | 'missing';

function coverageState(responses: number, lastDay: string, today: string): CoverageState {
  return responses > 0 ? 'done' : today > lastDay ? 'missing' : 'pending';
}

const worst = (states: CoverageState[]): CoverageState => (states.includes('missing') ? 'missing' : states.includes('pending') ? 'pending' : 'done');

/**
 * 漏调查: for a month (2026-11) the monthly surveys running in it and the quarterly surveys of its
 * quarter; for a quarter (2026-Q4) the quarterly surveys. A survey with no response is `pending`
 * until its period has ended (app clock) and `missing` after; a unit takes the worst state of its
 * surveys. Units without a running survey are not listed.
 */
export async function surveyCoverage(ctx: AppContext, actor: Actor, query: z.infer<typeof coverageQuery>) {
  requireRole(actor, resultReaders);
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const today = await localToday(ctx, actor.orgId, ctx.clock.now());
  const year = Number(query.period.slice(0, 4));
  const isQuarter = query.period[5] === 'Q';
  const quarter = isQuarter ? Number(query.period[6]) : Math.ceil(Number(query.period.slice(5, 7)) / 3);
  const ranges = [
    ...(isQuarter ? [] : [{ cycle: 'monthly', ...monthRange(year, Number(query.period.slice(5, 7))) }]),
    { cycle: 'quarterly', ...quarterRange(year, quarter) },
  ];
  const base = { orgId: actor.orgId, scopePath: isUnitScoped(actor.role) ? actor.scopePath : null, unitPath };
  type Entry = { surveyId: string; title: unknown; cycle: string; period: string; from: string; to: string; responses: number; state: CoverageState; missing: boolean };
  const entries: { unitId: string; survey: Entry }[] = [];
  for (const r of ranges) {
    const surveys = await repo.findRunningSurveys(ctx.db.kysely, { ...base, cycle: r.cycle, from: r.from, to: r.to });
    const counts = await repo.countResponses(ctx.db.kysely, surveys.map((s) => s.id), r.from, r.to);
    for (const s of surveys) {
      const responses = counts.get(s.id) ?? 0;
      const lastDay = s.ends_on !== null && s.ends_on < r.to ? s.ends_on : r.to;
      const state = coverageState(responses, lastDay, today);
      entries.push({ unitId: s.unit_id, survey: { surveyId: s.id, title: definitionOf(s).title, cycle: s.cycle, period: r.key, from: r.from, to: r.to, responses, state, missing: state === 'missing' } });
    }
  }
  const units = new Map<string, { unitId: string; unitCode: string; unitName: string; unitPath: string; state: CoverageState; missing: boolean; surveys: Entry[] }>();
  for (const e of entries) {
    let u = units.get(e.unitId);
    if (!u) {
      const unit = await requireUnitInOrg(ctx, actor.orgId, e.unitId);
      u = { unitId: unit.id, unitCode: unit.code, unitName: unit.name, unitPath: unit.path, state: 'done', missing: false, surveys: [] };
      units.set(e.unitId, u);
    }
    u.surveys.push(e.survey);
    u.state = worst(u.surveys.map((x) => x.state));
    u.missing = u.state === 'missing';
  }
  const items = [...units.values()].sort((a, b) => a.unitPath.localeCompare(b.unitPath)).map(({ unitPath: _path, ...rest }) => rest);
  return { period: query.period, today, items, missingUnits: items.filter((i) => i.state === 'missing').length, pendingUnits: items.filter((i) => i.state === 'pending').length };
}
