import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, systemActor, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { OrganisationsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import type { CreateOrganisationInput, Sector } from './schema.js';
import * as repo from './repository.js';

export function presentOrganisation(row: OrganisationsTable) {
  return { id: row.id, code: row.code, name: row.name, sector: row.sector as Sector, version: row.version };
}

export async function loadOrganisation(ctx: AppContext, orgId: string, db: Executor = ctx.db.kysely): Promise<OrganisationsTable> {
  const row = await repo.findOrganisationById(db, orgId);
  if (!row) throw new AppError('not_found', { details: { entity: 'organisation' } });
  return row;
}

export async function getOwnOrganisation(ctx: AppContext, actor: Actor) {
  return presentOrganisation(await loadOrganisation(ctx, actor.orgId));
}

export async function findOrganisationByCode(ctx: AppContext, code: string) {
  const row = await repo.findOrganisationByCode(ctx.db.kysely, code);
  return row ? presentOrganisation(row) : null;
}

export async function countOrganisations(ctx: AppContext) {
  return repo.countOrganisations(ctx.db.kysely);
}

export async function listOrganisations(ctx: AppContext) {
  return (await repo.listOrganisations(ctx.db.kysely)).map(presentOrganisation);
}

/** Creates a tenant (CLI and seeding only: tenants are the installation's business, not an org admin's). */
export async function createOrganisation(ctx: AppContext, input: CreateOrganisationInput) {
  const now = ctx.clock.now();
  const row: OrganisationsTable = { id: newId(now), code: input.code, name: input.name, sector: input.sector, policy_overrides: '{}', created_at: now, updated_at: now, version: 1 };
  await onUniqueViolation(
    () =>
      ctx.db.kysely.transaction().execute(async (trx) => {
        await repo.insertOrganisation(trx, row);
        await appendAudit(ctx, trx, systemActor(row.id), { action: 'create', entity: 'organisation', entityId: row.id, after: presentOrganisation(row) });
      }),
    () => new AppError('duplicate', { details: { field: 'code' } }),
  );
  return presentOrganisation(row);
}

export async function updateOrganisation(ctx: AppContext, actor: Actor, input: { version: number; name: string }) {
  requireRole(actor, ['admin']);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadOrganisation(ctx, actor.orgId, trx);
    const changes = { name: input.name, updated_at: ctx.clock.now() };
    if (!(await repo.updateOrganisationIfVersion(trx, row.id, input.version, changes))) throw new AppError('version_conflict');
    const after = { ...row, ...changes, version: input.version + 1 };
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'organisation', entityId: row.id, before: presentOrganisation(row), after: presentOrganisation(after) });
    return presentOrganisation(after);
  });
}

/** The organisation's stored policy overrides (validated by the policy module before they are saved). */
export async function readPolicyOverrides(ctx: AppContext, orgId: string, db: Executor = ctx.db.kysely): Promise<{ sector: Sector; overrides: unknown; version: number }> {
  const row = await loadOrganisation(ctx, orgId, db);
  return { sector: row.sector as Sector, overrides: parseJson(row.policy_overrides, {}), version: row.version };
}

export async function writePolicyOverrides(ctx: AppContext, trx: Executor, orgId: string, version: number, overrides: unknown): Promise<void> {
  const ok = await repo.updateOrganisationIfVersion(trx, orgId, version, { policy_overrides: JSON.stringify(overrides), updated_at: ctx.clock.now() });
  if (!ok) throw new AppError('version_conflict');
}
