import { AppError } from './errors.js';

/** 角色 — the roles of a Youzhi user. */
export const roles = ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'] as const;
export type Role = (typeof roles)[number];

/** What an API token may do: `read` GET/HEAD only; `open311` the Open311 intake only; `full` whatever its user may. */
export const tokenScopes = ['read', 'open311', 'full'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Who is calling: resolved once per request by the auth plugin, passed to every service. */
export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
  username: string;
  staffId: string | null;
  /** The unit the user belongs to; for unit heads it is the root of what they may see. */
  unitId: string | null;
  /** '/…/unitId/' path of that unit, or null for organisation-wide roles. */
  scopePath: string | null;
  via: 'session' | 'token' | 'cli';
  /** Set when the caller is an API token: what the token may do (the user's role still applies). */
  tokenScope?: TokenScope;
}

/** The system itself (CLI, seeding, jobs): organisation-wide, audited under this label. */
export function systemActor(orgId: string, label = 'system'): Actor {
  return { userId: '', orgId, role: 'admin', username: label, staffId: null, unitId: null, scopePath: null, via: 'cli' };
}

/** Who did something, as people read it: a user (by display name), the public, or the system itself. */
export type ActorKind = 'user' | 'public' | 'system';
/** Entries written for the public (an online complaint, a rating and the 差评 case it opens). */
const publicLabels: ReadonlySet<string> = new Set(['public', 'rating']);
export function actorKindOf(actorId: string | null, label: string): ActorKind {
  return actorId ? 'user' : publicLabels.has(label) ? 'public' : 'system';
}

const orgWideRoles: ReadonlySet<Role> = new Set(['admin', 'quality_office', 'inspector', 'supervisor']);

/** Roles that are limited to the subtree of their own unit. */
export function isUnitScoped(role: Role): boolean {
  return !orgWideRoles.has(role);
}

export function requireRole(actor: Actor, allowed: readonly Role[]): void {
  if (!allowed.includes(actor.role)) throw new AppError('forbidden', { details: { required: allowed } });
}

/** A record belongs to the caller's organisation, or it does not exist for them. */
export function requireSameOrg(actor: Actor, orgId: string): void {
  if (actor.orgId !== orgId) throw new AppError('not_found');
}

/** Whether a unit (by its path) lies in the caller's subtree. */
export function unitInScope(actor: Actor, unitPath: string): boolean {
  return actor.scopePath === null || unitPath.startsWith(actor.scopePath);
}

export function requireUnitInScope(actor: Actor, unitPath: string): void {
  if (!unitInScope(actor, unitPath)) throw new AppError('out_of_scope');
}

/** Who may change organisation-level records (units, staff, calendar, users). */
export const managers: readonly Role[] = ['admin', 'quality_office', 'unit_head'];
export const orgManagers: readonly Role[] = ['admin', 'quality_office'];
