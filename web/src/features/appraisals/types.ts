/**
 * The appraisal API's shapes (个人考核, issue 21) as the screens read them: decimals as strings,
 * dates ISO. They follow /work/appraisal-contract.md's HTTP section (the server's schema is the
 * reference; see /api/openapi.json).
 */
import type { Bilingual } from '../../app/api';

export type Decimal = string;
export type PeriodKind = 'weekly' | 'monthly' | 'quarterly';
export type SheetState = 'filled' | 'scored' | 'confirmed' | 'objected' | 'approved';
export type MeasuredSource = 'satisfaction' | 'rating_rate' | 'verified_complaints' | 'inspection_deductions' | 'inspection_vetoes' | 'sanctions' | 'follow_up_timeliness' | 'campaign_deliverables';

export interface FactRecord {
  kind: 'ratings' | 'case' | 'incident' | 'inspection' | 'sanction' | 'follow_up' | 'deliverable';
  id: string;
  label: string;
  at?: string;
}

export interface StarGrade {
  stars: number;
  atLeast?: Decimal;
  payCoefficient?: Decimal;
  label: Bilingual;
}

export interface TemplateRef {
  code: string;
  version: number;
  label: Bilingual;
}

export interface PeriodRef {
  kind: PeriodKind;
  label: string;
  /** Given on a period; a sheet carries its period's dates as `periodRange`. */
  from?: string;
  to?: string;
}

export interface AppraisalPeriod {
  id: string;
  template: TemplateRef;
  period: PeriodRef;
  state: 'open' | 'closed';
  sheets: number;
  version?: number;
}

export interface Outlier {
  sheetId: string;
  staffName: string;
  total: Decimal;
  reason: string | Bilingual;
}

export interface PeriodDetail extends AppraisalPeriod {
  summary: {
    count: number;
    byState: Partial<Record<SheetState, number>>;
    distribution: { stars: number; count: number }[];
    notScored: number;
    outliers: Outlier[];
  };
}

export interface SheetSummary {
  id: string;
  periodId: string;
  period: PeriodRef | string;
  staff: { id: string; name: string; unitId: string | null; unitName: string | null; badgeNo?: string };
  state: SheetState;
  total: Decimal;
  star: StarGrade | null;
  complete: boolean;
  vetoed?: boolean;
  version: number;
}

export interface FilledItem {
  code: string;
  label: Bilingual;
  group: string;
  kind: 'measured' | 'judged';
  source: MeasuredSource | 'judged';
  value: Decimal | null;
  points: Decimal | null;
  max: Decimal;
  min: Decimal;
  range?: { min: Decimal; max: Decimal };
  records: FactRecord[];
  inWords: Bilingual;
  vetoed?: boolean;
}

/** A note on a sheet: feedback, an objection, a reopen (`reopen` by the office, `fact` when a fact changed) with the totals before and after. */
export interface SheetNote {
  at: string | null;
  text: string | Bilingual;
  kind: string;
  actor?: string | null;
  details?: { fact?: { kind: string; id: string }; before?: { total: Decimal; stars: number | null }; after?: { total: Decimal; stars: number | null; star?: { stars: number; label: Bilingual } | null } };
}

export interface SheetDetail extends SheetSummary {
  template: TemplateRef;
  periodRange: { from: string; to: string };
  items: FilledItem[];
  feedback: string | null;
  objection: string | null;
  notes: SheetNote[];
  history: { at: string | null; actor: string | null; action: string }[];
}

/** A sheet as the head's scoring grid reads it: the list's summary with items and feedback (include=items). */
export type GridSheet = SheetSummary & Pick<SheetDetail, 'items' | 'feedback'>;

/** A template the office may fill a period from (the template editor's list). */
export interface TemplateOption {
  code: string;
  version?: number;
  label: Bilingual;
  period: PeriodKind;
  post?: string;
}
