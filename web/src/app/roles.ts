import type { TFunction } from 'i18next';

/**
 * The roles (the server's `users.role`) and the groups the access rules are written in: the only
 * place the screens name a role. What each group may use is in `access.ts`.
 */
export const roles = ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'] as const;
export type Role = (typeof roles)[number];

export const roleGroups = {
  everyone: roles,
  /** The administrator alone: user accounts, next year's holiday schedule. */
  admin: ['admin'],
  /** The organisation's managers: the whole organisation's data (server: `orgWide`). */
  orgManagers: ['admin', 'quality_office'],
  /** Managers of units: organisation managers and unit heads (their own subtree). */
  managers: ['admin', 'quality_office', 'unit_head'],
  /** Whoever serves the public: takes complaints, inquiries and applications, issues rating codes (server: ratings `issuers`, intake roles). */
  handlers: ['admin', 'quality_office', 'unit_head', 'staff'],
  /** Who may read the staff roster (GET /api/v1/staff): managers and inspectors. */
  rosterReaders: ['admin', 'quality_office', 'unit_head', 'inspector'],
  /** Roles that work inside one unit, so an account of theirs names it. */
  unitBound: ['unit_head', 'staff'],
  /** Heads of a unit (the ones a case of their subtree is suggested to). */
  unitHeads: ['unit_head'],
  /** Who fills in inspections (明察暗访): the organisation's managers, inspectors and social supervisors. */
  inspectors: ['admin', 'quality_office', 'inspector', 'supervisor'],
  /** Who reads inspections: the inspectors (their own), and unit heads (their units'). */
  inspectionReaders: ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;
export type RoleGroup = keyof typeof roleGroups;

/** The role a new account starts with. */
export const defaultRole: Role = 'staff';

export function inGroup(role: Role | undefined, group: RoleGroup): boolean {
  return !!role && (roleGroups[group] as readonly Role[]).includes(role);
}

/** The role's name in the current language (a role the screens do not know: its code). */
export function roleLabel(t: TFunction, role: string): string {
  return t(`roles.${role}`, { defaultValue: role });
}

/** The roles as select options, in their order. */
export function roleOptions(t: TFunction): { value: Role; label: string }[] {
  return roles.map((r) => ({ value: r, label: roleLabel(t, r) }));
}

/** The tag colour of a role in lists: the administrator stands out. */
export const roleColor = (role: Role): string => (inGroup(role, 'admin') ? 'red' : 'blue');
