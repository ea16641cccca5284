/**
 * The appraisal template editor (个人考核 issue #21): an organisation's versions of its pack's sheet
 * templates. The pack's template is version 1; the quality office or an admin saves an edit as the
 * next version (2, 3, …), checked by the engine (`checkTemplate`) and the pack schema (every item,
 * grade and rule keeps a citation or a decision), from the newest version only (409 otherwise).
 * Versions are never changed, so a sheet keeps the version it was filled with.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { fieldIssuesOf, invalidFields } from '../../shared/issues.js';
import { parseJson } from '../../shared/json.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { AppraisalTemplateVersionsTable } from '../../db/types.js';
import { checkTemplate, type Citation, type SheetTemplate } from '../../engines/appraisal/index.js';
import { appraisalTemplateSchema, appraisalTemplatesOf, describeSource, findAppraisalTemplate, type PolicyPack } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import type { CreateVersionInput } from './schema.js';
import * as repo from './repository.js';

const PACK_VERSION = 1;
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

interface Meta {
  origin: 'pack' | 'organisation';
  basedOnVersion: number | null;
  createdBy: string | null;
  createdAt: string | null;
}
const PACK_META: Meta = { origin: 'pack', basedOnVersion: null, createdBy: null, createdAt: null };
const metaOf = (row: AppraisalTemplateVersionsTable): Meta => ({ origin: 'organisation', basedOnVersion: Number(row.based_on_version), createdBy: row.created_by, createdAt: iso(row.created_at) });
const templateOf = (row: AppraisalTemplateVersionsTable): SheetTemplate => ({ ...parseJson<SheetTemplate>(row.definition, null as never), code: row.code, version: Number(row.version) });

/** A citation as screens show it: the source document in words (never the raw line), or the decision. */
const citationOf = (c: Citation) => ({ inWords: describeSource(c.source).map((r) => r.text), decision: c.decision ?? null });

function presentSummary(t: SheetTemplate, meta: Meta) {
  return { code: t.code, version: t.version, label: t.label, post: t.post, period: t.period, items: t.items.length, stars: t.stars.length, ...meta };
}

/** A template in full, each item, grade and rule with its citation in words. */
export function presentTemplate(t: SheetTemplate, meta: Meta) {
  return {
    ...presentSummary(t, meta),
    items: t.items.map((i) => ({ ...i, citation: citationOf(i) })),
    stars: t.stars.map((s) => ({ ...s, citation: citationOf(s) })),
    bottom: t.bottom ? { ...t.bottom, citation: citationOf(t.bottom) } : null,
    source: t.source ?? null,
    decision: t.decision ?? null,
    citation: citationOf(t),
  };
}

function packTemplate(pack: PolicyPack, code: string): SheetTemplate {
  const t = findAppraisalTemplate(pack, code);
  if (!t) throw new AppError('not_found', { details: { entity: 'appraisal-template', code } });
  return t;
}

/**
 * The template `code` of the organisation: `version` (1 = the pack's, 2… = its own edits), or the
 * newest when none is given. Undefined when the pack has no such template or no such version.
 */
export async function resolveAppraisalTemplate(ctx: AppContext, orgId: string, code: string, version?: number, db: Executor = ctx.db.kysely): Promise<SheetTemplate | undefined> {
  const pack = await policyForOrganisation(ctx, orgId, db);
  const fromPack = findAppraisalTemplate(pack, code);
  if (!fromPack) return undefined;
  if (version === PACK_VERSION) return fromPack;
  if (version !== undefined) {
    const row = await repo.findVersion(db, orgId, code, version);
    return row ? templateOf(row) : undefined;
  }
  const [newest] = await repo.findVersions(db, orgId, code);
  return newest ? templateOf(newest) : fromPack;
}

/** The pack's templates, each in its newest version for the organisation. */
export async function listAppraisalTemplates(ctx: AppContext, actor: Actor) {
  requireRole(actor, managers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const latest = new Map((await repo.findLatestVersions(ctx.db.kysely, actor.orgId)).map((r) => [r.code, r]));
  return {
    items: appraisalTemplatesOf(pack).map(({ code, template }) => {
      const row = latest.get(code);
      return row ? presentSummary(templateOf(row), metaOf(row)) : presentSummary(template, PACK_META);
    }),
  };
}

/** One template: the version asked for (default the newest) in full, and the list of versions. */
export async function getAppraisalTemplate(ctx: AppContext, actor: Actor, code: string, version?: number) {
  requireRole(actor, managers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const fromPack = packTemplate(pack, code);
  const rows = await repo.findVersions(ctx.db.kysely, actor.orgId, code);
  const versions = [...rows.map((r) => ({ version: Number(r.version), ...metaOf(r) })), { version: PACK_VERSION, ...PACK_META }];
  const wanted = version ?? versions[0].version;
  const row = rows.find((r) => Number(r.version) === wanted);
  if (wanted !== PACK_VERSION && !row) throw new AppError('not_found', { details: { entity: 'appraisal-template-version', code, version: wanted } });
  const template = row ? presentTemplate(templateOf(row), metaOf(row)) : presentTemplate(fromPack, PACK_META);
  return { ...template, latestVersion: versions[0].version, versions };
}

/** Save an edit as the next version (quality office, admin); 400 naming the field; 409 unless edited from the newest. */
export async function createAppraisalTemplateVersion(ctx: AppContext, actor: Actor, code: string, input: CreateVersionInput) {
  requireRole(actor, orgManagers);
  const pack = await policyForOrganisation(ctx, actor.orgId);
  packTemplate(pack, code);
  const { code: _code, version: _version, ...body } = input.definition;
  const problems = checkTemplate({ ...body, code, version: input.basedOnVersion + 1 });
  if (problems.length > 0) {
    // Field issues as validation_failed words them (path, messages), plus the engine's stable code.
    const words = (p: (typeof problems)[number]) => p.message ?? { zh: p.code, en: p.code };
    throw new AppError('appraisal_template_invalid', { details: problems.map((p) => ({ path: `body.definition.${p.field}`, code: p.code, message: words(p).en, messages: words(p) })) });
  }
  const parsed = appraisalTemplateSchema.safeParse(body);
  if (!parsed.success) throw invalidFields(...fieldIssuesOf(parsed.error.issues, 'body.definition'));

  return ctx.db.kysely.transaction().execute(async (trx) => {
    const [newest] = await repo.findVersions(trx, actor.orgId, code);
    const current = newest ? Number(newest.version) : PACK_VERSION;
    if (input.basedOnVersion !== current) throw new AppError('version_conflict', { details: { current } });
    const now = ctx.clock.now();
    const template: SheetTemplate = { ...(parsed.data as Omit<SheetTemplate, 'code' | 'version'>), code, version: current + 1 };
    const row: AppraisalTemplateVersionsTable = {
      org_id: actor.orgId,
      code,
      version: template.version,
      definition: JSON.stringify(template),
      based_on_version: current,
      created_by: actor.userId,
      created_at: now,
    };
    // Two saves from the same version: the second finds the key taken.
    await onUniqueViolation(
      () => repo.insertVersion(trx, row),
      () => new AppError('version_conflict', { details: { current: current + 1 } }),
    );
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'appraisal_template', entityId: `${code}@${template.version}`, after: { code, version: template.version, basedOnVersion: current, definition: template } });
    return presentTemplate(template, metaOf(row));
  });
}
