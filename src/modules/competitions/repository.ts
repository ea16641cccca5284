import { sql } from 'kysely';
/** Competitions, their units and raw figures (Kysely only; this module alone writes these tables). */
import type { Executor } from '../../shared/context.js';
import type { CompetitionsTable, CompetitionUnitsTable, CompetitionValuesTable } from '../../db/types.js';
import { updateIfVersion } from '../../db/versioned.js';

export async function insertCompetition(db: Executor, row: CompetitionsTable, units: CompetitionUnitsTable[]) {
  await db.insertInto('competitions').values(row).execute();
  if (units.length > 0) await db.insertInto('competition_units').values(units).execute();
}

export function findCompetitionById(db: Executor, id: string) {
  return db.selectFrom('competitions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCompetitions(db: Executor, f: { orgId: string; period?: string; preset?: string; state?: string; limit: number; offset: number }) {
  let q = db.selectFrom('competitions').where('org_id', '=', f.orgId);
  if (f.period) q = q.where('period', '=', f.period);
  if (f.preset) q = q.where('preset', '=', f.preset);
  if (f.state) q = q.where('state', '=', f.state);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q
    .select(['id', 'org_id', 'preset', 'title', 'period', 'state', 'created_by', 'created_at', 'updated_at', 'published_at', 'version'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** The units taking part, in their order, with name, code and path. */
export function findCompetitionUnits(db: Executor, competitionId: string) {
  return db
    .selectFrom('competition_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['cu.unit_id', 'cu.target_code', 'cu.sort_order', 'u.name', 'u.code', 'u.path', 'u.kind'])
    .where('cu.competition_id', '=', competitionId)
    .orderBy('cu.sort_order')
    .execute();
}

export function findCompetitionValues(db: Executor, competitionId: string) {
  return db.selectFrom('competition_values').selectAll().where('competition_id', '=', competitionId).execute();
}

/** Writes figures (insert or replace) and removes those given as null, one statement per figure. */
export async function saveCompetitionValues(db: Executor, rows: CompetitionValuesTable[], removed: { competition_id: string; unit_id: string; indicator: string; input: string }[]) {
  for (const r of removed) {
    await db.deleteFrom('competition_values').where('competition_id', '=', r.competition_id).where('unit_id', '=', r.unit_id).where('indicator', '=', r.indicator).where('input', '=', r.input).execute();
  }
  for (const r of rows) {
    await db
      .insertInto('competition_values')
      .values(r)
      .onConflict((oc) => oc.columns(['competition_id', 'unit_id', 'indicator', 'input']).doUpdateSet({ value: r.value, origin: r.origin, updated_at: r.updated_at }))
      .execute();
  }
}

export function updateCompetitionIfVersion(db: Executor, id: string, version: number, changes: Partial<CompetitionsTable>): Promise<boolean> {
  return updateIfVersion(db, 'competitions', id, version, changes);
}

/** Published competitions of a period (for awards and sanctions). */
/** Published competitions of the organisation: published within [from, to), or among `ids`. */
export function findPublishedCompetitionsBy(db: Executor, orgId: string, q: { publishedFrom?: number; publishedTo?: number; ids?: string[] }) {
  let s = db.selectFrom('competitions').select(['id']).where('org_id', '=', orgId).where('state', '=', 'published');
  if (q.publishedFrom !== undefined) s = s.where('published_at', '>=', q.publishedFrom);
  if (q.publishedTo !== undefined) s = s.where('published_at', '<', q.publishedTo);
  if (q.ids) s = q.ids.length ? s.where('id', 'in', q.ids) : s.where(sql<boolean>`1 = 0`);
  return s.orderBy('published_at').orderBy('id').execute();
}

export function findPublishedCompetitions(db: Executor, orgId: string, period: string) {
  return db.selectFrom('competitions').select(['id']).where('org_id', '=', orgId).where('period', '=', period).where('state', '=', 'published').orderBy('created_at').execute();
}
