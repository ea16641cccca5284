import type { Role } from './types';

/**
 * What each role may use. The server enforces all of it (403); the UI only hides what a role
 * cannot use and shows a 403 page on direct URLs.
 */
export type Feature =
  | 'home'
  | 'units'
  | 'staff'
  | 'users'
  | 'tokens'
  | 'calendar'
  | 'calendarOverrides'
  | 'policy'
  | 'audit'
  | 'password';

const everyone: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'];
const managers: readonly Role[] = ['admin', 'quality_office', 'unit_head'];
const orgManagers: readonly Role[] = ['admin', 'quality_office'];

export const featureRoles: Record<Feature, readonly Role[]> = {
  home: everyone,
  units: managers,
  staff: managers,
  users: ['admin'],
  tokens: everyone,
  calendar: everyone,
  calendarOverrides: orgManagers,
  policy: orgManagers,
  audit: orgManagers,
  password: everyone,
};

export function can(role: Role | undefined, feature: Feature): boolean {
  return !!role && featureRoles[feature].includes(role);
}
