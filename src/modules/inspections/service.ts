/**
 * Inspections (明察暗访, RULES §4; issue 14 item 3): an inspector scores a unit (and maybe one
 * person) with the current version of a template; the score, every item's result and the
 * findings are stored together with the findings' rectification cases, or nothing is stored.
 * The phone form syncs offline work with an idempotency key: the same key stores once.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { requestHash, requireSameRequest } from '../../shared/idempotency.js';
import { fieldIssue, invalidFields, type FieldIssue } from '../../shared/issues.js';
import { parseJson } from '../../shared/json.js';
import { requireNotInFuture } from '../../shared/fields.js';
import { monthPeriod } from '../../shared/months.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { fromMilli, scoreInspection, ScoringInputError, toMilli, type ScoreResult } from '../../engines/scoring/index.js';
import { businessHoursOf } from '../../policy/index.js';
import type { InspectionItemsTable, InspectionsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { emitEvent } from '../webhooks/index.js';
import { casesByIds } from '../cases/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { requireStaffInOrg } from '../staff/service.js';
import { loadUnitInScope } from '../units/service.js';
import { openFindings } from './findings.js';
import { completeAssignment, isAssignedTo, seesOwnWorkOnly } from './assignments.js';
import type { InspectionInput, ListInspectionsQuery } from './schema.js';

export type { InspectionInput } from './schema.js';
import { currentTemplate, fieldIssuesOf, type TemplateVersion } from './templates.js';
import * as repo from './repository.js';

/** Who inspects: the office, inspectors, social supervisors, and unit heads (self-inspection in their subtree). */
export const inspectorRoles: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor'];

interface Prepared {
  unitPath: string;
  performedAt: number;
  template: TemplateVersion;
  result: ScoreResult;
}

/** Access, then every check; throws before anything is written. */
async function prepare(ctx: AppContext, actor: Actor, input: InspectionInput, db: Executor, store: boolean): Promise<Prepared> {
  requireRole(actor, inspectorRoles);
  const unit = await loadUnitInScope(ctx, actor, input.unitId, db);
  if (input.staffId) await requireStaffInOrg(ctx, actor.orgId, input.staffId, db);
  const performedAt = Date.parse(input.performedAt);
  requireNotInFuture(performedAt, ctx.clock.now(), 'body.performedAt');
  if (input.signature && !isPng(input.signature.image)) {
    throw invalidFields(fieldIssue('body.signature.image', { zh: '签名应为 PNG 图片', en: 'the signature must be a PNG image' }));
  }
  const template = await currentTemplate(ctx, actor.orgId, input.templateCode, db, { store }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') throw invalidFields(fieldIssue('body.templateCode', { zh: `没有检查模板"${input.templateCode}"`, en: `no inspection template "${input.templateCode}"` }));
    throw e;
  });
  let result: ScoreResult;
  try {
    result = scoreInspection({ template: template.compiled, results: input.results });
  } catch (e) {
    if (e instanceof ScoringInputError) throw invalidFields(...fieldIssuesOf(e.issues, 'body'));
    throw e;
  }
  const missing = missingEvidence(template, input, result);
  if (missing.length) throw invalidFields(...missing);
  return { unitPath: unit.path, performedAt, template, result };
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The data URL's bytes start as a PNG does (the schema checked the prefix and the base64). */
function isPng(dataUrl: string): boolean {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1, dataUrl.indexOf(',') + 17), 'base64').subarray(0, 8).equals(PNG_MAGIC);
}

/** A finding on an evidence item needs a note now (the photo goes onto its rectification case afterwards). */
function missingEvidence(template: TemplateVersion, input: InspectionInput, result: ScoreResult): FieldIssue[] {
  const out: FieldIssue[] = [];
  input.results.forEach((r, i) => {
    const item = template.compiled.byCode.get(r.item);
    const scored = result.items.find((s) => s.item === r.item);
    if (item?.evidence && scored && isFinding(scored) && !r.note) {
      out.push(fieldIssue(`body.results.${i}.note`, { zh: `项目"${r.item}"发现问题时须填写说明，并在整改单上附照片`, en: `a finding on "${r.item}" needs a note (and a photo on its rectification case)` }));
    }
  });
  return out;
}

/** A scored item that found something (advisory and incomplete items never are). */
function isFinding(s: ScoreResult['items'][number]): boolean {
  return s.scored && !s.na && s.cases + s.failures > 0;
}

/** The item rows of an inspection: every template item, in template order (the benchmark's generator reuses it). */
export function itemRows(inspectionId: string, orgId: string, input: InspectionInput, result: ScoreResult): InspectionItemsTable[] {
  const given = new Map(input.results.map((r) => [r.item, r]));
  return result.items.map((s, position) => {
    const r = given.get(s.item);
    return {
      inspection_id: inspectionId,
      org_id: orgId,
      position,
      item: s.item,
      section: s.section,
      cases: s.cases,
      observations: JSON.stringify(r?.observations ?? []),
      pass: r?.pass === undefined ? null : r.pass ? 1 : 0,
      na: s.na ? 1 : 0,
      note: r?.note || null,
      deduction_milli: toMilli(s.deduction) ?? 0,
      failed: JSON.stringify(s.failed),
      scored: s.scored ? 1 : 0,
      finding: isFinding(s) ? 1 : 0,
      veto: s.veto ? 1 : 0,
      case_id: null,
      half_hearted: 0,
      answered: r ? 1 : 0,
    };
  });
}

/** The scored inspection as the API answers it (create, replay, preview, detail). */
function presentResult(row: Pick<InspectionsTable, 'score_milli' | 'max_milli' | 'vetoed' | 'template_code' | 'template_version'> & { id: string | null }, items: InspectionItemsTable[], trackingNos = new Map<string, string>()) {
  return {
    id: row.id,
    templateCode: row.template_code,
    templateVersion: row.template_version,
    score: fromMilli(row.score_milli),
    maxScore: fromMilli(row.max_milli),
    vetoed: row.vetoed === 1,
    items: items.map((i) => ({
      item: i.item,
      section: i.section,
      deduction: fromMilli(i.deduction_milli),
      cases: i.cases,
      failed: parseJson<string[]>(i.failed, []),
      na: i.na === 1,
      finding: i.finding === 1,
    })),
    findings: items
      .filter((i) => i.finding === 1)
      .map((i) => ({ item: i.item, deduction: fromMilli(i.deduction_milli), veto: i.veto === 1, caseId: i.case_id, trackingNo: i.case_id ? (trackingNos.get(i.case_id) ?? null) : null, halfHearted: i.half_hearted === 1 })),
  };
}

async function trackingNosOf(db: Executor, items: InspectionItemsTable[]) {
  const cases = await casesByIds(db, items.map((i) => i.case_id).filter((id): id is string => !!id));
  return new Map(cases.map((c) => [c.id, c.tracking_no]));
}

/** Scores without storing anything (the phone form's live total, the editor's test run). */
export async function previewInspection(ctx: AppContext, actor: Actor, input: InspectionInput) {
  const p = await prepare(ctx, actor, input, ctx.db.kysely, false);
  const items = itemRows('', actor.orgId, input, p.result);
  return presentResult({ id: null, score_milli: toMilli(p.result.score) ?? 0, max_milli: toMilli(p.result.maxScore) ?? 0, vetoed: p.result.vetoed ? 1 : 0, template_code: p.template.template.code, template_version: p.template.version }, items);
}

async function replay(ctx: AppContext, existing: InspectionsTable, hash: string | null) {
  requireSameRequest(existing.request_hash, hash ?? '');
  const items = await repo.findItems(ctx.db.kysely, existing.id);
  return { created: false, body: presentResult(existing, items, await trackingNosOf(ctx.db.kysely, items)) };
}

/**
 * Stores a scored inspection and opens its findings' rectification cases, in one transaction.
 * `created: false` — the idempotency key was seen before: the first result, nothing stored again.
 */
export async function createInspection(ctx: AppContext, actor: Actor, input: InspectionInput) {
  requireRole(actor, inspectorRoles);
  const key = input.idempotencyKey;
  const hash = key ? requestHash(input) : null;
  if (key) {
    const existing = await repo.findInspectionByKey(ctx.db.kysely, actor.orgId, key);
    if (existing) return replay(ctx, existing, hash);
  }
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const p = await prepare(ctx, actor, input, trx, true);
      const now = ctx.clock.now();
      const row: InspectionsTable = {
        id: newId(now),
        org_id: actor.orgId,
        unit_id: input.unitId,
        unit_path: p.unitPath,
        staff_id: input.staffId ?? null,
        template_code: p.template.template.code,
        template_version: p.template.version,
        kind: input.kind,
        performed_at: p.performedAt,
        inspector_id: actor.userId || null,
        inspector_label: actor.username,
        score_milli: toMilli(p.result.score) ?? 0,
        max_milli: toMilli(p.result.maxScore) ?? 0,
        vetoed: p.result.vetoed ? 1 : 0,
        status: 'submitted',
        idempotency_key: key ?? null,
        request_hash: hash,
        signature: input.signature?.image ?? null,
        signer_name: input.signature?.signerName ?? null,
        created_at: now,
        assignment_id: input.assignmentId ?? null,
      };
      await repo.insertInspection(trx, row, itemRows(row.id, row.org_id, input, p.result));
      if (input.assignmentId) await completeAssignment(ctx, trx, actor, input.assignmentId, row);
      const items = await openFindings(ctx, trx, actor, row, await repo.findItems(trx, row.id), p.template.template);
      const body = presentResult(row, items, await trackingNosOf(trx, items));
      await appendAudit(ctx, trx, actor, {
        action: 'create',
        entity: 'inspection',
        entityId: row.id,
        after: { unitId: row.unit_id, staffId: row.staff_id, template: `${row.template_code}@${row.template_version}`, kind: row.kind, score: body.score, vetoed: body.vetoed, findings: body.findings.map((f) => f.caseId) },
      });
      await emitEvent(ctx, trx, {
        orgId: row.org_id,
        type: 'inspection.scored',
        data: { inspectionId: row.id, unitId: row.unit_id, staffId: row.staff_id, kind: row.kind, template: `${row.template_code}@${row.template_version}`, score: body.score, maxScore: body.maxScore, vetoed: body.vetoed, performedAt: new Date(Number(row.performed_at)).toISOString(), findings: body.findings.map((f) => f.caseId) },
      });
      return { created: true, body };
    });
  } catch (e) {
    // The same key raced in from a second sync: answer with the stored inspection.
    if (key && isUniqueViolation(e)) {
      const existing = await repo.findInspectionByKey(ctx.db.kysely, actor.orgId, key);
      if (existing) return replay(ctx, existing, hash);
    }
    throw e;
  }
}

/** Who sees an inspection: org-wide roles all; unit heads their subtree; inspectors what they performed or were assigned; staff their own record. */
function visibility(actor: Actor): Pick<repo.InspectionFilter, 'scopePath' | 'inspectorId' | 'staffId'> {
  if (seesOwnWorkOnly(actor)) return { scopePath: null, inspectorId: actor.userId || '-' };
  if (actor.role === 'staff') return { scopePath: actor.scopePath, staffId: actor.staffId ?? '-' };
  return { scopePath: actor.scopePath };
}

async function canSee(ctx: AppContext, actor: Actor, row: InspectionsTable): Promise<boolean> {
  const v = visibility(actor);
  if (v.inspectorId !== undefined && row.inspector_id !== v.inspectorId && !(await isAssignedTo(ctx, row.assignment_id, v.inspectorId))) return false;
  if (v.staffId !== undefined && row.staff_id !== v.staffId) return false;
  return unitInScope(actor, row.unit_path);
}

function iso(ms: number | string): string {
  return new Date(Number(ms)).toISOString();
}

export async function listInspections(ctx: AppContext, actor: Actor, query: ListInspectionsQuery) {
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const range = query.month ? monthPeriod(query.month, businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes) : undefined;
  const { rows, total } = await repo.findInspections(ctx.db.kysely, {
    orgId: actor.orgId,
    ...visibility(actor),
    unitPath,
    templateCode: query.template,
    kind: query.kind,
    from: range?.start,
    to: range?.end,
    vetoed: query.vetoed === undefined ? undefined : query.vetoed === 'true',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const findings = await repo.countFindings(ctx.db.kysely, rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name ?? null,
      staffId: r.staff_id,
      staffName: r.staff_name ?? null,
      templateCode: r.template_code,
      templateVersion: r.template_version,
      kind: r.kind,
      performedAt: iso(r.performed_at),
      inspector: r.inspector_label,
      score: fromMilli(r.score_milli),
      maxScore: fromMilli(r.max_milli),
      vetoed: r.vetoed === 1,
      findings: findings.get(r.id) ?? 0,
      status: r.status,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One inspection with every item's result, its findings and their rectification cases. */
export async function getInspection(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.findInspection(ctx.db.kysely, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'inspection', id } });
  if (!(await canSee(ctx, actor, row))) throw new AppError('out_of_scope');
  const items = await repo.findItems(ctx.db.kysely, id);
  const cases = new Map((await casesByIds(ctx.db.kysely, items.map((i) => i.case_id).filter((c): c is string => !!c))).map((c) => [c.id, c]));
  const result = presentResult(row, items, new Map([...cases.values()].map((c) => [c.id, c.tracking_no])));
  return {
    ...result,
    unitId: row.unit_id,
    staffId: row.staff_id,
    kind: row.kind,
    performedAt: iso(row.performed_at),
    inspectorId: row.inspector_id,
    inspector: row.inspector_label,
    assignmentId: row.assignment_id ?? null,
    status: row.status,
    createdAt: iso(row.created_at),
    signature: row.signer_name ? { signerName: row.signer_name, image: row.signature } : null,
    items: items.map((i, n) => ({
      ...result.items[n],
      answered: i.answered === 1,
      pass: i.pass === null ? null : i.pass === 1,
      note: i.note,
      observations: parseJson<{ metric: string; value: number }[]>(i.observations, []),
      scored: i.scored === 1,
      veto: i.veto === 1,
      caseId: i.case_id,
      halfHearted: i.half_hearted === 1,
    })),
    findings: result.findings.map((f) => ({ ...f, caseStatus: f.caseId ? (cases.get(f.caseId)?.status ?? null) : null })),
  };
}

export { templateLabels } from './templates.js';
export { inspectionMonthSummary, inspectionResults } from './results.js';
export { listBandFacts, type BandCode, type BandFact, type ListBandFactsOptions } from './bands.js';
export { quarterBands } from './plans.js';
