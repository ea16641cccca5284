import { sql, type Kysely } from 'kysely';

/**
 * The incident file (差错事故档案, issue 15): `staff_incidents` becomes `incidents` — of a person
 * and/or a unit, of every kind the seeds use, with an amount in fen, kind-specific details (JSON),
 * a verification state (reported → verified | unfounded: who, when, why) and a version.
 *
 * Existing rows came from flows that had verified them (a complaint's 核实, an inspection, an
 * application's notice), so they arrive `verified`; a complaint's kind gets its stable code
 * (`complaint` → `verified_complaint`); a row without a unit takes the person's primary unit.
 * The old unique key (source, staff) becomes (source, subject), the subject being the person or,
 * for a unit-level incident, the unit: SQL treats NULLs as distinct, so a unit's row needs a key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('reported_by_name', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text')
    .addColumn('verified_by_name', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('state_note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('incidents_source_uq', ['source_type', 'source_id', 'subject_key'])
    .execute();

  await sql`
    insert into incidents (id, org_id, staff_id, unit_id, subject_key, kind, state, occurred_at, amount_fen, details, summary, verdict,
      source_type, source_id, reported_by, reported_by_name, verified_by, verified_by_name, verified_at, state_note, created_at, updated_at, version)
    select s.id, s.org_id, s.staff_id,
      coalesce(s.unit_id, (select su.unit_id from staff_units su where su.staff_id = s.staff_id order by su.is_primary desc limit 1)),
      s.staff_id,
      case when s.kind = 'complaint' then 'verified_complaint' else s.kind end,
      'verified', s.occurred_at, null,
      case
        when s.kind = 'complaint' and s.verdict in ('substantiated', 'partly_substantiated') then '{"verdict":"' || s.verdict || '"}'
        when s.source_type = 'inspection' and s.verdict = 'repeated' then '{"halfHearted":true}'
        else '{}'
      end,
      s.summary, s.verdict, s.source_type, s.source_id, null, 'system', null, null, s.created_at, null, s.created_at, s.created_at, 1
    from staff_incidents s`.execute(db);
  await db.schema.dropTable('staff_incidents').execute();

  await db.schema.createIndex('incidents_staff_ix').on('incidents').columns(['staff_id', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_unit_ix').on('incidents').columns(['unit_id', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_org_occurred_ix').on('incidents').columns(['org_id', 'occurred_at']).execute();
  // The sanctions jobs read the verified facts by organisation, in id order (listIncidentFacts).
  await db.schema.createIndex('incidents_org_state_ix').on('incidents').columns(['org_id', 'state', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
