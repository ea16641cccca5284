/** Shapes of the HTTP API (see /api/openapi.json); only what the screens use. */
import type { Role } from './roles';

export const unitKinds = ['organisation', 'department', 'window', 'outlet', 'branch', 'team', 'ward', 'office'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface Me {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  unitId: string | null;
  staffId: string | null;
  active: boolean;
  version: number;
  organisation: { id: string; code: string; name: string; sector: string };
  via: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
  sortOrder: number;
  phone: string | null;
  version: number;
  updatedAt: string;
}

export interface UnitNode extends Unit {
  children: UnitNode[];
}

export interface Staff {
  id: string;
  code: string;
  badgeNo: string;
  name: string;
  units: { id: string; code: string; name: string; primary: boolean }[];
  posts: string[];
  category: string | null;
  partyBranch: string | null;
  phone: string | null;
  flags: { middleCadre?: boolean; partyMember?: boolean };
  active: boolean;
  version: number;
  /** 挂星上岗: the star of the latest approved appraisal sheet. */
  star?: { stars: number; label: { zh: string; en: string }; period: string } | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  unitId: string | null;
  staffId: string | null;
  active: boolean;
  version: number;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username?: string;
  /** read: GET only; open311: the Open311 intake only; full: what its user may do. */
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

export type TokenScope = 'read' | 'open311' | 'full';

export type DayReason = 'weekday' | 'weekend' | 'statutory_holiday' | 'makeup_workday' | 'closure' | 'extra_workday' | 'half_day';

export interface CalendarDay {
  date: string;
  working: boolean;
  reason: DayReason;
  periods: { start: string; end: string }[];
  holidayName: string | null;
  overrideId: string | null;
  note: string | null;
}

export const overrideKinds = ['closure', 'extra_workday', 'half_day'] as const;
export type OverrideKind = (typeof overrideKinds)[number];

export interface CalendarOverride {
  id: string;
  date: string;
  kind: OverrideKind;
  periods: { start: string; end: string }[] | null;
  note: string;
  version: number;
}

/** GET /api/v1/calendar/years: loaded national schedules, the server's date, next year's state. */
export interface ScheduleYears {
  items: { year: number; source: string; importedAt: string }[];
  today: string;
  nextYear: { year: number; loaded: boolean; remindFrom: string; remind: boolean };
}

export interface PolicyValue {
  path: string;
  value: unknown;
  source?: string;
  /** Why the value is what it is, in both languages. */
  decision?: { zh: string; en: string };
  /** The source in words (《窗口服务典型案例》第7篇 / 本系统默认设置), `citation` the exact line for the office. */
  references?: { kind: 'seed' | 'default'; text: { zh: string; en: string }; citation: string }[];
}

export interface EffectivePolicy {
  sector: string;
  version: number;
  pack: Record<string, unknown>;
  values: PolicyValue[];
  overrides: Record<string, unknown>;
}

export interface PolicyIssue {
  path: string;
  message: { zh: string; en: string };
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  /** The login name or system label as logged (the filter matches it). */
  actor: string;
  /** The user's display name; null for the public and the system (shown as 公众 / 系统). */
  actorName: string | null;
  actorKind: 'user' | 'public' | 'system';
  action: string;
  entity: string;
  entityId: string;
  /** A readable name of the record (门诊部（H-OPD）) when the entry carries one. */
  entityName: string | null;
  /** How many records a batch entry (escalation_batch, ledger_batch) lists; null for one record. */
  listedCount: number | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
  /** Published checkpoints (审计校验点) the log still reproduces. */
  checkpoints: number;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  unitsCreated: number;
  staffCreated: number;
  staffUpdated: number;
}

export interface ImportRowError {
  row: number;
  field: string;
  message: { zh: string; en: string };
}

/** A sanction rule in force (GET /sanction-rules): in words, with its citation and cited amounts. */
export interface SanctionRuleItem {
  code: string;
  kind: string;
  direction: 'fine' | 'reward';
  targets: string[];
  label: { zh: string; en: string };
  words: { zh: string; en: string };
  citation: string;
  references: PolicyValue['references'];
  decision: { zh: string; en: string } | null;
  outcomes: string[];
  repeatOutcomes: string[];
  facts: { name: string; type: string; required: boolean; label: { zh: string; en: string } }[];
  values: (PolicyValue & { value: number | null })[];
}
