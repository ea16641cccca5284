/** Award rounds, nominations, objections, ballots, score sheets and honours (Kysely only). */
import type { Executor } from '../../shared/context.js';
import type { DialectName } from '../../db/dialect.js';
import type { AwardNominationsTable, AwardObjectionsTable, AwardRoundsTable, AwardScoreSheetsTable, HonoursTable } from '../../db/types.js';

// --- rounds ---------------------------------------------------------------------------------------

export async function insertRound(db: Executor, row: AwardRoundsTable): Promise<void> {
  await db.insertInto('award_rounds').values(row).execute();
}

export async function findRound(db: Executor, id: string): Promise<AwardRoundsTable | undefined> {
  return db.selectFrom('award_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The round, locked for the transaction on PostgreSQL (nominations against a quota line up here). */
export async function lockRound(db: Executor, dialect: DialectName, id: string): Promise<AwardRoundsTable | undefined> {
  let q = db.selectFrom('award_rounds').selectAll().where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findRounds(db: Executor, f: { orgId: string; state?: string; year?: number; states?: string[]; announcedSince?: number }) {
  let q = db.selectFrom('award_rounds').selectAll().where('org_id', '=', f.orgId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.states) q = q.where('state', 'in', f.states);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.announcedSince !== undefined) q = q.where('announced_at', '>=', f.announcedSince);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export async function updateRoundIfVersion(db: Executor, id: string, version: number, changes: Partial<AwardRoundsTable>): Promise<boolean> {
  const r = await db
    .updateTable('award_rounds')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- nominations ----------------------------------------------------------------------------------

export async function insertNomination(db: Executor, row: AwardNominationsTable): Promise<void> {
  await db.insertInto('award_nominations').values(row).execute();
}

const nominationView = (db: Executor) =>
  db
    .selectFrom('award_nominations as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('staff as s', 's.id', 'n.staff_id')
    .selectAll('n')
    .select(['u.name as unit_name', 's.name as staff_name']);

export type NominationRow = AwardNominationsTable & { unit_name: string; staff_name: string | null };

export async function findNominations(db: Executor, roundId: string, states?: string[]): Promise<NominationRow[]> {
  let q = nominationView(db).where('n.round_id', '=', roundId);
  if (states) q = q.where('n.state', 'in', states);
  return q.orderBy('n.nominated_at').orderBy('n.id').execute();
}

export async function findNomination(db: Executor, id: string): Promise<NominationRow | undefined> {
  return nominationView(db).where('n.id', '=', id).executeTakeFirst();
}

export async function countNominationsByQuota(db: Executor, roundId: string): Promise<{ quota_key: string; n: number }[]> {
  const rows = await db
    .selectFrom('award_nominations')
    .select(['quota_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('state', 'not in', ['cancelled', 'withdrawn'])
    .groupBy('quota_key')
    .execute();
  return rows.map((r) => ({ quota_key: r.quota_key, n: Number(r.n) }));
}

export async function findNominationBySubject(db: Executor, roundId: string, subjectKey: string) {
  return db.selectFrom('award_nominations').select(['id', 'state']).where('round_id', '=', roundId).where('subject_key', '=', subjectKey).where('state', 'not in', ['withdrawn']).executeTakeFirst();
}

export async function updateNomination(db: Executor, id: string, changes: Partial<AwardNominationsTable>): Promise<void> {
  await db.updateTable('award_nominations').set(changes).where('id', '=', id).execute();
}

export async function deleteNomination(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('award_nominations').where('id', '=', id).execute();
}

// --- objections -----------------------------------------------------------------------------------

export async function insertObjection(db: Executor, row: AwardObjectionsTable): Promise<void> {
  await db.insertInto('award_objections').values(row).execute();
}

export async function findObjections(db: Executor, roundId: string) {
  return db
    .selectFrom('award_objections as o')
    .innerJoin('award_nominations as n', 'n.id', 'o.nomination_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('staff as s', 's.id', 'n.staff_id')
    .selectAll('o')
    .select(['u.name as unit_name', 's.name as staff_name'])
    .where('o.round_id', '=', roundId)
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
}

export async function findObjection(db: Executor, id: string): Promise<AwardObjectionsTable | undefined> {
  return db.selectFrom('award_objections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countOpenObjections(db: Executor, roundId: string): Promise<number> {
  const r = await db.selectFrom('award_objections').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).where('state', '=', 'open').executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function decideObjectionIfOpen(db: Executor, id: string, changes: Partial<AwardObjectionsTable>): Promise<boolean> {
  const r = await db.updateTable('award_objections').set(changes).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- ballots and score sheets ----------------------------------------------------------------------

/** Records that the voter voted (the primary key makes a second ballot fail) and the choices apart. */
export async function insertBallot(db: Executor, b: { roundId: string; voterId: string; orgId: string; castAt: number; choices: { id: string; nominationId: string }[] }): Promise<void> {
  await db.insertInto('award_ballots').values({ round_id: b.roundId, voter_id: b.voterId, org_id: b.orgId, cast_at: b.castAt }).execute();
  if (b.choices.length) await db.insertInto('award_ballot_choices').values(b.choices.map((c) => ({ id: c.id, round_id: b.roundId, nomination_id: c.nominationId }))).execute();
}

export async function findBallot(db: Executor, roundId: string, voterId: string) {
  return db.selectFrom('award_ballots').select(['cast_at']).where('round_id', '=', roundId).where('voter_id', '=', voterId).executeTakeFirst();
}

export async function countBallots(db: Executor, roundId: string): Promise<number> {
  const r = await db.selectFrom('award_ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countChoices(db: Executor, roundId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('award_ballot_choices')
    .select(['nomination_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .groupBy('nomination_id')
    .execute();
  return new Map(rows.map((r) => [r.nomination_id, Number(r.n)]));
}

export async function upsertScoreSheet(db: Executor, row: AwardScoreSheetsTable): Promise<void> {
  await db
    .insertInto('award_score_sheets')
    .values(row)
    .onConflict((oc) => oc.columns(['round_id', 'nomination_id', 'scorer_id']).doUpdateSet({ items: row.items, total: row.total, updated_at: row.updated_at }))
    .execute();
}

export async function findScoreTotals(db: Executor, roundId: string): Promise<{ nomination_id: string; total: number }[]> {
  const rows = await db.selectFrom('award_score_sheets').select(['nomination_id', 'total']).where('round_id', '=', roundId).execute();
  return rows.map((r) => ({ nomination_id: r.nomination_id, total: Number(r.total) }));
}

export async function findScoreSheet(db: Executor, roundId: string, nominationId: string, scorerId: string) {
  return db.selectFrom('award_score_sheets').selectAll().where('round_id', '=', roundId).where('nomination_id', '=', nominationId).where('scorer_id', '=', scorerId).executeTakeFirst();
}

// --- honours --------------------------------------------------------------------------------------

export async function insertHonours(db: Executor, rows: HonoursTable[]): Promise<void> {
  if (rows.length) await db.insertInto('honours').values(rows).execute();
}

export async function findHonours(db: Executor, f: { orgId: string; staffId?: string; unitId?: string; year?: number; kind?: string; since?: number; nominationId?: string }) {
  let q = db
    .selectFrom('honours as h')
    .leftJoin('staff as s', 's.id', 'h.staff_id')
    .leftJoin('award_nominations as n', 'n.id', 'h.nomination_id')
    .leftJoin('units as u', 'u.id', 'n.unit_id')
    .selectAll('h')
    .select(['s.name as staff_name', 'u.name as unit_name', 'u.path as unit_path'])
    .where('h.org_id', '=', f.orgId);
  if (f.staffId) q = q.where('h.staff_id', '=', f.staffId);
  if (f.unitId) q = q.where('h.unit_id', '=', f.unitId);
  if (f.year !== undefined) q = q.where('h.year', '=', f.year);
  if (f.since !== undefined) q = q.where('h.at', '>=', f.since);
  if (f.kind) q = q.where('h.kind', '=', f.kind);
  if (f.nominationId) q = q.where('h.nomination_id', '=', f.nominationId);
  return q.orderBy('h.at', 'desc').orderBy('h.id').limit(1000).execute();
}

/** Award wins of a staff member in a year among these award types (for 'twice in a year'). */
export async function countAwardWins(db: Executor, f: { orgId: string; staffId: string; year: number; codes: string[] }): Promise<number> {
  if (f.codes.length === 0) return 0;
  const r = await db
    .selectFrom('honours')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', f.orgId)
    .where('staff_id', '=', f.staffId)
    .where('year', '=', f.year)
    .where('kind', '=', 'award')
    .where('code', 'in', f.codes)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
