/**
 * Template versions (RULES §4, issue 14 item 2): an organisation scores with a stored version of
 * each template. The first use stores the pack's template as it is; an edit stores a new version
 * and never rewrites an old one, so an inspection keeps the version it was scored with.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { parseJson } from '../../shared/json.js';
import { compileTemplate, validateTemplate, type CompiledTemplate, type ScoringIssue, type ScoringTemplate } from '../../engines/scoring/index.js';
import { findInspectionTemplate, inspectionTemplatesOf } from '../../policy/index.js';
import type { InspectionTemplatesTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import * as repo from './repository.js';

export interface TemplateVersion {
  template: ScoringTemplate;
  version: number;
  compiled: CompiledTemplate;
}

function versionOf(row: InspectionTemplatesTable): TemplateVersion {
  const template = parseJson<ScoringTemplate>(row.body, {} as ScoringTemplate);
  return { template, version: row.version, compiled: compileTemplate({ ...template, version: row.version }) };
}

/** The version to score with now: the newest stored one, else the pack's, stored on this first use. */
export async function currentTemplate(ctx: AppContext, orgId: string, code: string, db: Executor = ctx.db.kysely, options: { store?: boolean } = {}): Promise<TemplateVersion> {
  const stored = await repo.findLatestTemplate(db, orgId, code);
  if (stored) return versionOf(stored);
  const pack = await policyForOrganisation(ctx, orgId, db);
  const fromPack = findInspectionTemplate(pack, code);
  if (!fromPack) throw new AppError('not_found', { details: { entity: 'inspection_template', code } });
  const version = fromPack.version ?? 1;
  const row: InspectionTemplatesTable = { org_id: orgId, code, version, body: JSON.stringify({ ...fromPack, version }), created_by: null, created_at: ctx.clock.now() };
  if (options.store === false) return versionOf(row);
  // A concurrent first use may have stored it already: either way the stored row is the one.
  await repo.insertTemplateVersion(db, row);
  return versionOf((await repo.findTemplateVersion(db, orgId, code, version)) ?? row);
}

/** The exact version an inspection was scored with. */
export async function templateVersion(ctx: AppContext, orgId: string, code: string, version: number, db: Executor = ctx.db.kysely): Promise<TemplateVersion | undefined> {
  const row = await repo.findTemplateVersion(db, orgId, code, version);
  return row ? versionOf(row) : undefined;
}

/**
 * A template as the engine reads it, with its stored version and where it came from: the editor
 * sends the same shape back (PUT) with its changes.
 */
function presentTemplate(t: ScoringTemplate, version: number, origin: 'pack' | 'edited') {
  return { ...t, version, origin };
}

/**
 * Every template the organisation can score with: the pack's (at their stored version once used)
 * and those its quality office added. Any logged-in user may read them (the phone form loads them).
 */
export async function listTemplates(ctx: AppContext, actor: Actor) {
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const stored = new Map((await repo.findLatestTemplates(ctx.db.kysely, actor.orgId)).map((r) => [r.code, r]));
  const items = inspectionTemplatesOf(pack).map((t) => {
    const row = stored.get(t.code);
    stored.delete(t.code);
    return row ? presentTemplate(parseJson<ScoringTemplate>(row.body, t), row.version, row.created_by ? 'edited' : 'pack') : presentTemplate(t, t.version ?? 1, 'pack');
  });
  for (const row of stored.values()) items.push(presentTemplate(parseJson<ScoringTemplate>(row.body, {} as ScoringTemplate), row.version, 'edited'));
  return { items };
}

export async function getTemplate(ctx: AppContext, actor: Actor, code: string) {
  const row = await repo.findLatestTemplate(ctx.db.kysely, actor.orgId, code);
  if (row) return presentTemplate(parseJson<ScoringTemplate>(row.body, {} as ScoringTemplate), row.version, row.created_by ? 'edited' : 'pack');
  const t = findInspectionTemplate(await policyForOrganisation(ctx, actor.orgId), code);
  if (!t) throw new AppError('not_found', { details: { entity: 'inspection_template', code } });
  return presentTemplate(t, t.version ?? 1, 'pack');
}

/** Engine issues as the project's field details: `['results', 2, 'item']` → `body.results.2.item`. */
export function fieldIssuesOf(issues: ScoringIssue[], base: string) {
  return issues.map((i) => fieldIssue([base, ...i.path].join('.'), i.message));
}

/**
 * 模板编辑: stores the edited template as the next version (quality office and admin). The editor
 * names the version it started from: another edit in between answers 409. Past inspections keep
 * their version and their score.
 */
export async function saveTemplateVersion(ctx: AppContext, actor: Actor, code: string, input: { version: number; template: Record<string, unknown> }) {
  requireRole(actor, orgManagers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await repo.findLatestTemplate(trx, actor.orgId, code);
    const pack = await policyForOrganisation(ctx, actor.orgId, trx);
    const fromPack = findInspectionTemplate(pack, code);
    // A template never used has the pack's version; a new code starts from 0.
    const currentVersion = current?.version ?? (fromPack ? (fromPack.version ?? 1) : 0);
    if (input.version !== currentVersion) throw new AppError('version_conflict', { details: { current: currentVersion } });
    if (input.template.code !== undefined && input.template.code !== code) {
      throw invalidFields(fieldIssue('body.template.code', { zh: `模板编码须与地址中的"${code}"一致`, en: `the template code must be "${code}", as in the address` }));
    }
    const version = currentVersion + 1;
    const template = { ...input.template, code, version };
    const checked = validateTemplate(template);
    if (!checked.ok) throw invalidFields(...fieldIssuesOf(checked.issues, 'body.template'));
    const row: InspectionTemplatesTable = { org_id: actor.orgId, code, version, body: JSON.stringify(checked.template), created_by: actor.userId || actor.username, created_at: ctx.clock.now() };
    if (!(await repo.insertTemplateVersion(trx, row))) throw new AppError('version_conflict', { details: { current: version } });
    await appendAudit(ctx, trx, actor, { action: currentVersion === 0 ? 'create' : 'update', entity: 'inspection_template', entityId: `${code}@${version}`, after: { code, version } });
    return presentTemplate(checked.template, version, 'edited');
  });
}

/** Names of a template version and its items (exports and reports label rows with them). */
export async function templateLabels(ctx: AppContext, orgId: string, code: string, version: number) {
  const t = (await templateVersion(ctx, orgId, code, version))?.template;
  const items = new Map<string, { zh: string; en: string }>();
  for (const s of t?.sections ?? []) for (const i of s.items) items.set(i.code, i.label);
  return { label: t?.label ?? { zh: code, en: code }, items };
}
