import type { Kysely } from 'kysely';

/**
 * Appraisal template versions (个人考核 template editor, issue #21): an organisation's own versions
 * of a pack template. The pack's template is version 1; each saved edit is the next version (2, 3,
 * …) with the whole definition as JSON and the version it was edited from. Rows are never
 * changed, so a sheet filled with a version keeps it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appraisal_template_versions')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('based_on_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('appraisal_template_versions_pk', ['org_id', 'code', 'version'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
