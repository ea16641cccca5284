import type { Kysely } from 'kysely';

/**
 * Award selection (评选, issue 16; RULES §6): rounds of an award type and period, nominations with
 * their quota scope and stored eligibility, objections lodged during publicity (公示), ballots
 * (who voted, apart from what was chosen: the choices carry no voter, so a tally shows counts
 * only), score sheets per scorer, and the honours a round gives (光荣榜, automatic honours).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('award_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('award_type', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('publicity_ends_at', 'bigint')
    .addColumn('results', 'text')
    .addColumn('opened_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('announced_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('award_rounds_type_period_ux').on('award_rounds').columns(['org_id', 'award_type', 'period']).unique().execute();
  await db.schema.createIndex('award_rounds_org_year_ix').on('award_rounds').columns(['org_id', 'year', 'state']).execute();

  await db.schema
    .createTable('award_nominations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('award_rounds.id'))
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('quota_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('eligible', 'integer')
    .addColumn('reasons', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('votes', 'integer')
    .addColumn('score_num', 'integer')
    .addColumn('score_den', 'integer')
    .addColumn('rank', 'integer')
    .addColumn('tied', 'integer')
    .addColumn('nominated_by', 'text')
    .addColumn('nominated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('award_nominations_round_ix').on('award_nominations').columns(['round_id', 'state', 'quota_key']).execute();
  await db.schema.createIndex('award_nominations_subject_ix').on('award_nominations').columns(['round_id', 'subject_key']).execute();

  await db.schema
    .createTable('award_objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('award_rounds.id'))
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('award_nominations.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('award_objections_round_ix').on('award_objections').columns(['round_id', 'state']).execute();

  await db.schema
    .createTable('award_ballots')
    .addColumn('round_id', 'text', (c) => c.notNull().references('award_rounds.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('cast_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_ballots_pk', ['round_id', 'voter_id'])
    .execute();
  // The choices of all ballots of a round, without the voter: a random id, the nomination chosen.
  await db.schema
    .createTable('award_ballot_choices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('award_rounds.id'))
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('award_nominations.id'))
    .execute();
  await db.schema.createIndex('award_ballot_choices_round_ix').on('award_ballot_choices').columns(['round_id', 'nomination_id']).execute();

  await db.schema
    .createTable('award_score_sheets')
    .addColumn('round_id', 'text', (c) => c.notNull().references('award_rounds.id'))
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('award_nominations.id'))
    .addColumn('scorer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_score_sheets_pk', ['round_id', 'nomination_id', 'scorer_id'])
    .execute();

  await db.schema
    .createTable('honours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('award_rounds.id'))
    .addColumn('nomination_id', 'text')
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honours_staff_ix').on('honours').columns(['org_id', 'staff_id', 'year']).execute();
  await db.schema.createIndex('honours_unit_ix').on('honours').columns(['org_id', 'unit_id', 'year']).execute();
  await db.schema.createIndex('honours_round_ix').on('honours').columns(['round_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
