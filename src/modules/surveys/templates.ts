import type { z } from 'zod';
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { SurveyTemplatesTable } from '../../db/types.js';
import { ratingSettings, wordingOf } from '../../policy/index.js';
import { ratingReasons } from '../ratings/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { builtinTemplates, findBuiltin, isBuiltin } from './builtins.js';
import type { createTemplateBody, SurveyDefinition, updateTemplateBody } from './schema.js';
import * as repo from './repository.js';

/** A template as the API shows it: built-ins have their code as id, version 0 and cannot be edited. */
export interface TemplateView {
  id: string;
  code: string;
  builtIn: boolean;
  basedOn: string | null;
  title: { zh: string; en: string };
  definition: SurveyDefinition;
  version: number;
  updatedAt: string | null;
}

function presentRow(row: SurveyTemplatesTable): TemplateView {
  const definition = parseJson(row.definition, null as unknown as SurveyDefinition);
  return {
    id: row.id,
    code: row.code,
    builtIn: false,
    basedOn: row.based_on,
    title: definition.title,
    definition,
    version: Number(row.version),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

function presentBuiltin(code: string, definition: SurveyDefinition): TemplateView {
  return { id: code, code, builtIn: true, basedOn: null, title: definition.title, definition, version: 0, updatedAt: null };
}

/**
 * What the built-ins are made from: the pack's positive levels (they ask "what were you unhappy
 * with?" below them), its 差评 reasons (the options of that question) and the templates its sector offers.
 */
async function builtinInputs(ctx: AppContext, orgId: string, db: Executor) {
  const pack = await policyForOrganisation(ctx, orgId, db);
  const reasons = (await ratingReasons(ctx, orgId, db)).filter((r) => r.active);
  return { positiveLevels: ratingSettings(pack).positiveLevels, problems: reasons.map(({ code, zh, en }) => ({ code, zh, en })), offered: wordingOf(pack, 'surveyTemplates').map((t) => t.code) };
}

/** The sector's built-ins (in the pack's order), then the organisation's own templates. */
export async function listTemplates(ctx: AppContext, actor: Actor) {
  const own = await repo.listTemplates(ctx.db.kysely, actor.orgId);
  const input = await builtinInputs(ctx, actor.orgId, ctx.db.kysely);
  const all = builtinTemplates(input.positiveLevels, input.problems);
  const builtins = input.offered.flatMap((code) => all.filter((b) => b.code === code));
  const items = [...builtins.map((b) => presentBuiltin(b.code, b.definition)), ...own.map(presentRow)];
  return { items, total: items.length };
}

/**
 * A built-in (by code) or one of the organisation's templates (by id); another organisation's does
 * not exist. Any built-in resolves, also one the sector does not list (a survey run from it before).
 */
export async function resolveTemplate(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely): Promise<TemplateView> {
  const input = isBuiltin(id) ? await builtinInputs(ctx, orgId, db) : undefined;
  const builtin = input ? findBuiltin(id, input.positiveLevels, input.problems) : undefined;
  if (builtin) return presentBuiltin(builtin.code, builtin.definition);
  const row = /^[0-9a-f-]{36}$/.test(id) ? await repo.findTemplate(db, id) : undefined;
  if (!row || row.org_id !== orgId) throw new AppError('not_found', { details: { entity: 'survey_template', id } });
  return presentRow(row);
}

export async function getTemplate(ctx: AppContext, actor: Actor, id: string) {
  return resolveTemplate(ctx, actor.orgId, id);
}

/** A new template from scratch or as a copy of a built-in or another template of the organisation. */
export async function createTemplate(ctx: AppContext, actor: Actor, input: z.infer<typeof createTemplateBody>) {
  requireRole(actor, orgManagers);
  if (isBuiltin(input.code)) throw new AppError('duplicate', { details: { code: input.code, reason: 'a built-in template has this code' } });
  const now = ctx.clock.now();
  return onUniqueViolation(
    () =>
      ctx.db.kysely.transaction().execute(async (trx) => {
        const source = input.copyOf ? await resolveTemplate(ctx, actor.orgId, input.copyOf, trx) : null;
        const definition = source ? source.definition : input.definition!;
        const row: SurveyTemplatesTable = {
          id: newId(now),
          org_id: actor.orgId,
          code: input.code,
          definition: JSON.stringify(definition),
          based_on: source ? source.code : null,
          created_by: actor.userId || null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await repo.insertTemplate(trx, row);
        const view = presentRow(row);
        await appendAudit(ctx, trx, actor, { action: 'create', entity: 'survey_template', entityId: row.id, after: { code: row.code, basedOn: row.based_on, definition } });
        return view;
      }),
    () => new AppError('duplicate', { details: { code: input.code } }),
  );
}

/** Replaces a template's definition (optimistic lock). Surveys already running keep their snapshot. */
export async function updateTemplate(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof updateTemplateBody>) {
  requireRole(actor, orgManagers);
  if (isBuiltin(id)) throw new AppError('builtin_template_readonly');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await resolveTemplate(ctx, actor.orgId, id, trx);
    requireVersion(before.version, input.version);
    const now = ctx.clock.now();
    if (!(await repo.updateTemplateIfVersion(trx, id, input.version, { definition: JSON.stringify(input.definition), updated_at: now }))) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'survey_template', entityId: id, before: { version: before.version, definition: before.definition }, after: { version: input.version + 1, definition: input.definition } });
    return { ...before, title: input.definition.title, definition: input.definition, version: input.version + 1, updatedAt: new Date(now).toISOString() };
  });
}
