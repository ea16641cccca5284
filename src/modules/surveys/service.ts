import type { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { isUnitScoped, managers, requireRole, requireUnitInScope, type Actor, type Role } from '../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import type { SurveysTable, UnitsTable } from '../../db/types.js';
import { businessHoursOf, ratingSettings } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { encodeSurveyCode } from './codes.js';
import { resolveTemplate } from './templates.js';
import type { createLinkBody, createSurveyBody, listSurveysQuery, SurveyDefinition, updateSurveyBody } from './schema.js';
import * as repo from './repository.js';
import { localDate } from '../../shared/months.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

const DAY = 86_400_000;

/** Who may hand out single-use links (a nurse at discharge, a window clerk): anyone working in the unit. */
export const linkIssuers: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff'];
/** Who may read results and coverage: not front-line staff, whose own service the free text is about. */
export const resultReaders: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor'];

export function definitionOf(row: SurveysTable): SurveyDefinition {
  return parseJson(row.definition, null as unknown as SurveyDefinition);
}

export function presentSurvey(ctx: AppContext, row: SurveysTable, unit: Pick<UnitsTable, 'id' | 'code' | 'name'> | null, responses?: number) {
  const definition = definitionOf(row);
  const code = encodeSurveyCode(ctx.config.secret!, { orgId: row.org_id, surveyId: row.id });
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: Number(row.template_version),
    title: definition.title,
    subject: row.subject,
    unitId: row.unit_id,
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
    cycle: row.cycle,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    code,
    url: `/s/${code}`,
    ...(responses === undefined ? {} : { responses }),
    definition,
    version: Number(row.version),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

/** A survey the caller may see: another organisation's does not exist, another unit's is out of scope. */
export async function loadSurveyInScope(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely): Promise<SurveysTable> {
  const row = await repo.findSurvey(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'survey', id } });
  requireUnitInScope(actor, row.unit_path);
  return row;
}

/** The calendar date at the organisation (its pack's UTC offset); answering never needs a holiday schedule. */
export async function localToday(ctx: AppContext, orgId: string, now: number, db: Executor = ctx.db.kysely): Promise<string> {
  const pack = await policyForOrganisation(ctx, orgId, db);
  return localDate(now, businessHoursOf(pack).utcOffsetMinutes);
}

/** A template run for a unit over a cycle; the definition is copied, so later template edits do not change it. */
export async function createSurvey(ctx: AppContext, actor: Actor, input: z.infer<typeof createSurveyBody>) {
  requireRole(actor, managers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const unit = await loadUnitInScope(ctx, actor, input.unitId, trx);
    const template = await resolveTemplate(ctx, actor.orgId, input.templateId, trx);
    const now = ctx.clock.now();
    const row: SurveysTable = {
      id: newId(now),
      org_id: actor.orgId,
      template_id: template.id,
      template_version: template.version,
      subject: template.definition.subject ?? null,
      definition: JSON.stringify(template.definition),
      unit_id: unit.id,
      unit_path: unit.path,
      cycle: input.cycle,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      created_by: actor.userId || null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await repo.insertSurvey(trx, row);
    await appendAudit(ctx, trx, actor, {
      action: 'create',
      entity: 'survey',
      entityId: row.id,
      after: { templateId: row.template_id, templateVersion: row.template_version, unitId: row.unit_id, cycle: row.cycle, startsOn: row.starts_on, endsOn: row.ends_on },
    });
    return presentSurvey(ctx, row, unit, 0);
  });
}

export async function listSurveys(ctx: AppContext, actor: Actor, query: z.infer<typeof listSurveysQuery>) {
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const { rows, total } = await repo.findSurveys(ctx.db.kysely, {
    orgId: actor.orgId,
    scopePath: isUnitScoped(actor.role) ? actor.scopePath : null,
    unitPath,
    cycle: query.cycle,
    ...pageWindow(query),
  });
  const counts = await repo.countResponses(ctx.db.kysely, rows.map((r) => r.id), '0000-01-01', '9999-12-31');
  const units = new Map<string, UnitsTable>();
  for (const r of rows) if (!units.has(r.unit_id)) units.set(r.unit_id, await requireUnitInOrg(ctx, actor.orgId, r.unit_id));
  return pageOf(rows.map((r) => presentSurvey(ctx, r, units.get(r.unit_id) ?? null, counts.get(r.id) ?? 0)), total, query);
}

export async function getSurvey(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadSurveyInScope(ctx, actor, id);
  const unit = await requireUnitInOrg(ctx, actor.orgId, row.unit_id);
  const counts = await repo.countResponses(ctx.db.kysely, [row.id], '0000-01-01', '9999-12-31');
  return presentSurvey(ctx, row, unit, counts.get(row.id) ?? 0);
}

/** Ends (or reopens) a survey: the end date is the only thing that changes once it runs. */
export async function updateSurvey(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof updateSurveyBody>) {
  requireRole(actor, managers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadSurveyInScope(ctx, actor, id, trx);
    requireVersion(row.version, input.version);
    if (input.endsOn !== null && input.endsOn < row.starts_on) {
      throw invalidFields(fieldIssue('body.endsOn', { zh: '结束日期不能早于开始日期', en: 'endsOn must not be before startsOn' }));
    }
    const now = ctx.clock.now();
    if (!(await repo.updateSurveyIfVersion(trx, id, input.version, { ends_on: input.endsOn, updated_at: now }))) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'survey', entityId: id, before: { endsOn: row.ends_on }, after: { endsOn: input.endsOn } });
    const unit = await requireUnitInOrg(ctx, actor.orgId, row.unit_id, trx);
    return presentSurvey(ctx, { ...row, ends_on: input.endsOn, updated_at: now, version: input.version + 1 }, unit);
  });
}

/** A single-use anonymous link (Formbricks-style): the token is shown once and stored hashed. */
export async function createSurveyLink(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof createLinkBody>) {
  requireRole(actor, linkIssuers);
  const token = randomToken(18);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const survey = await loadSurveyInScope(ctx, actor, id, trx);
    const now = ctx.clock.now();
    const days = input?.expiresInDays ?? ratingSettings(await policyForOrganisation(ctx, actor.orgId, trx)).tokenExpiryDays;
    const row = { id: newId(now), org_id: actor.orgId, survey_id: survey.id, token_hash: sha256Hex(token), expires_at: now + days * DAY, used_at: null, created_by: actor.userId || null, created_at: now };
    await repo.insertLink(trx, row);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'survey_link', entityId: row.id, after: { surveyId: survey.id, expiresAt: new Date(row.expires_at).toISOString() } });
    return { id: row.id, surveyId: survey.id, token, url: `/s/t/${token}`, expiresAt: new Date(row.expires_at).toISOString() };
  });
}

/** The standing link of a survey, for a QR code on a poster or a ward's bedside card. */
export async function standingSurveyLink(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor, linkIssuers);
  const survey = await loadSurveyInScope(ctx, actor, id);
  const code = encodeSurveyCode(ctx.config.secret!, { orgId: survey.org_id, surveyId: survey.id });
  return { code, url: `/s/${code}` };
}
