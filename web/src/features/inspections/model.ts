/**
 * Shapes of the inspections API (GET/POST /api/v1/inspections…, /api/v1/inspection-templates) —
 * written after the server's schemas, never imported from them — and the phone form's state.
 */
import type { Bilingual } from '../../app/api';

export const inspectionKinds = ['scheduled', 'unannounced', 'mystery_shopper', 'video_review', 'phone_check', 'self_inspection', 'supervisor_report'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];

export type Boundary = '<=' | '<' | '>=' | '>';
export type MetricUnit = 'count' | 'rings' | 'minutes' | 'hours' | 'days' | 'percent' | 'minute_of_day';
/** Units counted in whole numbers (the server refuses decimals for them). */
export const wholeUnits: readonly MetricUnit[] = ['count', 'rings', 'minute_of_day'];

export interface TemplateMetric {
  code: string;
  label: Bilingual;
  unit: MetricUnit;
  failsWhen: Boundary;
  threshold: number;
  min?: number;
  max?: number;
  source?: string;
  decision?: Bilingual;
}

export interface TemplateItem {
  code: string;
  label: Bilingual;
  points?: number | string;
  per?: 'case' | 'failure';
  deduction?: number | string;
  cap?: number | string;
  metrics?: TemplateMetric[];
  allowNa?: boolean;
  advisory?: boolean;
  veto?: boolean;
  incomplete?: boolean;
  /** A finding needs a note (and a photo on its rectification case). */
  evidence?: boolean;
  source?: string;
  decision?: Bilingual;
}

export interface TemplateSection {
  code: string;
  label: Bilingual;
  items: TemplateItem[];
  source?: string;
  decision?: Bilingual;
}

export interface InspectionTemplate {
  code: string;
  version: number;
  origin?: 'pack' | 'edited';
  label: Bilingual;
  mode: 'deduct' | 'earn';
  fullMark?: number | string;
  vetoOutcome?: 'zero' | 'flag';
  sections: TemplateSection[];
  source?: string;
  decision?: Bilingual;
}

export interface ItemResult {
  item: string;
  cases?: number;
  observations?: { metric: string; value: number }[];
  pass?: boolean;
  na?: boolean;
  note?: string;
}

export interface InspectionBody {
  templateCode: string;
  unitId: string;
  staffId?: string;
  kind: InspectionKind;
  performedAt: string;
  idempotencyKey?: string;
  signature?: { image: string; signerName: string };
  /** The plan assignment this inspection carries out (from 我的检查任务); the server marks it done. */
  assignmentId?: string;
  results: ItemResult[];
}

export interface ScoredItem {
  item: string;
  section?: string;
  deduction: number;
  cases: number;
  failed: string[];
  na?: boolean;
  finding?: boolean;
}

export interface Finding {
  item: string;
  deduction: number;
  veto: boolean;
  caseId: string | null;
  trackingNo: string | null;
  halfHearted: boolean;
  caseStatus?: string | null;
}

export interface ScoreResponse {
  id: string | null;
  templateCode?: string;
  templateVersion?: number;
  score: number;
  maxScore: number;
  vetoed: boolean;
  items: ScoredItem[];
  findings?: Finding[];
}

export interface InspectionRow {
  id: string;
  unitId: string;
  unitName: string | null;
  staffId: string | null;
  staffName: string | null;
  templateCode: string;
  templateVersion: number;
  kind: InspectionKind;
  performedAt: string;
  inspector: string | null;
  score: number;
  maxScore: number;
  vetoed: boolean;
  findings: number;
  status: string;
}

export interface InspectionDetail extends ScoreResponse {
  id: string;
  unitId: string;
  staffId: string | null;
  kind: InspectionKind;
  performedAt: string;
  inspector: string | null;
  status: string;
  createdAt: string;
  signature: { signerName: string; image: string | null } | null;
  items: (ScoredItem & {
    answered: boolean;
    pass: boolean | null;
    note: string | null;
    observations: { metric: string; value: number }[];
    scored: boolean;
    veto: boolean;
    caseId: string | null;
    halfHearted: boolean;
  })[];
  findings: Finding[];
}

/** What the inspector has entered on one item of the phone form. */
export interface ItemAnswer {
  cases?: number;
  /** Per metric code: the measurements (a case item takes several, a failure item one). */
  values?: Record<string, number[]>;
  pass?: boolean;
  na?: boolean;
  note?: string;
  /** Evidence photos: queued with the inspection, attached to the finding's rectification case once sent. */
  photos?: { name: string; blob: Blob }[];
}
export type Answers = Record<string, ItemAnswer>;

export function allItems(template: InspectionTemplate): TemplateItem[] {
  return template.sections.flatMap((s) => s.items);
}

/** Does a measurement breach its standard? (Display only: the server scores.) */
export function breaches(value: number, metric: Pick<TemplateMetric, 'failsWhen' | 'threshold'>): boolean {
  const { failsWhen: op, threshold } = metric;
  return op === '>' ? value > threshold : op === '>=' ? value >= threshold : op === '<' ? value < threshold : value <= threshold;
}

/** The photos of the answers, each with its item (an N/A item has none). */
export function photosOf(answers: Answers): { item: string; name: string; blob: Blob }[] {
  return Object.entries(answers).flatMap(([item, a]) => (a.na ? [] : (a.photos ?? []).map((p) => ({ item, ...p }))));
}

/** The results the API takes from the form's answers: items with nothing entered are left out. */
export function resultsOf(template: InspectionTemplate, answers: Answers): ItemResult[] {
  const out: ItemResult[] = [];
  for (const item of allItems(template)) {
    const a = answers[item.code];
    if (!a) continue;
    const note = a.note?.trim() || undefined;
    const r: ItemResult = { item: item.code };
    if (a.na && item.allowNa) r.na = true;
    else if (!item.incomplete) {
      if (item.per === 'case' && a.cases) r.cases = a.cases;
      const observations = (item.metrics ?? []).flatMap((m) => (a.values?.[m.code] ?? []).map((value) => ({ metric: m.code, value })));
      if (observations.length) r.observations = observations;
      if (item.per === 'failure' && !item.metrics?.length && a.pass !== undefined) r.pass = a.pass;
    }
    if (note) r.note = note;
    if (Object.keys(r).length > 1) out.push(r);
  }
  return out;
}


/**
 * Items that need evidence and found something but have no note yet: the server refuses those
 * (a note now, a photo on the rectification case later), so the form asks first.
 */
export function missingNotes(template: InspectionTemplate, answers: Answers): TemplateItem[] {
  return allItems(template).filter((item) => {
    const a = answers[item.code];
    if (!item.evidence || !a || (a.na && item.allowNa) || a.note?.trim()) return false;
    const breached = (item.metrics ?? []).some((m) => (a.values?.[m.code] ?? []).some((v) => breaches(v, m)));
    return (item.per === 'case' && !!a.cases) || breached || (item.per === 'failure' && a.pass === false);
  });
}
