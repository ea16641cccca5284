/**
 * Table row types. Portable conventions (STACK.md): text UUIDv7 ids, instants as epoch ms
 * integers, civil dates as 'YYYY-MM-DD' text, booleans as 0/1, JSON as text.
 */
export interface OrganisationsTable {
  id: string;
  code: string;
  name: string;
  sector: string;
  policy_overrides: string; // JSON: cited deep-partial of the sector preset
  created_at: number;
  updated_at: number;
  version: number;
}

export interface UnitsTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  kind: string;
  path: string; // '/rootId/…/id/' — subtree queries are a prefix match
  sort_order: number;
  phone: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface StaffTable {
  id: string;
  org_id: string;
  badge_no: string;
  name: string;
  category: string | null;
  party_branch: string | null;
  posts: string; // JSON string[]
  flags: string; // JSON { middleCadre?: boolean, … }
  phone: string | null;
  active: number;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface StaffUnitsTable {
  staff_id: string;
  unit_id: string;
  org_id: string;
  is_primary: number;
}

export interface UsersTable {
  id: string;
  org_id: string;
  username: string;
  password_hash: string;
  role: string;
  display_name: string;
  /** For email notifications (the daily bulletin); null when the user gets in-app messages only. */
  email: string | null;
  staff_id: string | null;
  unit_id: string | null;
  active: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface DailyBulletinRunsTable {
  org_id: string;
  date: string;
  sent_at: number;
  node: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token: a database leak does not leak sessions
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** A failed-login counter: `key` names a (username, client) pair or a username (see auth/service). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: number;
  locked_until: number | null;
  updated_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  org_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** read | open311 | full (src/modules/auth/scopes.ts). */
  scope: string;
  expires_at: number | null;
}

export interface NationalDaysTable {
  date: string;
  year: number;
  kind: 'off' | 'work';
  name: string;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  imported_at: number;
}

export interface CalendarOverridesTable {
  id: string;
  org_id: string;
  date: string;
  kind: string;
  periods: string | null; // JSON Period[]
  note: string;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  org_id: string | null;
  actor_id: string | null;
  actor_label: string;
  at: number;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
  /** 0: plain SHA-256 (before the chain was keyed); 1: HMAC-SHA256 with the audit key. */
  chain_version: number;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** HMAC of a fixed text under the audit key: which secret this installation's chain is keyed with. */
  key_check: string | null;
}

export interface CasesTable {
  id: string;
  org_id: string;
  type: string;
  tracking_no: string;
  channel: string;
  status: string;
  priority: string;
  category: string | null;
  title: string;
  content: string;
  unit_id: string | null;
  unit_path: string;
  staff_id: string | null;
  first_responder_id: string | null;
  assignee_id: string | null;
  created_by: string | null;
  data: string;
  contact: string;
  public_code_hash: string | null;
  received_at: number;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  org_id: string;
  seq: number;
  at: number;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  /** Internal: the handler's note, seen by staff only. */
  note: string | null;
  /** What the public status page may show for this event (the reply to the complainant); null = its label only. */
  public_note: string | null;
  data: string;
  public: number;
}

export interface CaseClocksTable {
  case_id: string;
  clock_id: string;
  org_id: string;
  definition: string;
  started_at: number;
  pauses: string;
  stopped_at: number | null;
  /** Null while the deadline waits for a year's holiday schedule (`pending_year`). */
  due_at: number | null;
  due_date: string | null;
  severe_at: number | null;
  run: number;
  pending_year: number | null;
  /** Start of the open pause; null while running or stopped. */
  paused_at: number | null;
}

/**
 * The deadline sweep's bookmark of one clock (migration 0038): when it looks at the clock next and
 * the lateness it last recorded. Kept apart from the deadline (case_clocks), so the sweep's
 * updates rewrite a short row with two indexes, not the clock with its five.
 */
export interface ClockChecksTable {
  case_id: string;
  clock_id: string;
  org_id: string;
  lateness: string;
  next_check_at: number | null;
}

/** A clock as the case module handles it: its deadline with the sweep's bookmark. */
export type CaseClock = CaseClocksTable & Pick<ClockChecksTable, 'lateness' | 'next_check_at'>;

export interface CaseAttachmentsTable {
  id: string;
  case_id: string;
  org_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_label: string;
  uploaded_at: number;
  deleted_at: number | null;
}

export interface CaseAttachmentContentsTable {
  attachment_id: string;
  content: Buffer;
}

export interface CaseEscalationsTable {
  case_id: string;
  clock_id: string;
  run: number;
  level_id: string;
  fired_at: number;
  fired_by: string;
}

export interface CountersTable {
  org_id: string;
  name: string;
  value: number;
}

export interface NotificationsTable {
  id: string;
  org_id: string;
  channel: string;
  user_id: string | null;
  address: string | null;
  subject: string;
  body: string;
  case_id: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  read_at: number | null;
}

/** 差错事故档案 (migration 0021): an incident of a person and/or a unit; `details` is the kind's JSON. */
export interface IncidentsTable {
  id: string;
  org_id: string;
  staff_id: string | null;
  unit_id: string | null;
  /** The person's id, or `unit:<unit id>` for a unit-level incident: half of the feeds' unique key. */
  subject_key: string;
  kind: string;
  state: string;
  occurred_at: number;
  amount_fen: number | null;
  details: string;
  summary: string;
  verdict: string | null;
  source_type: string | null;
  source_id: string | null;
  reported_by: string | null;
  reported_by_name: string;
  verified_by: string | null;
  verified_by_name: string | null;
  verified_at: number | null;
  state_note: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface TaxonomiesTable {
  org_id: string;
  kind: string;
  items: string;
  updated_at: number;
  version: number;
}

export interface ServiceItemsTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  unit_id: string | null;
  responsible_body: string;
  legal_basis: string;
  conditions: string;
  procedure: string;
  materials: string; // JSON { code, name, required }[]
  statutory_limit_days: number;
  committed_limit_days: number;
  fees: string;
  fee_basis: string;
  complaint_channels: string; // JSON string[]
  active: number;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface RatingTokensTable {
  id: string;
  org_id: string;
  token_hash: string;
  unit_id: string;
  staff_id: string | null;
  service_item_id: string | null;
  transaction_ref: string | null;
  expires_at: number;
  used_at: number | null;
  created_by: string | null;
  created_at: number;
}

export interface RatingsTable {
  id: string;
  org_id: string;
  unit_id: string;
  unit_path: string;
  staff_id: string | null;
  service_item_id: string | null;
  source: string;
  token_id: string | null;
  level: number;
  indicators: string;
  reasons: string;
  comment: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  idempotency_key: string | null;
  /** SHA-256 of the normalised request stored under the Idempotency-Key. */
  request_hash: string | null;
  rated_at: number;
  rated_date: string;
  excluded: number;
  case_id: string | null;
}

/** Where a standing-code rating came from: hashed device cookie and client address. */
export interface RatingArrivalsTable {
  rating_id: string;
  org_id: string;
  unit_id: string;
  device: string | null;
  client: string;
  at: number;
}

/**
 * Ratings per level as stored and summed: c1 = level 1 (非常不满意) … c5 = level 5 (非常满意), and the
 * ratings an upheld appeal excluded. The rollups and the dashboard's month rows carry it;
 * shared/level-counts.ts has the arithmetic on it.
 */
export interface LevelCountRow {
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  excluded: number;
}

export interface RatingRollupsTable extends LevelCountRow {
  org_id: string;
  unit_id: string;
  unit_path: string;
  staff_id: string;
  date: string;
  slot: number;
  /** Level counts of the GB/T 39734 indicators, overall_1 … attitude_5 (default 0, so an insert names only those it counts). */
  overall_1?: number;
  overall_2?: number;
  overall_3?: number;
  overall_4?: number;
  overall_5?: number;
  efficiency_1?: number;
  efficiency_2?: number;
  efficiency_3?: number;
  efficiency_4?: number;
  efficiency_5?: number;
  competence_1?: number;
  competence_2?: number;
  competence_3?: number;
  competence_4?: number;
  competence_5?: number;
  attitude_1?: number;
  attitude_2?: number;
  attitude_3?: number;
  attitude_4?: number;
  attitude_5?: number;
}

/** 差评 reasons per window (and staff member) and day. */
export interface RatingReasonRollupsTable {
  org_id: string;
  unit_id: string;
  unit_path: string;
  staff_id: string;
  date: string;
  reason: string;
  n: number;
}

export interface ServedCountsTable {
  org_id: string;
  unit_id: string;
  unit_path: string;
  staff_id: string;
  date: string;
  served: number;
  updated_at: number;
}

/** Closed months of the rollups above (migration 0015): `month` (YYYY-MM) for `date`, no slots. */
export type RatingMonthRollupsTable = Omit<RatingRollupsTable, 'date' | 'slot'> & { month: string };
export type RatingMonthReasonsTable = Omit<RatingReasonRollupsTable, 'date'> & { month: string };
export type ServedMonthCountsTable = Omit<ServedCountsTable, 'date' | 'updated_at'> & { month: string };
export interface RatingMonthStampsTable {
  org_id: string;
  month: string;
  computed_at: number;
}

/** Which node is materialising a closed month of the dashboard, until when (migration 0032). */
export interface DashboardMonthClaimsTable {
  org_id: string;
  month: string;
  claimed_by: string | null;
  claimed_until: number;
}

/** 差评整改 cases of a materialised closed month per unit and current status (migration 0032). */
export interface DashboardMonthRectificationsTable {
  org_id: string;
  month: string;
  unit_id: string;
  unit_path: string;
  status: string;
  n: number;
}

export interface SurveyTemplatesTable {
  id: string;
  org_id: string;
  code: string;
  definition: string; // JSON SurveyDefinition
  based_on: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface SurveysTable {
  id: string;
  org_id: string;
  template_id: string; // an organisation template's id or a built-in code
  template_version: number;
  subject: string | null;
  definition: string; // JSON SurveyDefinition, a snapshot taken when the survey was created
  unit_id: string;
  unit_path: string;
  cycle: string;
  starts_on: string;
  ends_on: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface SurveyLinksTable {
  id: string;
  org_id: string;
  survey_id: string;
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  created_by: string | null;
  created_at: number;
}

export interface SurveyResponsesTable {
  id: string;
  org_id: string;
  survey_id: string;
  unit_id: string;
  unit_path: string;
  source: string;
  link_id: string | null;
  answers: string; // JSON
  idempotency_key: string | null;
  request_hash: string | null;
  submitted_at: number;
  submitted_date: string;
}

export interface SurveyAnswersTable {
  response_id: string;
  seq: number;
  org_id: string;
  survey_id: string;
  question_id: string;
  choice: string | null;
  answer_text: string | null;
  answered_at: number;
  answered_date: string;
}

/** 服务承诺 (RULES §9, 000:L5): see migration 0006. */
export interface CommitmentsTable {
  id: string;
  org_id: string;
  unit_id: string | null;
  text_zh: string;
  text_en: string | null;
  promise_zh: string;
  promise_en: string | null;
  supervision_phone: string;
  published: number;
  sort_order: number;
  measure: string | null;
  target_op: string | null;
  target_hundredths: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface InspectionTemplatesTable {
  org_id: string;
  code: string;
  version: number;
  /** The scoring template as JSON (its `version` field equals the row's). */
  body: string;
  created_by: string | null;
  created_at: number;
}

export interface InspectionsTable {
  id: string;
  org_id: string;
  unit_id: string;
  unit_path: string;
  staff_id: string | null;
  template_code: string;
  template_version: number;
  kind: string;
  performed_at: number;
  inspector_id: string | null;
  inspector_label: string;
  /** Whole thousandths of a point (9.3 → 9300). */
  score_milli: number;
  max_milli: number;
  vetoed: number;
  status: string;
  idempotency_key: string | null;
  request_hash: string | null;
  /** data:image/png;base64,… drawn by the signer on the phone. */
  signature: string | null;
  signer_name: string | null;
  created_at: number;
  /** The plan assignment this inspection was performed against (0021). */
  assignment_id?: string | null;
}

export interface InspectionItemsTable {
  inspection_id: string;
  org_id: string;
  position: number;
  item: string;
  section: string;
  cases: number;
  /** JSON [{ metric, value }]. */
  observations: string;
  pass: number | null;
  na: number;
  note: string | null;
  deduction_milli: number;
  /** JSON list of breached metric codes. */
  failed: string;
  scored: number;
  finding: number;
  veto: number;
  case_id: string | null;
  half_hearted: number;
  /** The inspector gave a result for this item (others are listed with no findings). */
  answered: number;
}

export interface InspectionPlansTable {
  id: string;
  org_id: string;
  quarter: string;
  /** JSON [{ unitId, reasons: [...] }]. */
  units: string;
  created_by: string | null;
  created_at: number;
  version: number;
}

/** A closed inspection round (a quarter) or year: closing stores its band facts once (003:L341, L343). */
export interface InspectionRoundsTable {
  org_id: string;
  /** '2026-Q3' or '2026'. */
  period: string;
  period_kind: 'quarter' | 'year';
  pack_version: number;
  /** JSON: the band rule in force when the round closed. */
  rule: string;
  citation: string;
  units: number;
  closed_by: string | null;
  closed_by_label: string;
  closed_at: number;
}

/** One unit's result of a closed round or year, with its band codes (the sanctions read these). */
export interface InspectionBandFactsTable {
  id: string;
  org_id: string;
  period: string;
  period_kind: 'quarter' | 'year';
  period_from: string;
  period_to: string;
  unit_id: string;
  unit_path: string;
  /** On the 100-point scale, whole thousandths. */
  score_milli: number;
  rank: number;
  ranked: number;
  /** JSON array of band codes. */
  bands: string;
  inspection_id: string | null;
  rounds: number;
  pack_version: number;
  citation: string;
  closed_at: number;
}

/** A plan entry given to an inspector or social supervisor, due on a local date (0025). */
export interface InspectionAssignmentsTable {
  id: string;
  org_id: string;
  plan_id: string;
  unit_id: string;
  unit_path: string;
  assignee_id: string;
  /** YYYY-MM-DD, local. */
  due_date: string;
  /** open | done */
  status: string;
  inspection_id: string | null;
  done_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** A payroll month of the sanctions ledger; its totals are fixed when the office closes it. */
export interface PayrollMonthsTable {
  org_id: string;
  month: string; // 'YYYY-MM'
  status: string; // 'open' | 'closed'
  lines: number;
  people: number;
  fines_fen: number;
  rewards_fen: number;
  closed_at: number | null;
  closed_by: string | null;
  created_at: number;
  version: number;
}

/** One ledger line: a final sanction's amount for one target, or the correction reversing it. */
export interface LedgerEntriesTable {
  id: string;
  org_id: string;
  sanction_id: string;
  line_kind: string; // 'entry' | 'correction'
  target_key: string;
  staff_id: string | null;
  unit_id: string | null;
  scope_unit_id: string | null;
  unit_path: string | null;
  direction: string; // 'fine' | 'reward'
  amount_fen: number; // signed: fines < 0, rewards > 0
  outcomes: string; // JSON string[]
  notice: string | null; // 'praise' | 'criticism'
  disqualifies_year: number | null;
  rule_code: string;
  citation: string;
  summary: string;
  final_at: number;
  final_month: string;
  payroll_month: string;
  corrects_id: string | null;
  reason: string | null;
  created_at: number;
  created_by: string | null;
}

export interface SanctionsTable {
  id: string;
  org_id: string;
  /** incident | band | stage_target | manual */
  source_type: string;
  source_id: string;
  rule_code: string;
  /** person | unit | manager | department */
  target_kind: string;
  /** The staff or unit id charged: the third part of the (source, rule, target) key. */
  target_key: string;
  staff_id: string | null;
  unit_id: string | null;
  unit_path: string;
  /** The sub-organisation whose committee decides (二级管理); null: head office. */
  committee_unit_id: string | null;
  direction: string;
  amount_fen: number;
  proposed_amount_fen: number;
  /** JSON facts given to the rule engine. */
  facts: string;
  /** JSON evaluation: breakdown in words, outcomes, shares, the rule's label and citation. */
  evaluation: string;
  /** JSON: the fact that proposed it, as people read it. */
  fact: string;
  /** proposed | reviewed | approved | noticed | appealed | final | revoked | dismissed */
  status: string;
  notice_at: number | null;
  appeal_due_date: string | null;
  appeal_closes_at: number | null;
  final_at: number | null;
  payroll_month: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface SanctionEventsTable {
  id: string;
  sanction_id: string;
  org_id: string;
  at: number;
  actor_id: string | null;
  actor_label: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  amount_fen: number | null;
  note: string | null;
}

export interface SanctionAppealsTable {
  id: string;
  sanction_id: string;
  org_id: string;
  filed_at: number;
  filed_by: string | null;
  filed_label: string;
  reason: string;
  /** pending | upheld | reduced | revoked */
  status: string;
  decided_at: number | null;
  decided_by: string | null;
  decision_reason: string | null;
  amount_fen: number | null;
}

export interface SanctionSweepsTable {
  org_id: string;
  verified_until: number;
  /** Published competitions read up to here (epoch ms; null before the first pass). */
  competitions_until: number | null;
}

/** Outgoing webhook subscription (migration 0027): `events` is a JSON array of event codes. */
export interface WebhookSubscriptionsTable {
  id: string;
  org_id: string;
  url: string;
  description: string | null;
  events: string;
  /** The signing secret sealed with a key derived from the installation secret (AES-256-GCM). */
  secret_sealed: string;
  /** The secret's last four characters, to tell secrets apart on screen. */
  secret_hint: string;
  active: number;
  /** Why the system switched it off (`gone`: the receiver answered 410). */
  disabled_reason: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** One event for one subscription in the webhook outbox; `payload` is the exact body signed and sent. */
export interface WebhookDeliveriesTable {
  id: string;
  org_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  resend_of: string | null;
  resend_seq: number;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  claimed_by: string | null;
  claimed_until: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  delivered_at: number | null;
  created_at: number;
}

/** A selection round of an award type and period (0028, 评选). */
export interface AwardRoundsTable {
  id: string;
  org_id: string;
  award_type: string;
  period: string;
  year: number;
  state: string; // nominating | reviewing | publicity | voting | scoring | deciding | announced | cancelled
  publicity_ends_at: number | null;
  results: string | null; // JSON
  opened_at: number | null;
  closed_at: number | null;
  announced_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface AwardNominationsTable {
  id: string;
  org_id: string;
  round_id: string;
  staff_id: string | null;
  unit_id: string;
  unit_path: string;
  subject_key: string; // 'staff:<id>' | 'unit:<id>'
  quota_key: string; // '<rule>:<scope key>'
  reason: string;
  state: string; // nominated | excluded | cancelled | candidate | winner | withdrawn
  eligible: number | null;
  reasons: string | null; // JSON Reason[]
  cancel_reason: string | null;
  votes: number | null;
  score_num: number | null;
  score_den: number | null;
  rank: number | null;
  tied: number | null;
  nominated_by: string | null;
  nominated_at: number;
  updated_at: number;
  version: number;
}

export interface AwardObjectionsTable {
  id: string;
  org_id: string;
  round_id: string;
  nomination_id: string;
  text: string;
  contact: string | null;
  state: string; // open | founded | unfounded
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
  version: number;
}

export interface AwardBallotsTable {
  round_id: string;
  voter_id: string;
  org_id: string;
  cast_at: number;
}

export interface AwardBallotChoicesTable {
  id: string;
  round_id: string;
  nomination_id: string;
}

export interface AwardScoreSheetsTable {
  round_id: string;
  nomination_id: string;
  scorer_id: string;
  org_id: string;
  items: string; // JSON {code, points}[]
  total: number;
  updated_at: number;
}

export interface HonoursTable {
  id: string;
  org_id: string;
  staff_id: string | null;
  unit_id: string | null;
  kind: string; // award | honour
  code: string;
  name_zh: string;
  name_en: string;
  period: string;
  year: number;
  round_id: string;
  nomination_id: string | null;
  citation: string;
  at: number;
}

/** A campaign (服务提升年 plan, 0029): settings is JSON (reports, acceptance, reminders). */
export interface CampaignsTable {
  id: string;
  org_id: string;
  year: number;
  template_code: string | null;
  title: string;
  leading_group: string;
  office: string;
  settings: string;
  status: string;
  published: number;
  starts_on: string;
  ends_on: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface CampaignPhasesTable {
  id: string;
  campaign_id: string;
  code: string;
  position: number;
  label_zh: string;
  label_en: string;
  timing: string; // JSON PhaseTiming
  starts_on: string;
  ends_on: string;
  source: string | null;
}

export interface CampaignTasksTable {
  id: string;
  campaign_id: string;
  code: string;
  position: number;
  phase_code: string;
  label_zh: string;
  label_en: string;
  deliverable: string;
  due_spec: string; // JSON DateSpec
  due_on: string;
  source: string | null;
}

export interface CampaignUnitsTable {
  id: string;
  campaign_id: string;
  org_id: string;
  unit_id: string;
  unit_path: string;
  leader_staff_id: string | null;
  acceptance: string | null;
  accepted_at: number | null;
  accepted_by: string | null;
  acceptance_inspection_id: string | null;
  acceptance_note: string | null;
  version: number;
}

export interface CampaignSubmissionsTable {
  id: string;
  campaign_id: string;
  org_id: string;
  task_id: string;
  unit_id: string;
  received_at: number;
  received_on: string;
  late_days: number;
  body: string | null;
  figure: string | null;
  inspection_id: string | null;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  file_sha256: string | null;
  submitted_by: string | null;
  submitted_label: string;
}

export interface CampaignSubmissionFilesTable {
  submission_id: string;
  content: Buffer;
}

export interface CampaignReportsTable {
  id: string;
  campaign_id: string;
  org_id: string;
  unit_id: string;
  kind: string;
  period: string;
  body: string;
  received_at: number;
  received_on: string;
  late_days: number;
  submitted_by: string | null;
  submitted_label: string;
}

export interface CampaignRemindersTable {
  campaign_id: string;
  task_id: string;
  unit_id: string;
  days_before: number;
  sent_at: number;
}

/** A fact the sweep could not price yet, waiting for a policy value (0030). */
export interface SanctionUnpricedTable {
  org_id: string;
  source_type: string;
  source_id: string;
  rule_code: string;
  /** The refusal's code: policy_value_missing, or the rule's complaint about the fact. */
  code: string;
  /** JSON: the paths of what is missing (policy.sanctionRules.… or the fact's field). */
  missing: string;
  first_at: number;
  tried_at: number;
}

/** An indicator competition (RULES §7): a pack preset run for a period; `definition` is the preset as JSON. */
export interface CompetitionsTable {
  id: string;
  org_id: string;
  preset: string;
  title: string;
  period: string;
  /** open | published */
  state: string;
  definition: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  version: number;
}

export interface CompetitionUnitsTable {
  competition_id: string;
  unit_id: string;
  target_code: string | null;
  sort_order: number;
}

/** One raw figure: exact decimal text; origin entered | imported | computed. */
export interface CompetitionValuesTable {
  competition_id: string;
  unit_id: string;
  indicator: string;
  input: string;
  value: string;
  origin: string;
  updated_at: number;
}

/** What a follow-up was opened for (discharge:…, rating:…, case:…): one follow-up per key. */
export interface FollowUpKeysTable {
  org_id: string;
  key: string;
  case_id: string;
  created_at: number;
}

export interface AppraisalTemplateVersionsTable {
  org_id: string;
  code: string;
  version: number;
  definition: string;
  based_on_version: number;
  created_by: string | null;
  created_at: number;
}

export interface AppraisalPeriodsTable {
  id: string;
  org_id: string;
  template_code: string;
  template_version: number;
  template: string;
  kind: string;
  label: string;
  from_date: string;
  to_date: string;
  unit_id: string | null;
  state: string;
  bottom_checked_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface AppraisalSheetsTable {
  id: string;
  org_id: string;
  period_id: string;
  staff_id: string;
  unit_id: string | null;
  unit_path: string;
  state: string;
  total: string;
  stars: number | null;
  pay_coefficient: string | null;
  star: string | null;
  complete: number;
  vetoed: number;
  items: string;
  judged: string;
  feedback: string | null;
  feedback_at: number | null;
  objection: string | null;
  objected_at: number | null;
  approved_at: number | null;
  approved_by: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface AppraisalSheetFactsTable {
  org_id: string;
  kind: string;
  fact_id: string;
  sheet_id: string;
}

export interface AppraisalSheetNotesTable {
  id: string;
  org_id: string;
  sheet_id: string;
  kind: string;
  text: string;
  details: string;
  actor_name: string;
  created_at: number;
}

export interface Database {
  follow_up_keys: FollowUpKeysTable;
  competitions: CompetitionsTable;
  competition_units: CompetitionUnitsTable;
  competition_values: CompetitionValuesTable;
  sanction_unpriced: SanctionUnpricedTable;
  campaigns: CampaignsTable;
  campaign_phases: CampaignPhasesTable;
  campaign_tasks: CampaignTasksTable;
  campaign_units: CampaignUnitsTable;
  campaign_submissions: CampaignSubmissionsTable;
  campaign_submission_files: CampaignSubmissionFilesTable;
  campaign_reports: CampaignReportsTable;
  campaign_reminders: CampaignRemindersTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  payroll_months: PayrollMonthsTable;
  ledger_entries: LedgerEntriesTable;
  award_rounds: AwardRoundsTable;
  award_nominations: AwardNominationsTable;
  award_objections: AwardObjectionsTable;
  award_ballots: AwardBallotsTable;
  award_ballot_choices: AwardBallotChoicesTable;
  award_score_sheets: AwardScoreSheetsTable;
  honours: HonoursTable;
  sanctions: SanctionsTable;
  sanction_events: SanctionEventsTable;
  sanction_appeals: SanctionAppealsTable;
  sanction_sweeps: SanctionSweepsTable;
  inspection_templates: InspectionTemplatesTable;
  inspections: InspectionsTable;
  inspection_items: InspectionItemsTable;
  inspection_plans: InspectionPlansTable;
  inspection_rounds: InspectionRoundsTable;
  inspection_band_facts: InspectionBandFactsTable;
  inspection_assignments: InspectionAssignmentsTable;
  commitments: CommitmentsTable;
  survey_templates: SurveyTemplatesTable;
  surveys: SurveysTable;
  survey_links: SurveyLinksTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  rating_tokens: RatingTokensTable;
  ratings: RatingsTable;
  rating_arrivals: RatingArrivalsTable;
  rating_rollups: RatingRollupsTable;
  rating_reason_rollups: RatingReasonRollupsTable;
  served_counts: ServedCountsTable;
  rating_month_rollups: RatingMonthRollupsTable;
  rating_month_reasons: RatingMonthReasonsTable;
  served_month_counts: ServedMonthCountsTable;
  rating_month_stamps: RatingMonthStampsTable;
  dashboard_month_claims: DashboardMonthClaimsTable;
  dashboard_month_rectifications: DashboardMonthRectificationsTable;
  service_items: ServiceItemsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_clocks: CaseClocksTable;
  clock_checks: ClockChecksTable;
  case_escalations: CaseEscalationsTable;
  case_attachments: CaseAttachmentsTable;
  daily_bulletin_runs: DailyBulletinRunsTable;
  case_attachment_contents: CaseAttachmentContentsTable;
  counters: CountersTable;
  notifications: NotificationsTable;
  incidents: IncidentsTable;
  taxonomies: TaxonomiesTable;
  organisations: OrganisationsTable;
  units: UnitsTable;
  staff: StaffTable;
  staff_units: StaffUnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  api_tokens: ApiTokensTable;
  national_days: NationalDaysTable;
  calendar_years: CalendarYearsTable;
  calendar_overrides: CalendarOverridesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  appraisal_template_versions: AppraisalTemplateVersionsTable;
  appraisal_periods: AppraisalPeriodsTable;
  appraisal_sheets: AppraisalSheetsTable;
  appraisal_sheet_facts: AppraisalSheetFactsTable;
  appraisal_sheet_notes: AppraisalSheetNotesTable;
}
