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
  | 'webhooks'
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
  | 'inspectionResults'
  | 'incidents'
  | 'myIncidents'
  | 'inspectionCoverage'
  | 'inspectionAssign'
  | 'repairs'
  | 'myRepairs'
  | 'followups'
  | 'myFollowUps'
  | 'payroll'
  | 'statement'
  | 'campaigns'
  | 'sanctions'
  | 'mySanctions'
  | 'competitions'
  | 'awards'
  | 'awardNominate'
  | 'awardVote'
  | 'honours'
  | 'appraisals'
  | 'appraisalScoring'
  | 'mySheets'
  // Actions within screens:
  | 'competitionsEdit'
  | 'appraisalTemplates'
  | 'appraisalTemplatesEdit'
  | 'serviceItemsEdit'
  | 'commitmentsEdit'
  | 'surveyTemplates'
  | 'dashboardReports'
  | 'attachmentsDeleteAny'
  | 'inspectionTemplatesEdit'
  | 'incidentsRecord'
  | 'incidentsVerify'
  | 'campaignsEdit';

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
  // 接口推送: outgoing webhooks carry the organisation's events out; its administrators manage them (server: webhookAdmins).
  webhooks: admin,
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
  // 故障报修 (issue 17): the dispatcher's desk (unit heads of a station, the offices); the technician's phone list (staff).
  repairs: managers,
  myRepairs: handlers,
  // 回访/随访 (issue 17): the quality office's and unit heads' desk (discharges, overdue, figures); the caller's phone list.
  followups: managers,
  myFollowUps: handlers,
  inspectionTemplates: roleGroups.inspectionReaders,
  // 检查结果: the office the whole organisation, unit heads their units (server: managers).
  inspectionResults: managers,
  inspectionTemplatesEdit: orgManagers,
  // 差错事故档案 (issue 15): the office, unit heads (their units) and inspectors read files; everyone
  // with a staff record reads their own; the office and unit heads record; only the office verifies.
  incidents: roleGroups.rosterReaders,
  myIncidents: handlers,
  incidentsRecord: managers,
  incidentsVerify: orgManagers,
  // 检查计划与覆盖 (issue 14 item 5): the managers read coverage of their scope; the offices assign plan entries.
  inspectionCoverage: managers,
  inspectionAssign: orgManagers,
  // 奖惩台账 (issue 15): the office closes payroll months and exports them; everyone with a staff record reads their own statement, unit heads their people's.
  payroll: orgManagers,
  statement: handlers,
  // 服务提升年 (issue 18): unit heads deliver and report for their units; the office plans, publishes and accepts.
  campaigns: managers,
  campaignsEdit: orgManagers,
  // 奖惩管理 (issue 15 item 8): the office (初审), the leadership (committee) and unit heads (their units; sub-organisation committees); everyone with a staff record reads and appeals their own.
  sanctions: managers,
  mySanctions: handlers,
  // 竞赛评分 (issue 18): the office runs competitions and enters their figures; unit heads read their subtree's ranking.
  competitions: managers,
  competitionsEdit: orgManagers,
  // 考核表模板 (issue 21): the office and admins keep the appraisal sheet templates and save edits as versions.
  appraisalTemplates: orgManagers,
  appraisalTemplatesEdit: orgManagers,
  // 评选 (issue 16): the office runs the rounds; unit heads nominate within their quota; anyone may be
  // a voter (the server knows who is eligible); everyone with a staff record reads their honours.
  awards: orgManagers,
  awardNominate: managers,
  awardVote: everyone,
  honours: handlers,
  // 个人考核 (issue 21, 002:L216): the office fills periods, reads the summary and approves; unit heads
  // score their units' judged items (德能勤绩; server: only a unit head); everyone with a staff record reads, confirms or objects to their own sheet.
  appraisals: orgManagers,
  appraisalScoring: roleGroups.unitHeads,
  mySheets: handlers,
};

export function can(role: Role | undefined, feature: Feature): boolean {
  return !!role && featureRoles[feature].includes(role);
}

/** Roles that may read the staff roster (GET /api/v1/staff): managers and inspectors. */
export function canReadRoster(role: Role | undefined): boolean {
  return inGroup(role, 'rosterReaders');
}
