/**
 * Indicator competitions (考核指标, 竞赛评分; RULES §7, issue 18 items 3–4): a preset of the
 * organisation's pack run for a period over chosen units; raw figures per unit, indicator and
 * input (entered, imported from xlsx, or computed from Youzhi's records); scores from the pure
 * engine `youzhi/indicators` with each indicator's formula in words, ranks and eligibility.
 * The quality office and admins run competitions; unit heads read the ranking of their subtree.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, orgManagers, requireRole, unitInScope, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { fieldIssue, invalidFields, type FieldIssue } from '../../shared/issues.js';
import { parseJson } from '../../shared/json.js';
import type { CompetitionsTable, CompetitionValuesTable } from '../../db/types.js';
import { checkInputs, inputsOf, parseDecimal, scoreCompetition, show, type CompetitionScores, type InputIssue, type UnitValues } from '../../engines/indicators/index.js';
import { competitionDefinitionOf, competitionPresetsOf, describeSource, findCompetitionPreset, type CompetitionPreset } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitsInScope } from '../units/service.js';
import type { CreateCompetitionInput, ListCompetitionsQuery, PutValuesInput } from './schema.js';
import * as repo from './repository.js';

export type ValueOrigin = 'entered' | 'imported' | 'computed';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function presentSummary(code: string, p: CompetitionPreset) {
  return { code, label: p.label, description: p.description ?? null, source: p.source ?? null, indicators: p.indicators.length };
}

const cite = (c: { source?: string; decision?: { zh: string; en: string } }) => ({ source: c.source ?? null, decision: c.decision ?? null });

/** A preset in full: blocks, indicators with their inputs (the codes PUT …/values takes), targets, citations. */
export function presentPreset(code: string, p: CompetitionPreset) {
  return {
    ...presentSummary(code, p),
    capMultiple: { value: String(p.capMultiple.value), ...cite(p.capMultiple) },
    undefinedRatioShare: { value: String(p.undefinedRatioShare.value), ...cite(p.undefinedRatioShare) },
    blocks: p.blocks.map((b) => ({ code: b.code, label: b.label, weight: String(b.weight.value), ...cite(b.weight) })),
    indicators: p.indicators.map((i) => ({
      code: i.code,
      label: i.label,
      block: i.block,
      kind: i.kind,
      weight: String(i.weight.value),
      formula: i.formula,
      source: i.source ?? null,
      sourceInWords: i.source ? describeSource(i.source) : null,
      decision: i.decision ?? null,
      inputs: i.inputs.map((x) => ({ code: x.code, label: x.label, measure: x.measure, source: x.source, signed: x.code === 'unit_increment' || x.code === 'bank_increment' })),
    })),
    targets: p.targets.map((t) => ({ code: t.code, label: t.label, atLeast: String(t.atLeast.value), ...cite(t.atLeast) })),
  };
}

export async function listCompetitionPresets(ctx: AppContext, actor: Actor) {
  requireRole(actor, managers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  return { items: competitionPresetsOf(pack).map(({ code, preset }) => presentSummary(code, preset)) };
}

export async function getCompetitionPreset(ctx: AppContext, actor: Actor, code: string) {
  requireRole(actor, managers);
  const preset = findCompetitionPreset(await policyForOrganisation(ctx, actor.orgId), code);
  if (!preset) throw new AppError('not_found', { details: { entity: 'competition-preset', code } });
  return presentPreset(code, preset);
}

function presentCompetition(row: Omit<CompetitionsTable, 'definition'>) {
  return {
    id: row.id,
    preset: row.preset,
    title: row.title,
    period: row.period,
    state: row.state,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    publishedAt: iso(row.published_at),
    version: Number(row.version),
  };
}

async function loadCompetition(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findCompetitionById(db, id);
  if (!row || row.org_id !== orgId) throw new AppError('not_found', { details: { entity: 'competition', id } });
  return row;
}

const presetOf = (row: CompetitionsTable) => parseJson<CompetitionPreset>(row.definition, null as never);

export async function createCompetition(ctx: AppContext, actor: Actor, input: CreateCompetitionInput) {
  requireRole(actor, orgManagers);
  const preset = findCompetitionPreset(await policyForOrganisation(ctx, actor.orgId), input.preset);
  if (!preset) throw invalidFields(fieldIssue('body.preset', { zh: `政策包中没有竞赛方案“${input.preset}”`, en: `the policy pack has no competition preset "${input.preset}"` }));
  const targets = input.targets ?? {};
  const issues: FieldIssue[] = [];
  for (const [unitId, code] of Object.entries(targets)) {
    if (!input.unitIds.includes(unitId)) issues.push(fieldIssue(`body.targets.${unitId}`, { zh: '该单位不在参赛单位中', en: 'this unit does not take part' }));
    else if (!preset.targets.some((t) => t.code === code)) issues.push(fieldIssue(`body.targets.${unitId}`, { zh: `方案中没有目标“${code}”`, en: `the preset has no target "${code}"` }));
  }
  if (issues.length) throw invalidFields(...issues);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    // Every unit in the organisation (and, for a unit head, their subtree): one message for both.
    await loadUnitsInScope(ctx, actor, input.unitIds, trx);
    const now = ctx.clock.now();
    const row: CompetitionsTable = {
      id: newId(now),
      org_id: actor.orgId,
      preset: input.preset,
      title: input.title ?? `${preset.label.zh}（${input.period}）`,
      period: input.period,
      state: 'open',
      definition: JSON.stringify(preset),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      published_at: null,
      version: 1,
    };
    await repo.insertCompetition(
      trx,
      row,
      input.unitIds.map((unitId, i) => ({ competition_id: row.id, unit_id: unitId, target_code: targets[unitId] ?? null, sort_order: i })),
    );
    const { definition: _, ...after } = row;
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'competition', entityId: row.id, after: { ...after, unitIds: input.unitIds, targets } });
    return presentCompetition(row);
  });
}

export async function listCompetitions(ctx: AppContext, actor: Actor, query: ListCompetitionsQuery) {
  requireRole(actor, managers);
  const { rows, total } = await repo.findCompetitions(ctx.db.kysely, { orgId: actor.orgId, period: query.period, preset: query.preset, state: query.state, ...pageWindow(query) });
  return pageOf(rows.map(presentCompetition), total, query);
}

/** The competition with its units (those in the caller's scope) and the raw figures entered so far. */
export async function getCompetition(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor, managers);
  const row = await loadCompetition(ctx, actor.orgId, id);
  const [units, values] = await Promise.all([repo.findCompetitionUnits(ctx.db.kysely, id), repo.findCompetitionValues(ctx.db.kysely, id)]);
  const visible = units.filter((u) => unitInScope(actor, u.path));
  const ids = new Set(visible.map((u) => u.unit_id));
  return {
    ...presentCompetition(row),
    presetDetail: presentPreset(row.preset, presetOf(row)),
    units: visible.map((u) => ({ id: u.unit_id, name: u.name, code: u.code, kind: u.kind, target: u.target_code })),
    values: values.filter((v) => ids.has(v.unit_id)).map((v) => ({ unitId: v.unit_id, indicator: v.indicator, input: v.input, value: v.value, origin: v.origin })),
  };
}

const reasonWords: Record<InputIssue['reason'], { zh: string; en: string }> = {
  unknown_indicator: { zh: '方案中没有该指标', en: 'no such indicator in the preset' },
  unknown_input: { zh: '该指标没有此数据项', en: 'the indicator has no such input' },
  not_a_decimal: { zh: '应为数字（最多 6 位小数）', en: 'must be a decimal number (at most 6 places)' },
  negative: { zh: '不能为负数（只有增量可以为负）', en: 'must not be negative (only increments may be)' },
  not_whole: { zh: '件数应为整数', en: 'a count is a whole number' },
};

export interface ValueEntry {
  unitId: string;
  indicator: string;
  input: string;
  value: string | number | null;
}

/**
 * Every problem of a batch of figures at once: unit not taking part, unknown indicator or input,
 * not a decimal, negative where it may not be, a count that is not whole. `where(i)` names entry i.
 */
export function checkValueEntries(preset: CompetitionPreset, code: string, unitIds: ReadonlySet<string>, entries: readonly ValueEntry[]): { index: number; field: 'unitId' | 'indicator' | 'input' | 'value'; message: { zh: string; en: string } }[] {
  const def = competitionDefinitionOf(code, preset);
  const problems: ReturnType<typeof checkValueEntries> = [];
  entries.forEach((e, index) => {
    if (!unitIds.has(e.unitId)) return problems.push({ index, field: 'unitId', message: { zh: '该单位不在本次竞赛的参赛单位中', en: 'the unit does not take part in this competition' } });
    const issues = checkInputs(def, [{ unitId: e.unitId, values: { [e.indicator]: { [e.input]: e.value } } }]);
    for (const i of issues) problems.push({ index, field: i.reason === 'unknown_indicator' ? 'indicator' : i.reason === 'unknown_input' ? 'input' : 'value', message: reasonWords[i.reason] });
  });
  return problems;
}

/** The normalised text of a checked value ("92", "-0.2", "0.35"). */
const normalise = (v: string | number) => show(parseDecimal(v)!);

/**
 * Writes checked figures under the competition's version (409 when it moved on; 409 when the
 * results are published), audited. Used by PUT …/values, the xlsx import and the computation.
 */
export async function saveValues(ctx: AppContext, actor: Actor, row: CompetitionsTable, version: number, entries: readonly ValueEntry[], origin: ValueOrigin) {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const fresh = await loadCompetition(ctx, actor.orgId, row.id, trx);
    if (fresh.state !== 'open') throw new AppError('invalid_transition', { message: { zh: '竞赛结果已发布，不能再修改数据', en: 'The results are published; the figures can no longer change' } });
    const written = entries.filter((e) => e.value !== null).map((e): CompetitionValuesTable => ({ competition_id: row.id, unit_id: e.unitId, indicator: e.indicator, input: e.input, value: normalise(e.value!), origin, updated_at: now }));
    const removed = entries.filter((e) => e.value === null).map((e) => ({ competition_id: row.id, unit_id: e.unitId, indicator: e.indicator, input: e.input }));
    if (!(await repo.updateCompetitionIfVersion(trx, row.id, version, { updated_at: now }))) throw new AppError('version_conflict', { details: { current: Number(fresh.version) } });
    await repo.saveCompetitionValues(trx, written, removed);
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'competition', entityId: row.id, after: { origin, written: written.length, removed: removed.length, values: written.slice(0, 200).map((w) => [w.unit_id, w.indicator, w.input, w.value]) } });
    return { id: row.id, version: version + 1, written: written.length, removed: removed.length };
  });
}

export async function putCompetitionValues(ctx: AppContext, actor: Actor, id: string, input: PutValuesInput) {
  requireRole(actor, orgManagers);
  const row = await loadCompetition(ctx, actor.orgId, id);
  const units = await repo.findCompetitionUnits(ctx.db.kysely, id);
  const problems = checkValueEntries(presetOf(row), row.preset, new Set(units.map((u) => u.unit_id)), input.values);
  if (problems.length) throw invalidFields(...problems.map((p) => fieldIssue(`body.values.${p.index}.${p.field}`, p.message)));
  return saveValues(ctx, actor, row, input.version, input.values, 'entered');
}

/** Loads what the import and the computation need: the row, its preset and its units. */
export async function loadForValues(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor, orgManagers);
  const row = await loadCompetition(ctx, actor.orgId, id);
  const units = await repo.findCompetitionUnits(ctx.db.kysely, id);
  return { row, preset: presetOf(row), units };
}

export interface CompetitionResults {
  competition: ReturnType<typeof presentCompetition>;
  scores: CompetitionScores;
  units: Awaited<ReturnType<typeof repo.findCompetitionUnits>>;
  preset: CompetitionPreset;
}

/** The engine's scores of every unit taking part (no access check: callers check). */
export async function computeResults(ctx: AppContext, row: CompetitionsTable): Promise<CompetitionResults> {
  const [units, values] = await Promise.all([repo.findCompetitionUnits(ctx.db.kysely, row.id), repo.findCompetitionValues(ctx.db.kysely, row.id)]);
  const preset = presetOf(row);
  const def = competitionDefinitionOf(row.preset, preset);
  const known = new Map(def.indicators.map((i) => [i.code, new Set(inputsOf(i))]));
  const byUnit = new Map<string, UnitValues>(units.map((u) => [u.unit_id, {}]));
  for (const v of values) {
    const own = byUnit.get(v.unit_id);
    if (!own || !known.get(v.indicator)?.has(v.input)) continue;
    (own[v.indicator] ??= {})[v.input] = v.value;
  }
  const scores = scoreCompetition(
    def,
    units.map((u) => ({ unitId: u.unit_id, values: byUnit.get(u.unit_id)! })),
  );
  return { competition: presentCompetition(row), scores, units, preset };
}

/** The ranking: per unit the total, each indicator's score with its formula in words, rank, eligibility, target. */
export async function getCompetitionScores(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor, managers);
  const row = await loadCompetition(ctx, actor.orgId, id);
  return presentResults(await computeResults(ctx, row), actor);
}

export function presentResults(r: CompetitionResults, actor: Actor | null) {
  const unitById = new Map(r.units.map((u) => [u.unit_id, u]));
  const labels = new Map(r.preset.indicators.map((i) => [i.code, i.label]));
  const targets = new Map(r.preset.targets.map((t) => [t.code, t]));
  return {
    competition: r.competition,
    preset: { code: r.competition.preset, label: r.preset.label, blocks: r.preset.blocks.map((b) => ({ code: b.code, label: b.label, weight: String(b.weight.value) })), targets: r.preset.targets.map((t) => ({ code: t.code, label: t.label, atLeast: String(t.atLeast.value), source: t.atLeast.source ?? null })) },
    units: r.scores.units
      .filter((s) => actor === null || unitInScope(actor, unitById.get(s.unitId)!.path))
      .map((s) => {
        const u = unitById.get(s.unitId)!;
        const target = u.target_code ? targets.get(u.target_code) : undefined;
        const met = target ? meets(s.exactTotal, String(target.atLeast.value)) : null;
        return {
          unitId: s.unitId,
          unitName: u.name,
          unitCode: u.code,
          total: s.total,
          exactTotal: s.exactTotal,
          rank: s.rank,
          eligible: s.eligible,
          ineligibleReason: s.ineligibleReason,
          complete: s.complete,
          target: target ? { code: target.code, label: target.label, atLeast: String(target.atLeast.value), met } : null,
          blocks: s.blocks,
          indicators: s.indicators.map((i) => ({ ...i, label: labels.get(i.code)! })),
        };
      }),
  };
}

/** Exact: total (n or n/d) ≥ line (a decimal). */
function meets(exactTotal: string, line: string): boolean {
  const [n, d = '1'] = exactTotal.split('/');
  const l = parseDecimal(line)!;
  return BigInt(n) * l.d >= l.n * BigInt(d);
}

export async function publishCompetition(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, orgManagers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadCompetition(ctx, actor.orgId, id, trx);
    if (row.state !== 'open') throw new AppError('invalid_transition');
    const now = ctx.clock.now();
    if (!(await repo.updateCompetitionIfVersion(trx, id, version, { state: 'published', published_at: now, updated_at: now }))) throw new AppError('version_conflict', { details: { current: Number(row.version) } });
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'competition', entityId: id, before: { state: 'open' }, after: { state: 'published' } });
    return presentCompetition({ ...row, state: 'published', published_at: now, updated_at: now, version: version + 1 });
  });
}

/** One published competition's standing: each unit's total, rank, eligibility and completeness. */
async function standingOf(ctx: AppContext, orgId: string, id: string) {
  const row = await loadCompetition(ctx, orgId, id);
  const r = await computeResults(ctx, row);
  return {
    competitionId: id,
    preset: row.preset,
    title: row.title,
    period: row.period,
    publishedAt: Number(row.published_at),
    units: r.scores.units.map((s) => ({ unitId: s.unitId, total: s.total, exactTotal: s.exactTotal, rank: s.rank, eligible: s.eligible, complete: s.complete })),
  };
}
export type CompetitionStanding = Awaited<ReturnType<typeof standingOf>>;

/**
 * For awards and sanctions: every unit's total, rank and eligibility in the organisation's
 * published competitions of a period (no access check: the caller's use case checks).
 */
export async function readCompetitionStandings(ctx: AppContext, orgId: string, period: string) {
  const rows = await repo.findPublishedCompetitions(ctx.db.kysely, orgId, period);
  const out = [];
  for (const { id } of rows) out.push(await standingOf(ctx, orgId, id));
  return out;
}

/**
 * For the sanctions sweep: the standings of the competitions published within [from, to), or of
 * those among `ids` still published (no access check: the sweep is the system's).
 */
export async function readPublishedStandings(ctx: AppContext, orgId: string, q: { publishedFrom?: number; publishedTo?: number; ids?: string[] }) {
  const rows = await repo.findPublishedCompetitionsBy(ctx.db.kysely, orgId, q);
  const out: CompetitionStanding[] = [];
  for (const { id } of rows) out.push(await standingOf(ctx, orgId, id));
  return out;
}
