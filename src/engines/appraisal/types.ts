/**
 * Types of the personal appraisal engine (个人考核): one sheet per person per period (002:L216),
 * measured items filled from service facts, judged items (德、能、勤、绩) scored by the head, and
 * star grades with pay coefficients (挂星上岗、以岗定酬、星薪挂钩, 000:L115).
 */

/** Exact decimal text, e.g. "96.5"; computed with the exact helpers, never as a float. */
export type Decimal = string;

export interface Label {
  zh: string;
  en: string;
}

/** Where a number comes from: a seed citation (`000:L115`) or an organisation's decision in words. */
export interface Citation {
  source?: string;
  decision?: Label;
}

export const PERIOD_KINDS = ['weekly', 'monthly', 'quarterly'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const MEASURED_SOURCES = [
  'satisfaction',
  'rating_rate',
  'verified_complaints',
  'inspection_deductions',
  'inspection_vetoes',
  'sanctions',
  'follow_up_timeliness',
  'campaign_deliverables',
] as const;
export type MeasuredSource =
  | 'satisfaction' // 满意率: satisfied ÷ rated ratings of the person (好差评)
  | 'rating_rate' // 评价率/参评率: rated ÷ served
  | 'verified_complaints' // verified complaints against the person (incident kind verified_complaint)
  | 'inspection_deductions' // points deducted on inspection findings charged to the person (003:L143)
  | 'inspection_vetoes' // vetoes (一票否决) on the person's inspections / veto incidents
  | 'sanctions' // sanctions final in the period targeting the person (fines and rewards, fen)
  | 'follow_up_timeliness' // follow-ups / callbacks the person is responsible for: due vs on time
  | 'campaign_deliverables'; // campaign deliverables of the person's unit due in the period: due vs late/missing

export interface FactRecord {
  kind: 'ratings' | 'case' | 'incident' | 'inspection' | 'sanction' | 'follow_up' | 'deliverable';
  id: string;
  label: string;
  at?: string;
}

export interface StaffFacts {
  staffId: string;
  unitId: string | null;
  /** `records`: one {kind:'ratings', id:`${staffId}|${from}|${to}`} linking the period's ratings of the person. */
  ratings: { rated: number; satisfied: number; served: number; records?: FactRecord[] };
  verifiedComplaints: FactRecord[];
  inspectionDeductions: { points: Decimal; records: FactRecord[] };
  inspectionVetoes: FactRecord[];
  sanctions: { fineFen: number; rewardFen: number; records: FactRecord[] };
  followUps: { due: number; onTime: number; records: FactRecord[] };
  deliverables: { due: number; late: number; missing: number; records: FactRecord[] };
}

/** '2026-11' | '2026-W47' | '2026-Q4'; from/to inclusive YYYY-MM-DD. */
export interface Period {
  kind: PeriodKind;
  label: string;
  from: string;
  to: string;
}

/** A star grade: a total at least `atLeast` (以上, inclusive) earns `stars`, paid × payCoefficient (星薪挂钩). */
export interface StarGrade extends Citation {
  stars: number;
  atLeast: Decimal;
  payCoefficient: Decimal;
  label: Label;
}

/** A fine or reward band: the largest band whose `atLeastFen` the amount reaches applies. */
export interface AmountBand {
  atLeastFen: number;
  points: Decimal;
}

/**
 * How a measured figure becomes points (before the item's cap `max` and floor `min` apply):
 * - `ratio` (satisfaction, rating_rate, follow_up_timeliness): the figure in % against `target` %:
 *   `proportional` → max × min(1, ratio ÷ target) (target 100: 96 % → 96 % of max);
 *   `threshold` → max at ≥ target, else min;
 *   `per_point` → max − perPoint × (target − ratio) percentage points below target.
 *   No data (nothing rated / served / due): `noData` 'full' → max, 'min' → min.
 * - `per_record` (verified_complaints, inspection_vetoes): max − points × records.
 * - `deducted_points` (inspection_deductions): max − factor × the deducted points (003:L143).
 * - `veto` (inspection_vetoes): any veto → the item's min and the sheet `vetoed` (一票否决, no star).
 * - `bands` (sanctions): base − the fine band's points + the reward band's points.
 * - `deliverables` (campaign_deliverables): max − late × each late − missing × each missing.
 */
export type MeasuredRule =
  | { kind: 'ratio'; target: Decimal; mode: 'proportional' | 'threshold' | 'per_point'; perPoint?: Decimal; noData: 'full' | 'min' }
  | { kind: 'per_record'; points: Decimal }
  | { kind: 'deducted_points'; factor: Decimal }
  | { kind: 'veto' }
  | { kind: 'bands'; base: Decimal; fines: AmountBand[]; rewards: AmountBand[] }
  | { kind: 'deliverables'; late: Decimal; missing: Decimal };
export type MeasuredRuleKind = MeasuredRule['kind'];

/** The conventional groups: 德 (conduct), 能 (ability), 勤 (diligence), 绩 (performance). */
export const JUDGED_GROUPS = ['de', 'neng', 'qin', 'ji'] as const;

interface ItemBase extends Citation {
  /** Stable code within the template (`satisfaction`, `de_conduct`). */
  code: string;
  label: Label;
  /** The group the item is shown and summed under (`de`, `neng`, `qin`, `ji`, or the template's own). */
  group: string;
  /** Cap: the item never scores more. */
  max: Decimal;
  /** Floor: the item never scores less (deductions stop here). */
  min: Decimal;
}

/** An item Youzhi fills from the facts. `measure` names the fact; `source` (ItemBase) is the citation. */
export interface MeasuredItem extends ItemBase {
  kind: 'measured';
  measure: MeasuredSource;
  rule: MeasuredRule;
}

/** An item the unit head scores (德能勤绩) within `range` (inside [min, max]). */
export interface JudgedItem extends ItemBase {
  kind: 'judged';
  range: { min: Decimal; max: Decimal };
}

export type TemplateItem = MeasuredItem | JudgedItem;

/** 末位: last of the unit `consecutive` periods in a row → an interview (约谈) or training task. */
export interface BottomRule extends Citation {
  consecutive: number;
  action: 'interview' | 'training';
}

export interface SheetTemplate extends Citation {
  code: string;
  version: number;
  label: Label;
  /** The post (岗位) whose staff get this sheet: `window_staff`, `nurse`, `doctor`, `teller`, `technician`. */
  post: string;
  period: PeriodKind;
  items: TemplateItem[];
  stars: StarGrade[];
  bottom?: BottomRule;
}

export interface FilledItem {
  code: string;
  label: Label;
  group: string;
  kind: 'measured' | 'judged';
  source: MeasuredSource | 'judged';
  /** The measured figure (a ratio in %, a count, deducted points, a net amount in yuan) or the judged score. */
  value: Decimal | null;
  /** null: a judged item not yet scored. */
  points: Decimal | null;
  max: Decimal;
  min: Decimal;
  range?: { min: Decimal; max: Decimal };
  records: FactRecord[];
  /** The formula with the figures, e.g. "满意率 96% ÷ 目标 100% × 40 = 38.4 分". */
  inWords: Label;
  /** True when a veto zeroed this item. */
  vetoed?: boolean;
}

export interface FilledSheet {
  items: FilledItem[];
  /** Σ points of the items (unscored judged items count 0 until scored). */
  total: Decimal;
  /** Every item has points. */
  complete: boolean;
  vetoed: boolean;
  /** null while incomplete, when vetoed, or when the total reaches no grade. */
  star: StarGrade | null;
}

/** A problem with a template or a judged score: the field (`items.2.max`), a stable code and words. */
export interface FieldIssue {
  field: string;
  code: string;
  message?: Label;
}

export interface BottomEntry {
  period: string;
  unitId: string;
  staffId: string;
  total: Decimal;
}

export interface BottomFinding {
  staffId: string;
  unitId: string;
  periods: string[];
}
