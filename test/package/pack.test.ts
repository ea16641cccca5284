/**
 * The library as an integrator gets it: `npm pack`, the tarball unpacked into a scratch project
 * elsewhere, and every entry point in package.json's `exports` imported from there — by Node,
 * with real behaviour asserted, and by TypeScript (nodenext), with the shipped declarations.
 *
 * The scratch project gets the tarball's contents and nothing else from the package's
 * dependencies except those an entry point declares below: `npm install <tarball>` would install
 * all of them (fastify, kysely, better-sqlite3, …) from the network, and an engine must not need
 * them. A resolve hook records what the package's own files import, so an entry point that
 * reaches the server, the database or an undeclared package fails here by name.
 *
 * Adding an entry point (e.g. `youzhi/scoring`): one line in src/index.ts, one entry in
 * package.json `exports`, one entry in `entryPoints` below.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingPostgres } from '../support/context.js';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown>; dependencies: Record<string, string> };

interface EntryPoint {
  /** Packages the entry point's own files load at runtime (each must be a dependency of youzhi). */
  needs: string[];
  /** An ES module run in the scratch project; it asserts with node:assert and prints `ok`. */
  run: string;
  /** TypeScript checked with `tsc --strict --module nodenext` in the scratch project. */
  types: string;
}

/** The shipped holiday data: chinese-days is a dependency of youzhi, installed next to it. */
const holidays = `
  import { createRequire } from 'node:module';
  const holidayData = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');`;

const entryPoints: Record<string, EntryPoint> = {
  './calendar': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      ${holidays}
      import { addWorkingDays, createWorkCalendar, describeDay, fromChineseDaysData, isWorkingDay, workingDaysBetween, CalendarYearMissingError } from 'youzhi/calendar';
      const cal = createWorkCalendar({ schedule: fromChineseDaysData(holidayData) });
      // 国庆 2026: 1–7 October off, Saturday 10 October a make-up working day.
      assert.equal(addWorkingDays(cal, '2026-09-30', 5), '2026-10-13');
      assert.equal(describeDay(cal, '2026-10-01').reason, 'statutory_holiday');
      assert.equal(describeDay(cal, '2026-10-10').reason, 'makeup_workday');
      assert.equal(isWorkingDay(cal, '2026-10-10'), true);
      assert.equal(workingDaysBetween(cal, '2026-09-30', '2026-10-13'), 5);
      assert.throws(() => addWorkingDays(cal, '2099-01-05', 1), CalendarYearMissingError);
      console.log('ok');`,
    types: `
      import { addWorkingDays, createWorkCalendar, type NationalSchedule, type WorkCalendar, type DayDescription, describeDay } from 'youzhi/calendar';
      const schedule: NationalSchedule = { years: [2026], offDays: ['2026-10-01'], workdays: ['2026-10-10'] };
      const cal: WorkCalendar = createWorkCalendar({ schedule });
      export const due: string = addWorkingDays(cal, '2026-09-30', 5);
      export const day: DayDescription = describeDay(cal, due);
      // @ts-expect-error the number of working days is a number
      addWorkingDays(cal, '2026-09-30', '5');`,
  },
  './sla': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      ${holidays}
      import { createWorkCalendar, fromChineseDaysData } from 'youzhi/calendar';
      import { evaluateClock, pauseClock, resumeClock, startClock, stopClock } from 'youzhi/sla';
      const cal = createWorkCalendar({ schedule: fromChineseDaysData(holidayData) });
      const def = { id: 'reply', duration: { amount: 5, unit: 'working_days' }, severelyOverdue: { mode: 'multiple', factor: 2 }, escalations: [] };
      const at = (s) => Date.parse(s + '+08:00');
      const run = startClock(at('2026-09-30T10:00'));
      const status = evaluateClock(cal, def, run, at('2026-10-14T10:00'));
      assert.equal(status.dueDate, '2026-10-13');
      assert.equal(status.state, 'running');
      assert.equal(status.lateness, 'overdue');
      // Paused over two working days (12 and 13 October): the deadline moves two working days on.
      const paused = resumeClock(pauseClock(run, at('2026-10-12T09:00')), at('2026-10-14T09:00'));
      assert.equal(evaluateClock(cal, def, paused, at('2026-10-14T10:00')).lateness, 'on_time');
      const stopped = evaluateClock(cal, def, stopClock(run, at('2026-10-09T11:00')), at('2026-10-20T10:00'));
      assert.deepEqual([stopped.state, stopped.met, stopped.lateness], ['stopped', true, 'on_time']);
      console.log('ok');`,
    types: `
      import type { WorkCalendar } from 'youzhi/calendar';
      import { evaluateClock, startClock, type ClockDefinition, type ClockRun, type ClockStatus, type Lateness } from 'youzhi/sla';
      declare const cal: WorkCalendar;
      const def: ClockDefinition = { id: 'reply', duration: { amount: 5, unit: 'working_days' }, severelyOverdue: { mode: 'multiple', factor: 2 }, escalations: [] };
      const run: ClockRun = startClock(0);
      export const status: ClockStatus = evaluateClock(cal, def, run, 1);
      export const lateness: Lateness = status.lateness;
      // @ts-expect-error not a duration unit
      export const bad: ClockDefinition = { ...def, duration: { amount: 1, unit: 'fortnights' } };`,
  },
  './metrics': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { meetsThreshold, netPromoterScore, percent, rate, ratingRates, satisfactionOptions } from 'youzhi/metrics';
      const rates = ratingRates({ 5: 6, 4: 2, 3: 1, 2: 0, 1: 1 }, 20, satisfactionOptions({ basicSatisfiedCounts: false }));
      assert.equal(rates.ratings, 10);
      assert.deepEqual([rates.satisfactionRate.numerator, rates.satisfactionRate.denominator], [8, 10]);
      assert.equal(percent(rates.ratingRate), 50);
      assert.equal(meetsThreshold(rate(9, 10), 'gte', 0.9), true);
      assert.equal(meetsThreshold(rate(0, 0), 'gte', 0.9), null);
      assert.equal(netPromoterScore({ 10: 6, 8: 2, 3: 2 }).score, 40);
      console.log('ok');`,
    types: `
      import { rate, ratingRates, satisfactionOptions, type LevelCounts, type Rate, type RatingRates } from 'youzhi/metrics';
      const counts: LevelCounts = { 5: 1 };
      export const r: Rate = rate(1, 2);
      export const rr: RatingRates = ratingRates(counts, null, satisfactionOptions({ basicSatisfiedCounts: true }));
      // @ts-expect-error a rate's value may be null
      export const v: number = r.value;`,
  },
  './workflow': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { applyAction, availableActions, isClosedStatus, validateWorkflow, WorkflowError } from 'youzhi/workflow';
      const def = {
        type: 'complaint',
        initial: 'open',
        startClocks: ['reply'],
        states: { open: { label: { zh: '待办', en: 'Open' } }, closed: { label: { zh: '已办结', en: 'Closed' }, closed: true } },
        actions: {
          close: { label: { zh: '办结', en: 'Close' }, from: ['open'], to: 'closed', roles: ['staff'], clocks: { stop: ['reply'] } },
          note: { label: { zh: '备注', en: 'Note' }, from: 'any_open' },
        },
      };
      assert.deepEqual(validateWorkflow(def), []);
      const result = applyAction(def, { status: 'open', data: {} }, 'close', 'staff');
      assert.deepEqual([result.from, result.to, result.clocks.stop], ['open', 'closed', ['reply']]);
      assert.equal(isClosedStatus(def, result.to), true);
      assert.deepEqual(availableActions(def, { status: 'open', data: {} }, 'inspector'), ['note']);
      assert.throws(() => applyAction(def, { status: 'closed', data: {} }, 'close', 'staff'), (e) => e instanceof WorkflowError && e.code === 'invalid_transition');
      assert.deepEqual(validateWorkflow({ ...def, initial: 'nowhere' }), ['initial state nowhere is not defined']);
      console.log('ok');`,
    types: `
      import { applyAction, type TransitionResult, type WorkflowDefinition } from 'youzhi/workflow';
      const def: WorkflowDefinition<'open' | 'closed'> = {
        type: 'complaint', initial: 'open', startClocks: [],
        states: { open: { label: { zh: '待办', en: 'Open' } }, closed: { label: { zh: '已办结', en: 'Closed' }, closed: true } },
        actions: { close: { label: { zh: '办结', en: 'Close' }, from: ['open'], to: 'closed' } },
      };
      export const result: TransitionResult = applyAction(def, { status: 'open', data: {} }, 'close', 'staff');
      // @ts-expect-error 'archived' is not one of the workflow's states
      export const bad: WorkflowDefinition<'open' | 'closed'> = { ...def, initial: 'archived' };`,
  },
  './scoring': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { scoreInspection, validateTemplate, ScoringInputError } from 'youzhi/scoring';
      const label = { zh: '项', en: 'item' };
      const template = {
        code: 'scorecard', label, mode: 'deduct', fullMark: 10,
        sections: [{ code: 'all', label, items: [
          { code: 'service', label, points: 1, per: 'case', deduction: 0.1, metrics: [{ code: 'window_wait', label, unit: 'minutes', failsWhen: '>', threshold: 10 }] },
          { code: 'fees', label, points: 1, per: 'case', deduction: 0.2 },
        ] }],
      };
      assert.equal(validateTemplate(template).ok, true);
      // 004:L202–204: waits 9, 10, 13 and three fee cases → 10 − 0.1 − 0.6 = 9.3, exactly
      const r = scoreInspection({ template, results: [
        { item: 'service', observations: [9, 10, 13].map((value) => ({ metric: 'window_wait', value })) },
        { item: 'fees', cases: 3 },
      ] });
      assert.deepEqual([r.score, r.maxScore, r.items.map((i) => i.deduction)], [9.3, 10, [0.1, 0.6]]);
      assert.throws(() => scoreInspection({ template, results: [{ item: 'nope' }] }), (e) => e instanceof ScoringInputError && e.code === 'scoring_invalid' && e.issues[0].reason === 'unknown_item');
      console.log('ok');`,
    types: `
      import { scoreInspection, type ScoreResult, type ScoringTemplate } from 'youzhi/scoring';
      const label = { zh: '项', en: 'item' };
      const template: ScoringTemplate = { code: 't', label, mode: 'earn', sections: [{ code: 's', label, items: [{ code: 'badge', label, points: 5, per: 'failure' }] }] };
      export const r: ScoreResult = scoreInspection({ template, results: [{ item: 'badge', pass: false }] });
      // @ts-expect-error not a boundary
      export const bad: ScoringTemplate['sections'][0]['items'][0]['metrics'] = [{ code: 'm', label, unit: 'count', failsWhen: '==', threshold: 1 }];`,
  },
  './rules': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { evaluateRule, RuleError } from 'youzhi/rules';
      const label = { zh: '未完成阶段目标', en: 'Stage target missed' };
      const rule = {
        code: 'psbc.stage_target', kind: 'formula', direction: 'fine', targets: ['unit'], label, citation: '003:L427',
        baseFen: 100000, perPointFen: 20000, target: { byStage: { 1: 92, 2: 95 } }, boundary: 'strict',
        facts: [{ name: 'stage', type: 'string', required: true, label }, { name: 'score', type: 'decimal', required: true, label }],
      };
      // 003:L428 考核=1000+(目标分值-得分)200元: stage 1, score 89 → 1,600 元; at 92 nothing
      const r = evaluateRule(rule, { stage: 1, score: 89 });
      assert.deepEqual([r.amountFen, r.shares], [160000, [{ target: 'unit', count: 1, amountFenEach: 160000 }]]);
      assert.equal(evaluateRule(rule, { stage: 1, score: 92 }).amountFen, 0);
      assert.throws(() => evaluateRule(rule, { stage: 1 }), (e) => e instanceof RuleError && e.code === 'fact_missing' && e.field === 'score');
      console.log('ok');`,
    types: `
      import { evaluateRule, type RuleEvaluation, type SanctionRule } from 'youzhi/rules';
      const label = { zh: '大声喧哗', en: 'Loud noise' };
      const rule: SanctionRule = { code: 'feixian.loud_noise', kind: 'per_person_present', direction: 'fine', targets: ['person'], amountFen: 10000, label, citation: '004:L177', facts: [] };
      export const r: RuleEvaluation = evaluateRule(rule, { present: 4 });
      // @ts-expect-error not a target
      export const bad: SanctionRule['targets'] = ['everyone'];`,
  },
  './campaigns': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { activePhases, lateDays, resolveSchedule } from 'youzhi/campaigns';
      // issue 18: due 31 March, submitted 1 April → one day late; 上旬 and 中旬 of a month do not overlap (RULES §8)
      assert.equal(lateDays('2026-03-31', '2026-04-01'), 1);
      const r = resolveSchedule(2026, [
        { code: 'a', timing: { from: { month: 4, part: 'early' }, to: { month: 4, part: 'early' } } },
        { code: 'b', timing: { from: { month: 4, part: 'mid' }, to: { month: 4, part: 'mid' } } },
      ]);
      assert.ok(r.ok);
      assert.deepEqual(activePhases(r.phases, '2026-04-10').map((p) => p.code), ['a']);
      console.log('ok');`,
    types: `
      import { resolveSchedule, type PhaseSpec, type ResolveScheduleResult } from 'youzhi/campaigns';
      const phases: PhaseSpec[] = [{ code: 'a', timing: { from: { month: 2, part: 'late' }, to: { month: 3, part: 'early' } } }];
      export const r: ResolveScheduleResult = resolveSchedule(2013, phases);
      // @ts-expect-error not a part of a month
      export const bad: PhaseSpec = { code: 'x', timing: { from: { month: 2, part: 'first' }, to: { month: 2, part: 'early' } } };`,
  },
  './selection': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { countVotes, fractionOfHeadcount, rankCandidates } from 'youzhi/selection';
      // issue 16: 文明服务标兵 are 1/10 of a department's headcount (001:L209), rounded half up
      const limit = { numerator: 1, denominator: 10, minimum: 1, rounding: 'half_up' };
      assert.equal(fractionOfHeadcount(30, limit), 3);
      assert.equal(fractionOfHeadcount(25, limit), 3);
      assert.equal(fractionOfHeadcount(4, limit), 1);
      assert.equal(typeof countVotes, 'function');
      assert.equal(typeof rankCandidates, 'function');
      console.log('ok');`,
    types: `
      import { fractionOfHeadcount, type Rounding } from 'youzhi/selection';
      const rounding: Rounding = 'half_up';
      export const n: number = fractionOfHeadcount(30, { numerator: 1, denominator: 10, minimum: 1, rounding });
      // @ts-expect-error not a rounding
      export const bad: Rounding = 'bankers';`,
  },
  './indicators': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { scoreCompetition } from 'youzhi/indicators';
      const L = (zh) => ({ zh, en: zh });
      // issue 18 (001:L927, L933): checks 92, 88, 95, 85 of weight 20 → 18.00; r = 1.6 of weight 10 → 12.00 (1.2 × weight)
      const def = {
        code: 'c', label: L('竞赛'), capMultiple: '1.2', undefinedRatioShare: '0.8',
        blocks: [{ code: 'q', label: L('服务质量'), weight: 40 }, { code: 's', label: L('营销业绩'), weight: 40 }],
        indicators: [
          { code: 'mystery', label: L('神秘人'), block: 'q', kind: 'average', weight: 20, fullMark: 100, inputs: ['c1', 'c2', 'c3', 'c4'] },
          { code: 'vip', label: L('贵宾增量'), block: 's', kind: 'ratio', weight: 10, terms: ['increment'], factors: ['0.8'] },
        ],
      };
      const unit = scoreCompetition(def, [{ unitId: 'u1', values: { mystery: { c1: 92, c2: 88, c3: 95, c4: 85 }, vip: { unit_increment: '16', bank_increment: '10' } } }]).units[0];
      const score = (code) => unit.indicators.find((i) => i.code === code).score;
      assert.deepEqual([score('mystery'), score('vip')], ['18.00', '12.00']);
      console.log('ok');`,
    types: `
      import { scoreCompetition, type CompetitionDefinition, type CompetitionScores } from 'youzhi/indicators';
      const def: CompetitionDefinition = { code: 'c', label: { zh: '竞赛', en: 'c' }, capMultiple: '1.2', undefinedRatioShare: '0.8', blocks: [], indicators: [] };
      export const r: CompetitionScores = scoreCompetition(def, []);
      // @ts-expect-error not an indicator kind
      export const bad: CompetitionDefinition['indicators'][0]['kind'] = 'guess';`,
  },
  './appraisal': {
    needs: [],
    run: `
      import assert from 'node:assert/strict';
      import { periodOf, starFor } from 'youzhi/appraisal';
      // 000:L115 挂星上岗: a total of 95 reaches the five-star grade (以上 inclusive)
      const grades = [{ stars: 5, atLeast: '95', payCoefficient: '1.2', label: { zh: '五星', en: 'Five stars' } }];
      assert.equal(starFor('95', grades).stars, 5);
      assert.deepEqual(periodOf('monthly', '2026-11'), { kind: 'monthly', label: '2026-11', from: '2026-11-01', to: '2026-11-30' });
      console.log('ok');`,
    types: `
      import { starFor, type StarGrade, type PeriodKind } from 'youzhi/appraisal';
      export const s: StarGrade | null = starFor('90', []);
      // @ts-expect-error not a period kind
      export const bad: PeriodKind = 'daily';`,
  },
  './policy': {
    needs: ['zod'],
    run: `
      import assert from 'node:assert/strict';
      import { clockFor, listPresetSectors, policyPackSchema, presetFor, ratingThresholds, resolvePolicy, validatePolicyOverrides, PolicyInvalidError } from 'youzhi/policy';
      assert.deepEqual([...listPresetSectors()].sort(), ['bank', 'hall', 'hospital', 'utility']);
      const hall = presetFor('hall');
      assert.equal(policyPackSchema.safeParse(hall).success, true);
      const reply = clockFor(hall, 'complaint', 'reply');
      assert.deepEqual(reply.duration, { amount: 5, unit: 'working_days' });
      assert.ok(ratingThresholds(hall).length > 0);
      const invalid = validatePolicyOverrides('hall', { ratings: { nope: 1 } });
      assert.equal(invalid.ok, false);
      assert.equal(invalid.issues[0].path, 'ratings.nope');
      assert.throws(() => resolvePolicy('hall', { ratings: { nope: 1 } }), PolicyInvalidError);
      assert.equal(policyPackSchema.safeParse({ ...hall, cases: 'none' }).success, false);
      console.log('ok');`,
    types: `
      import { clockFor, presetFor, validatePolicyOverrides, type PolicyPack, type PolicyValidation, type ResolvedClock, type Sector } from 'youzhi/policy';
      const sector: Sector = 'hospital';
      const pack: PolicyPack = presetFor(sector);
      export const clock: ResolvedClock = clockFor(pack, 'complaint', 'reply');
      export const validation: PolicyValidation = validatePolicyOverrides(sector, {});
      // @ts-expect-error not a sector
      presetFor('casino');`,
  },
  '.': {
    needs: ['zod'],
    run: `
      import assert from 'node:assert/strict';
      ${holidays}
      import { calendar, metrics, policy, rules, scoring, sla, workflow } from 'youzhi';
      import { addWorkingDays } from 'youzhi/calendar';
      assert.equal(calendar.addWorkingDays, addWorkingDays, 'one module instance behind the root and the subpath');
      // The pack's hospital scorecard scores on the engine (004:L202–204).
      const card = policy.findInspectionTemplate(policy.presetFor('hospital'), 'hospital-scorecard');
      assert.equal(scoring.scoreInspection({ template: card, results: [{ item: 'fees', cases: 3 }] }).score, 9.4);
      assert.equal(typeof workflow.applyAction, 'function');
      assert.equal(typeof rules.evaluateRule, 'function');
      assert.equal(metrics.percent(metrics.rate(1, 4)), 25);
      // The pack's clock runs on the calendar: a complaint received on 30 September 2026 in a hall.
      const cal = calendar.createWorkCalendar({ schedule: calendar.fromChineseDaysData(holidayData), hours: policy.businessHoursOf(policy.presetFor('hall')) });
      const def = policy.clockFor(policy.presetFor('hall'), 'complaint', 'reply');
      const status = sla.evaluateClock(cal, def, sla.startClock(Date.parse('2026-09-30T10:00+08:00')), Date.parse('2026-10-09T10:00+08:00'));
      assert.deepEqual([status.dueDate, status.lateness], ['2026-10-13', 'on_time']);
      console.log('ok');`,
    types: `
      import { calendar, metrics, policy, sla, workflow } from 'youzhi';
      export const cal: calendar.WorkCalendar = calendar.createWorkCalendar({ schedule: { years: [2026], offDays: [], workdays: [] } });
      export const r: metrics.Rate = metrics.rate(1, 2);
      export const pack: policy.PolicyPack = policy.presetFor('bank');
      export const run: sla.ClockRun = sla.startClock(0);
      export type Def = workflow.WorkflowDefinition;
      // @ts-expect-error the namespaces keep their own names apart
      export const clash: calendar.Period = { start: '09:00' };`,
  },
};

const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const specifier = (subpath: string) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);

/** Folders of dist/ that are the application, never an engine's business. */
const applicationDirs = ['server', 'db', 'modules', 'cli', 'jobs', 'demo'];

let scratch = '';
let tarball = '';
let packed: string[] = [];

/** Runs a program and returns its stdout; asynchronous, so the test worker keeps answering vitest meanwhile. */
async function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await promisify(execFile)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The package a file URL belongs to (the last node_modules segment), or null for a builtin. */
function packageOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const parts = fileURLToPath(url).split(path.sep);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return '(outside node_modules)';
  return parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
}

/** Nothing here touches a database: it runs once, in the SQLite pass. */
describe.skipIf(usingPostgres)('the packed package', () => {
  beforeAll(async () => {
    // Compile the server when src/ is newer than dist/ (a no-op after `npm install` / `npm run build`); the web app is not needed here.
    await sh(process.execPath, [path.join(root, 'scripts/build.mjs'), '--server'], root, { ...process.env, NODE_ENV: 'production' });

    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-pack-')));
    // --ignore-scripts: `prepare` would rebuild; dist/ is fresh from the step above.
    const out = JSON.parse(await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root)) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(scratch, out[0].filename);
    packed = out[0].files.map((f) => f.path);

    const project = path.join(scratch, 'project');
    const modules = path.join(project, 'node_modules');
    fs.mkdirSync(modules, { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    await sh('tar', ['-xzf', tarball, '-C', modules], project);
    fs.renameSync(path.join(modules, 'package'), path.join(modules, pkg.name));
    // The runtime dependencies the entry points declare, and the holiday data, from this repository's node_modules.
    const linked = new Set([...Object.values(entryPoints).flatMap((e) => e.needs), 'chinese-days']);
    for (const dep of linked) fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules', dep)), path.join(modules, dep), 'dir');

    // Records every import the package's own files make (parent → resolved URL).
    fs.writeFileSync(
      path.join(project, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
       export async function resolve(specifier, context, next) {
         const result = await next(specifier, context);
         if (process.env.IMPORT_LOG) appendFileSync(process.env.IMPORT_LOG, JSON.stringify({ from: context.parentURL ?? '', to: result.url }) + '\\n');
         return result;
       }`,
    );
    fs.writeFileSync(path.join(project, 'record-imports.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  }, 600_000);

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('every entry point in package.json exports has a check here, and src/index.ts re-exports each engine', () => {
    expect([...subpaths].sort()).toEqual(Object.keys(entryPoints).sort());
    const index = fs.readFileSync(path.join(root, 'src/index.ts'), 'utf8');
    for (const subpath of subpaths.filter((s) => s !== '.')) {
      const target = (pkg.exports[subpath] as { default: string }).default.replace(/^\.\/dist\//, './');
      expect(index, `src/index.ts re-exports ${subpath}`).toContain(`export * as ${subpath.slice(2)} from '${target}'`);
    }
    for (const dep of Object.values(entryPoints).flatMap((e) => e.needs)) expect(Object.keys(pkg.dependencies), `${dep} is a dependency`).toContain(dep);
  });

  it('ships the compiled code with declarations, the bin and the web app build; no build state or tests', () => {
    expect(packed).toContain('bin/youzhi.js');
    expect(packed).toContain('dist/cli/run.js');
    expect(packed).toContain('dist/db/migrate.js');
    for (const subpath of subpaths) {
      const target = pkg.exports[subpath] as { types: string; default: string };
      expect(packed).toContain(target.default.slice(2));
      expect(packed).toContain(target.types.slice(2));
    }
    if (fs.existsSync(path.join(root, 'web/dist/index.html'))) expect(packed).toContain('web/dist/index.html');
    expect(packed.filter((f) => /\.tsbuildinfo$|\/\.built$|\.test\.|^src\/|^test\/|^e2e\//.test(f))).toEqual([]);
  });

  it.each(subpaths)('%s imports from the tarball and works, loading only its declared dependencies', async (subpath) => {
    const project = path.join(scratch, 'project');
    const log = path.join(scratch, `imports-${subpath.replace(/\W/g, '_')}.ndjson`);
    const out = await sh(process.execPath, ['--import', './record-imports.mjs', '--input-type=module', '-e', entryPoints[subpath].run], project, { ...process.env, IMPORT_LOG: log, NODE_OPTIONS: '' });
    expect(out.trim()).toBe('ok');

    const own = path.join(project, 'node_modules', pkg.name) + path.sep;
    const edges = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { from: string; to: string });
    const fromPackage = edges.filter((e) => e.from.startsWith('file:') && fileURLToPath(e.from).startsWith(own));
    const loadedFiles = [...new Set(edges.map((e) => e.to).filter((u) => u.startsWith('file:') && fileURLToPath(u).startsWith(own)))].map((u) => path.relative(own, fileURLToPath(u)));
    const packages = [...new Set(fromPackage.map((e) => packageOf(e.to)).filter((p): p is string => p !== null && p !== pkg.name))].sort();

    expect(loadedFiles.length).toBeGreaterThan(0);
    expect(packages, `packages loaded by ${specifier(subpath)}`).toEqual([...entryPoints[subpath].needs].sort());
    expect(loadedFiles.filter((f) => applicationDirs.some((d) => f.startsWith(`dist/${d}/`)) || f === 'dist/bootstrap.js' || f === 'dist/config.js')).toEqual([]);
  });

  it('its declarations resolve in a TypeScript project (nodenext)', async () => {
    const project = path.join(scratch, 'project');
    const file = path.join(project, 'check.ts');
    const files = subpaths.map((s, i) => {
      const f = path.join(project, `check-${i}.ts`);
      fs.writeFileSync(f, `${entryPoints[s].types}\n`);
      return f;
    });
    fs.writeFileSync(file, subpaths.map((s, i) => `import * as m${i} from '${specifier(s)}';\nexport const n${i}: number = Object.keys(m${i}).length;`).join('\n') + '\n');
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023,dom', file, ...files];
    let output = '';
    try {
      output = await sh(process.execPath, args, project);
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output.trim()).toBe('');
  }, 180_000);
});
