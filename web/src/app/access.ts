import { inGroup, roleGroups, type Role } from './roles';

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
  | 'incidents'
  | 'myIncidents'
  // Actions within screens:
  | 'serviceItemsEdit'
  | 'commitmentsEdit'
  | 'surveyTemplates'
  | 'dashboardReports'
  | 'attachmentsDeleteAny'
  | 'inspectionTemplatesEdit'
  | 'incidentsRecord'
  | 'incidentsVerify';

const { everyone, managers, orgManagers, handlers, admin } = roleGroups;

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
  users: admin,
  tokens: everyone,
  calendar: everyone,
  calendarOverrides: orgManagers,
  // Next year's national schedule is the administrator's (server: POST /api/v1/calendar/import).
  calendarImport: admin,
  policy: orgManagers,
  audit: orgManagers,
  password: everyone,
  dashboard: managers,
  surveys: managers,
  commitments: everyone,
  // The service guide, the commitments and survey templates are the organisation's: its managers write them.
  serviceItemsEdit: orgManagers,
  commitmentsEdit: orgManagers,
  surveyTemplates: orgManagers,
  // The monthly PDF report and the daily bulletin cover the whole organisation.
  dashboardReports: orgManagers,
  // Anyone deletes an attachment they uploaded; the organisation's managers delete any.
  attachmentsDeleteAny: orgManagers,
  // 明察暗访 (issue 14): the unit head reads its units' inspections; the others also fill them in.
  inspections: roleGroups.inspectionReaders,
  inspect: roleGroups.inspectors,
  inspectionTemplates: roleGroups.inspectionReaders,
  inspectionTemplatesEdit: orgManagers,
  // 差错事故档案 (issue 15): the office, unit heads (their units) and inspectors read files; everyone
  // with a staff record reads their own; the office and unit heads record; only the office verifies.
  incidents: roleGroups.rosterReaders,
  myIncidents: handlers,
  incidentsRecord: managers,
  incidentsVerify: orgManagers,
};

export function can(role: Role | undefined, feature: Feature): boolean {
  return !!role && featureRoles[feature].includes(role);
}

/** Roles that may read the staff roster (GET /api/v1/staff): managers and inspectors. */
export function canReadRoster(role: Role | undefined): boolean {
  return inGroup(role, 'rosterReaders');
}
