import type { Kysely } from 'kysely';

/**
 * 满意度调查: organisation templates (built-ins live in code), surveys (a template snapshot run for
 * a unit over a cycle), single-use links (stored hashed), responses, and one row per answered
 * choice so results are grouped in SQL rather than by parsing every response.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('based_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('survey_templates_org_code_uq', ['org_id', 'code'])
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_org_path_ix').on('surveys').columns(['org_id', 'unit_path']).execute();

  await db.schema
    .createTable('survey_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('link_id', 'text', (c) => c.unique())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('submitted_date', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_org_idempotency_uq', ['org_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('survey_responses_survey_date_ix').on('survey_responses').columns(['survey_id', 'submitted_date']).execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('choice', 'text')
    .addColumn('answer_text', 'text')
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'seq'])
    .execute();
  await db.schema.createIndex('survey_answers_survey_date_ix').on('survey_answers').columns(['survey_id', 'answered_date', 'question_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
