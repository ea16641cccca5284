import type { Role } from './types';

/**
 * What each role may use. The server enforces all of it (403); the UI only hides what a role
 * cannot use and shows a 403 page on direct URLs.
 */
export type Feature =
  | 'home'
  | 'cases'
  | 'complaintIntake'
  | 'inquiryIntake'
  | 'applicationIntake'
  | 'serviceItems'
  | 'ratings'
  | 'ratingCodes'
  | 'servedCounts'
  | 'units'
  | 'staff'
  | 'users'
  | 'tokens'
  | 'calendar'
  | 'calendarOverrides'
  | 'calendarImport'
  | 'policy'
  | 'audit'
  | 'password'
  | 'dashboard'
  | 'surveys'
  | 'commitments'
  | 'inspections'
  | 'inspect'
  | 'inspectionTemplates'
  | 'inspectionTemplatesEdit';

const everyone: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff', 'inspector', 'supervisor'];
const managers: readonly Role[] = ['admin', 'quality_office', 'unit_head'];
const orgManagers: readonly Role[] = ['admin', 'quality_office'];
/** Who takes complaints and issues rating codes: everyone who serves the public (server: ratings `issuers`). */
const handlers: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff'];

export const featureRoles: Record<Feature, readonly Role[]> = {
  home: everyone,
  // Every role has a case inbox; the server decides which cases each one sees.
  cases: everyone,
  complaintIntake: handlers,
  // 首问负责 and 受理: whoever serves the public (server: inquiries and applications intakeRoles).
  inquiryIntake: handlers,
  applicationIntake: handlers,
  // Everyone reads the service guide; admin and the quality office edit it.
  serviceItems: everyone,
  ratings: managers,
  ratingCodes: handlers,
  servedCounts: managers,
  units: managers,
  staff: managers,
  users: ['admin'],
  tokens: everyone,
  calendar: everyone,
  calendarOverrides: orgManagers,
  // Next year's national schedule is the administrator's (server: POST /api/v1/calendar/import).
  calendarImport: ['admin'],
  policy: orgManagers,
  audit: orgManagers,
  password: everyone,
  dashboard: managers,
  surveys: managers,
  commitments: everyone,
  // 明察暗访 (issue 14): the unit head reads its units' inspections; the others also fill them in.
  inspections: ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor'],
  inspect: ['admin', 'quality_office', 'inspector', 'supervisor'],
  inspectionTemplates: ['admin', 'quality_office', 'unit_head', 'inspector', 'supervisor'],
  inspectionTemplatesEdit: orgManagers,
};

export function can(role: Role | undefined, feature: Feature): boolean {
  return !!role && featureRoles[feature].includes(role);
}

/** Roles that may read the staff roster (GET /api/v1/staff): managers and inspectors. */
export function canReadRoster(role: Role | undefined): boolean {
  return !!role && ['admin', 'quality_office', 'unit_head', 'inspector'].includes(role);
}
