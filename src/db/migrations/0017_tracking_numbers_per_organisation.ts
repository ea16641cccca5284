import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Tracking numbers count per organisation (issue 12): one counter across tenants let anyone read
 * another organisation's daily volume off the numbers. Each organisation's counters start where
 * the shared one stood (so no number issued before is issued again), and a number is unique
 * within its organisation; the public look-up tells equal numbers apart by their query code.
 *
 * SQLite cannot drop a column's UNIQUE, so `cases` is rebuilt there from its own definition, in
 * one transaction (the SQLite procedure: foreign keys off, new table, copy, drop, rename, indexes
 * back, check).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await perOrganisationCounters(db);
    await sql`alter table cases drop constraint if exists cases_tracking_no_key`.execute(db);
    await uniquePerOrganisation(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await perOrganisationCounters(trx);
      await rebuildSqliteCases(trx);
      await uniquePerOrganisation(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length) throw new Error(`0016: foreign keys broken by the rebuild of cases: ${JSON.stringify(broken.rows.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function perOrganisationCounters(db: Kysely<any>) {
  await sql`insert into counters (org_id, name, value) select o.id, c.name, c.value from counters c cross join organisations o where c.org_id = '*'`.execute(db);
  await sql`delete from counters where org_id = '*'`.execute(db);
}

// Leading tracking_no: the public look-up searches by number alone.
async function uniquePerOrganisation(db: Kysely<any>) {
  await db.schema.createIndex('cases_tracking_no_org_ux').unique().on('cases').columns(['tracking_no', 'org_id']).execute();
}

async function rebuildSqliteCases(db: Kysely<any>) {
  const definition = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'cases'`.execute(db)).rows[0].sql;
  const column = '"tracking_no" text not null unique';
  if (!definition.includes(column)) throw new Error(`0016: unexpected definition of cases: ${definition}`);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'cases' and sql is not null`.execute(db);
  await sql.raw(definition.replace(column, '"tracking_no" text not null').replace(/^CREATE TABLE "cases"/, 'CREATE TABLE "cases_new"')).execute(db);
  await sql`insert into cases_new select * from cases`.execute(db);
  await sql`drop table cases`.execute(db);
  await sql`alter table cases_new rename to cases`.execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}
