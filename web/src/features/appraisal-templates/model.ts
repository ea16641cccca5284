/** Shapes of GET /api/v1/appraisal-templates and /{code} (src/modules/appraisal-templates). */
export interface Words {
  zh: string;
  en: string;
}
export interface CitationView {
  inWords: Words[];
  decision: Words | null;
}
interface Cited {
  source?: string;
  decision?: Words;
  citation: CitationView;
}
export type MeasuredRule =
  | { kind: 'ratio'; target: string; mode: 'proportional' | 'threshold' | 'per_point'; perPoint?: string; noData: 'full' | 'min' }
  | { kind: 'per_record'; points: string }
  | { kind: 'deducted_points'; factor: string }
  | { kind: 'veto' }
  | { kind: 'bands'; base: string; fines: { atLeastFen: number; points: string }[]; rewards: { atLeastFen: number; points: string }[] }
  | { kind: 'deliverables'; late: string; missing: string };
export interface TemplateItem extends Cited {
  code: string;
  label: Words;
  group: string;
  kind: 'measured' | 'judged';
  max: string;
  min: string;
  measure?: string;
  rule?: MeasuredRule;
  range?: { min: string; max: string };
}
export interface StarGrade extends Cited {
  stars: number;
  atLeast: string;
  payCoefficient: string;
  label: Words;
}
interface Meta {
  origin: 'pack' | 'organisation';
  basedOnVersion: number | null;
  createdBy: string | null;
  createdAt: string | null;
}
export interface TemplateSummary extends Meta {
  code: string;
  version: number;
  label: Words;
  post: string;
  period: 'weekly' | 'monthly' | 'quarterly';
  items: number;
  stars: number;
}
export interface TemplateDetail extends Omit<TemplateSummary, 'items' | 'stars'> {
  items: TemplateItem[];
  stars: StarGrade[];
  bottom: ({ consecutive: number; action: 'interview' | 'training' } & Cited) | null;
  source: string | null;
  decision: Words | null;
  citation: CitationView;
  latestVersion: number;
  versions: ({ version: number } & Meta)[];
}

const strip = <T extends { citation?: unknown }>({ citation: _c, ...rest }: T) => structuredClone(rest);

/** The definition POST …/versions takes: the template without what the server presents. */
export function definitionOf(t: TemplateDetail) {
  return {
    label: t.label,
    post: t.post,
    period: t.period,
    items: t.items.map(strip),
    stars: t.stars.map(strip),
    ...(t.bottom ? { bottom: strip(t.bottom) } : {}),
    ...(t.source ? { source: t.source } : {}),
    ...(t.decision ? { decision: t.decision } : {}),
  };
}

/** What the office types for an item of its own: scored by the unit head from 0 to `max`. */
export interface NewJudgedItem {
  zh: string;
  en: string;
  group: string;
  max: string;
}

/** The office's own judged item, with the first free code local_1, local_2…; its decision is the save's note. */
export function judgedItemOf(input: NewJudgedItem, existing: TemplateItem[]): TemplateItem {
  const codes = new Set(existing.map((i) => i.code));
  let n = 1;
  while (codes.has(`local_${n}`)) n++;
  return {
    code: `local_${n}`,
    label: { zh: input.zh.trim(), en: input.en.trim() },
    group: input.group,
    kind: 'judged',
    max: input.max,
    min: '0',
    range: { min: '0', max: input.max },
    citation: { inWords: [], decision: null },
  };
}
