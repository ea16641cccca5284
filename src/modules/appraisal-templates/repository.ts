/** Appraisal template versions (Kysely only; this module alone writes the table). */
import type { Executor } from '../../shared/context.js';
import type { AppraisalTemplateVersionsTable } from '../../db/types.js';

export function insertVersion(db: Executor, row: AppraisalTemplateVersionsTable) {
  return db.insertInto('appraisal_template_versions').values(row).execute();
}

/** Every version of one template of the organisation, newest first. */
export function findVersions(db: Executor, orgId: string, code: string) {
  return db.selectFrom('appraisal_template_versions').selectAll().where('org_id', '=', orgId).where('code', '=', code).orderBy('version', 'desc').execute();
}

export function findVersion(db: Executor, orgId: string, code: string, version: number) {
  return db.selectFrom('appraisal_template_versions').selectAll().where('org_id', '=', orgId).where('code', '=', code).where('version', '=', version).executeTakeFirst();
}

/** The newest version of each template the organisation has edited. */
export async function findLatestVersions(db: Executor, orgId: string) {
  const latest = db.selectFrom('appraisal_template_versions').select(['code', (eb) => eb.fn.max('version').as('version')]).where('org_id', '=', orgId).groupBy('code').as('l');
  return db
    .selectFrom('appraisal_template_versions as v')
    .innerJoin(latest, (j) => j.onRef('l.code', '=', 'v.code').onRef('l.version', '=', 'v.version'))
    .selectAll('v')
    .where('v.org_id', '=', orgId)
    .execute();
}
