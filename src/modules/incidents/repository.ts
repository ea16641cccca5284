import type { Executor } from '../../shared/context.js';
import type { IncidentsTable } from '../../db/types.js';
import { searchAny, type DialectName } from '../../db/dialect.js';

export async function insertIncident(db: Executor, row: IncidentsTable): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

/** A fed incident once per (source, subject): a retry or a re-verification updates it in place. */
export async function upsertFedIncident(db: Executor, row: IncidentsTable): Promise<void> {
  await db
    .insertInto('incidents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['source_type', 'source_id', 'subject_key']).doUpdateSet((eb) => ({
        kind: row.kind,
        state: row.state,
        summary: row.summary,
        verdict: row.verdict,
        details: row.details,
        occurred_at: row.occurred_at,
        amount_fen: row.amount_fen,
        unit_id: row.unit_id,
        verified_by: row.verified_by,
        verified_by_name: row.verified_by_name,
        verified_at: row.verified_at,
        state_note: row.state_note,
        updated_at: row.updated_at,
        version: eb('incidents.version', '+', 1),
      })),
    )
    .execute();
}

export async function findIncidentById(db: Executor, id: string): Promise<IncidentsTable | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIncidentBySource(db: Executor, sourceType: string, sourceId: string, subjectKey: string): Promise<IncidentsTable | undefined> {
  return db.selectFrom('incidents').selectAll().where('source_type', '=', sourceType).where('source_id', '=', sourceId).where('subject_key', '=', subjectKey).executeTakeFirst();
}

export async function findIncidentsOfSource(db: Executor, sourceType: string, sourceId: string): Promise<IncidentsTable[]> {
  return db.selectFrom('incidents').selectAll().where('source_type', '=', sourceType).where('source_id', '=', sourceId).execute();
}

/** Writes `changes` and bumps the version while the row still has the version read; false otherwise. */
export async function updateIncidentIfVersion(db: Executor, id: string, version: number, changes: Partial<IncidentsTable>): Promise<boolean> {
  const r = await db
    .updateTable('incidents')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface IncidentFilter {
  orgId: string;
  /** A unit head's subtree: incidents of its units, or of people working in them. */
  scopePath: string | null;
  staffId?: string;
  unitId?: string;
  /** Incidents of this unit's subtree (the unit's file). */
  unitPath?: string;
  /** Only incidents with no person named (the unit's own). */
  unitOnly?: boolean;
  kind?: string;
  state?: string;
  start?: number;
  end?: number;
  /** Words in the summary, or the person's name or badge number. */
  q?: string;
  limit: number;
  offset: number;
}

export async function findIncidents(db: Executor, dialect: DialectName, f: IncidentFilter) {
  let q = db.selectFrom('incidents as i').leftJoin('units as u', 'u.id', 'i.unit_id').leftJoin('staff as s', 's.id', 'i.staff_id').where('i.org_id', '=', f.orgId);
  if (f.scopePath) {
    const scope = `${f.scopePath}%`;
    q = q.where((eb) =>
      eb.or([
        eb('u.path', 'like', scope),
        eb(
          'i.staff_id',
          'in',
          eb.selectFrom('staff_units as su').innerJoin('units as su_u', 'su_u.id', 'su.unit_id').select('su.staff_id').where('su_u.path', 'like', scope),
        ),
      ]),
    );
  }
  if (f.staffId) q = q.where('i.staff_id', '=', f.staffId);
  if (f.unitId) q = q.where('i.unit_id', '=', f.unitId);
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
  if (f.unitOnly) q = q.where('i.staff_id', 'is', null);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.start !== undefined) q = q.where('i.occurred_at', '>=', f.start);
  if (f.end !== undefined) q = q.where('i.occurred_at', '<', f.end);
  if (f.q) q = q.where(searchAny(dialect, f.q, ['i.summary', 's.name', 's.badge_no']));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll('i')
    .select(['u.name as unit_name', 'u.code as unit_code', 's.name as staff_name', 's.badge_no as staff_badge_no'])
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

export type IncidentListRow = Awaited<ReturnType<typeof findIncidents>>['rows'][number];

/** One incident with the names the screens show. */
export async function findIncidentView(db: Executor, id: string): Promise<IncidentListRow | undefined> {
  return db
    .selectFrom('incidents as i')
    .leftJoin('units as u', 'u.id', 'i.unit_id')
    .leftJoin('staff as s', 's.id', 'i.staff_id')
    .selectAll('i')
    .select(['u.name as unit_name', 'u.code as unit_code', 's.name as staff_name', 's.badge_no as staff_badge_no'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** Verified incidents of an organisation in id order (keyset paging), for the sanctions jobs. */
export async function findVerifiedIncidents(db: Executor, f: { orgId: string; verifiedFrom?: number; verifiedTo?: number; kinds?: string[]; ids?: string[]; afterId?: string; limit: number }) {
  let q = db.selectFrom('incidents').selectAll().where('org_id', '=', f.orgId).where('state', '=', 'verified');
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['-none-']);
  if (f.verifiedFrom !== undefined) q = q.where('verified_at', '>=', f.verifiedFrom);
  if (f.verifiedTo !== undefined) q = q.where('verified_at', '<', f.verifiedTo);
  if (f.kinds) q = q.where('kind', 'in', f.kinds.length ? f.kinds : ['-none-']);
  if (f.afterId) q = q.where('id', '>', f.afterId);
  return q.orderBy('id').limit(f.limit).execute();
}

/** Whether the organisation has any incident recorded by hand (the demo fills its file once). */
export async function hasManualIncidents(db: Executor, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('incidents').select('id').where('org_id', '=', orgId).where('source_type', 'is', null).limit(1).executeTakeFirst());
}
