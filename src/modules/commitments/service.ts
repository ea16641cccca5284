import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { orgManagers, requireRole, requireUnitInScope, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { flag, patchOf } from '../../shared/patch.js';
import type { CommitmentsTable } from '../../db/types.js';
import type { ThresholdOp } from '../../engines/metrics/index.js';
import { appendAudit } from '../audit/service.js';
import { requireUnitInOrg } from '../units/service.js';
import { evaluateMeasure, isMeasureCode, measureCatalogue, type Figure, type Measurement, type MeasureCode } from './measures.js';
import { complaintMonth, openMeasureSource, subtreeIds, type MeasureSource } from './source.js';
import type { CreateCommitmentInput, ListCommitmentsQuery, UpdateCommitmentInput } from './schema.js';
import * as repo from './repository.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

/**
 * 服务承诺 (RULES §9: commitments and the supervision phone are published, 000:L5; ISO 10001 codes
 * of conduct). The quality office and admins write them; everyone in the organisation reads them;
 * the published ones appear on the public board with their measured figure.
 */
const writers = orgManagers;

export function presentCommitment(row: CommitmentsTable) {
  return {
    id: row.id,
    text: row.text_zh,
    textEn: row.text_en,
    promise: row.promise_zh,
    promiseEn: row.promise_en,
    unitId: row.unit_id,
    supervisionPhone: row.supervision_phone,
    published: row.published === 1,
    sortOrder: row.sort_order,
    measure: row.measure,
    targetOp: row.target_op,
    target: row.target_hundredths === null ? null : Number(row.target_hundredths) / 100,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
    version: row.version,
  };
}

const invalid = (path: string, zh: string, en: string) => invalidFields(fieldIssue(path, { zh, en }));

/** The linked measure after a create or an edit: all three set, or none. */
function resolveMeasure(
  current: { measure: string | null; op: string | null; target: number | null },
  input: { measure?: MeasureCode | null; targetOp?: ThresholdOp | null; target?: number | null },
): { measure: MeasureCode | null; op: ThresholdOp | null; target: number | null } {
  const measure = input.measure !== undefined ? input.measure : isMeasureCode(current.measure) ? current.measure : null;
  if (measure === null) {
    if (input.target != null || input.targetOp != null) throw invalid('body.measure', '设定目标值须先从指标目录中选择指标', 'a target needs a measure from the catalogue');
    return { measure: null, op: null, target: null };
  }
  const def = measureCatalogue[measure];
  const changedMeasure = input.measure !== undefined && input.measure !== current.measure;
  // An explicit operator wins; an edit that switches the measure falls back to the new measure's default.
  let op: ThresholdOp = def.defaultOp;
  if (input.targetOp) op = input.targetOp;
  else if (input.targetOp === undefined && !changedMeasure && current.op) op = current.op as ThresholdOp;
  const target = input.target !== undefined ? (input.target === null ? null : Math.round(input.target * 100)) : current.target;
  if (target === null) throw invalid('body.target', `指标 ${measure} 需要设定目标值`, `measure ${measure} needs a target`);
  if (def.kind === 'rate' && target > 10_000) throw invalid('body.target', '比率类指标的目标值为百分数（0–100）', 'a rate target is a percentage (0–100)');
  return { measure, op, target };
}

async function checkUnit(ctx: AppContext, actor: Actor, unitId: string | null | undefined, db: Executor) {
  if (!unitId) return;
  const unit = await requireUnitInOrg(ctx, actor.orgId, unitId, db);
  requireUnitInScope(actor, unit.path);
}

/** A commitment of the caller's organisation (another organisation's does not exist for them). */
async function loadCommitment(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findCommitmentById(db, id);
  if (!row || row.org_id !== orgId) throw new AppError('not_found', { details: { entity: 'commitment', id } });
  return row;
}

/** The measured figure of one commitment for the source's last month, through the owning modules' services. */
export async function measureCommitment(source: MeasureSource, row: CommitmentsTable): Promise<Measurement | null> {
  if (!isMeasureCode(row.measure) || row.target_hundredths === null) return null;
  const code = row.measure;
  const op = (row.target_op ?? measureCatalogue[code].defaultOp) as ThresholdOp;
  const target = Number(row.target_hundredths);
  const range = source.months[source.months.length - 1];
  let unitIds: Set<string> | null = null;
  if (row.unit_id) {
    const units = await source.units();
    const unit = units.get(row.unit_id);
    if (!unit) return evaluateMeasure(code, op, target, range.month, null);
    unitIds = subtreeIds(units, unit);
  }
  let figure: Figure;
  if (code === 'complaint_reply_on_time_rate' || code === 'complaint_count') {
    const m = complaintMonth(await source.complaints(), range, unitIds);
    figure = code === 'complaint_count' ? { kind: 'count', count: m.received } : { kind: 'rate', rate: m.onTimeRate };
  } else {
    const month = (await source.ratings(row.unit_id)).get(range.month);
    figure = { kind: 'rate', rate: code === 'rating_rate' ? (month?.ratingRate ?? null) : (month?.satisfactionRate ?? null) };
  }
  return evaluateMeasure(code, op, target, range.month, figure);
}

async function withMeasures(ctx: AppContext, orgId: string, rows: CommitmentsTable[]) {
  const source = rows.some((r) => isMeasureCode(r.measure)) ? await openMeasureSource(ctx, orgId, 1) : null;
  const out = [];
  for (const row of rows) out.push({ ...presentCommitment(row), measured: source ? await measureCommitment(source, row) : null });
  return out;
}

export async function listCommitments(ctx: AppContext, actor: Actor, query: ListCommitmentsQuery) {
  const { rows, total } = await repo.findCommitments(ctx.db.kysely, {
    orgId: actor.orgId,
    published: query.published === undefined ? undefined : query.published === 'true',
    q: query.q,
    ...pageWindow(query),
  });
  return pageOf(await withMeasures(ctx, actor.orgId, rows), total, query);
}

export async function getCommitment(ctx: AppContext, actor: Actor, id: string) {
  return (await withMeasures(ctx, actor.orgId, [await loadCommitment(ctx, actor.orgId, id)]))[0];
}

export async function createCommitment(ctx: AppContext, actor: Actor, input: CreateCommitmentInput) {
  requireRole(actor, writers);
  const m = resolveMeasure({ measure: null, op: null, target: null }, input);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await checkUnit(ctx, actor, input.unitId, trx);
    const now = ctx.clock.now();
    const row: CommitmentsTable = {
      id: newId(now),
      org_id: actor.orgId,
      unit_id: input.unitId ?? null,
      text_zh: input.text,
      text_en: input.textEn ?? null,
      promise_zh: input.promise,
      promise_en: input.promiseEn ?? null,
      supervision_phone: input.supervisionPhone,
      published: input.published ? 1 : 0,
      sort_order: input.sortOrder ?? 0,
      measure: m.measure,
      target_op: m.op,
      target_hundredths: m.target,
      created_by: actor.userId || null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await repo.insertCommitment(trx, row);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'commitment', entityId: row.id, after: presentCommitment(row) });
    return presentCommitment(row);
  });
}

export async function updateCommitment(ctx: AppContext, actor: Actor, id: string, input: UpdateCommitmentInput) {
  requireRole(actor, writers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await loadCommitment(ctx, actor.orgId, id, trx);
    requireVersion(current.version, input.version);
    const m = resolveMeasure({ measure: current.measure, op: current.target_op, target: current.target_hundredths === null ? null : Number(current.target_hundredths) }, input);
    if (input.unitId !== undefined) await checkUnit(ctx, actor, input.unitId, trx);
    const changes: Partial<CommitmentsTable> = {
      updated_at: ctx.clock.now(), measure: m.measure, target_op: m.op, target_hundredths: m.target,
      ...patchOf<CommitmentsTable>(input, {
        text: 'text_zh', textEn: 'text_en', promise: 'promise_zh', promiseEn: 'promise_en', unitId: 'unit_id', supervisionPhone: 'supervision_phone',
        published: ['published', flag], sortOrder: 'sort_order',
      }),
    };
    if (!(await repo.updateCommitmentIfVersion(trx, id, input.version, changes))) throw new AppError('version_conflict');
    const after: CommitmentsTable = { ...current, ...changes, version: input.version + 1 };
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'commitment', entityId: id, before: presentCommitment(current), after: presentCommitment(after) });
    return presentCommitment(after);
  });
}

export async function deleteCommitment(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, writers);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await loadCommitment(ctx, actor.orgId, id, trx);
    if (current.version !== version || !(await repo.deleteCommitmentIfVersion(trx, id, version))) throw new AppError('version_conflict', { details: { current: current.version } });
    await appendAudit(ctx, trx, actor, { action: 'delete', entity: 'commitment', entityId: id, before: presentCommitment(current) });
  });
}

/** What the public board shows of the published commitments: no ids of people, measured on the source's last month. */
export async function publishedCommitments(ctx: AppContext, source: MeasureSource) {
  const { rows } = await repo.findCommitments(ctx.db.kysely, { orgId: source.orgId, published: true, limit: 200, offset: 0 });
  const units = rows.some((r) => r.unit_id) ? await source.units() : new Map();
  const out = [];
  for (const row of rows) {
    // The public reads the source in words (`reference`), never the citation.
    const measured = await measureCommitment(source, row);
    out.push({
      text: { zh: row.text_zh, en: row.text_en ?? row.text_zh },
      promise: { zh: row.promise_zh, en: row.promise_en ?? row.promise_zh },
      unit: row.unit_id ? (units.get(row.unit_id)?.name ?? null) : null,
      supervisionPhone: row.supervision_phone,
      measured: measured && (({ source: _citation, ...rest }) => rest)(measured),
    });
  }
  return out;
}
