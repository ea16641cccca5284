import type { Executor } from '../../shared/context.js';
import type { OrganisationsTable } from '../../db/types.js';
import { updateIfVersion } from '../../db/versioned.js';

export async function findOrganisationById(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationByCode(db: Executor, code: string) {
  return db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function countOrganisations(db: Executor): Promise<number> {
  const row = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listOrganisations(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('code').execute();
}

export async function insertOrganisation(db: Executor, row: OrganisationsTable) {
  await db.insertInto('organisations').values(row).execute();
}

export function updateOrganisationIfVersion(db: Executor, id: string, version: number, changes: Partial<OrganisationsTable>): Promise<boolean> {
  return updateIfVersion(db, 'organisations', id, version, changes);
}
