import type { PublicUrlCheck } from '../../app/PublicUrlWarning';
import type { Bilingual } from '../../app/api';

/** Survey definitions (src/modules/surveys/schema.ts). */
export const questionTypes = ['five_level', 'single', 'multiple', 'nps', 'text'] as const;
export type QuestionType = (typeof questionTypes)[number];
export const cycles = ['monthly', 'quarterly', 'once'] as const;

export interface Option {
  code: string;
  zh: string;
  en: string;
}

export interface Condition {
  question: string;
  equals?: string | number;
  in?: (string | number)[];
}

export interface Question {
  id: string;
  type: QuestionType;
  title: Bilingual;
  help?: Bilingual;
  required?: boolean;
  options?: Option[];
  conditions?: Condition[];
}

export interface SurveyDefinition {
  title: Bilingual;
  intro?: Bilingual;
  subject?: string;
  satisfactionQuestion?: string;
  questions: Question[];
}

export interface Template {
  id: string;
  code: string;
  builtIn: boolean;
  basedOn: string | null;
  title: Bilingual;
  definition: SurveyDefinition;
  version: number;
  updatedAt: string | null;
}

export interface Survey {
  id: string;
  templateId: string;
  templateVersion: number;
  title: Bilingual;
  subject: string | null;
  unitId: string;
  unit: { id: string; code: string; name: string } | null;
  cycle: (typeof cycles)[number];
  startsOn: string;
  endsOn: string | null;
  code: string;
  /** The public page's path, and its absolute address from the server (YOUZHI_PUBLIC_URL). */
  url: string;
  publicUrl: string;
  publicUrlCheck?: PublicUrlCheck;
  responses?: number;
  definition: SurveyDefinition;
  version?: number;
}

/** done: answered; pending: none yet, the period still running; missing: none, the period over. */
export type CoverageState = 'done' | 'pending' | 'missing';

export interface Coverage {
  period: string;
  today: string;
  items: { unitId: string; unitCode: string; unitName: string; state: CoverageState; missing: boolean; surveys: { surveyId: string; title: Bilingual; cycle: string; period: string; from: string; to: string; responses: number; state: CoverageState; missing: boolean }[] }[];
  missingUnits: number;
  pendingUnits: number;
}

interface Share {
  count: number;
  percent: number | null;
}

export interface QuestionResult {
  id: string;
  type: QuestionType;
  title: Bilingual;
  answered: number;
  /** Fewer answers than the pack's minimum sample. */
  smallSample?: boolean;
  levels?: ({ value: number } & Bilingual & Share)[];
  positive?: Share;
  negative?: Share;
  options?: ({ code: string } & Bilingual & Share)[];
  distribution?: Record<string, number>;
  nps?: { score: number | null; responses: number; promoters: number; passives: number; detractors: number; smallSample?: boolean; promotersPercent: number | null; passivesPercent: number | null; detractorsPercent: number | null; [k: string]: unknown };
  latest?: { items: { text: string; date: string; at: string }[]; total: number; page: number; pageSize: number };
}

export interface SurveyResults {
  survey: { id: string; title: Bilingual; subject: string | null; unitId: string; cycle: string };
  from: string;
  to: string;
  responses: number;
  minSampleSize: number;
  satisfaction: { questionId: string; satisfied: number; answered: number; percent: number | null; basicSatisfiedCounts: boolean; smallSample: boolean } | null;
  thresholds: { id: string; label: Bilingual; op: string; value: number; kind: string; pass: boolean | null; source?: string | null; reference?: Bilingual | null; [k: string]: unknown }[];
  questions: QuestionResult[];
}

export const fiveLevels: ({ value: number } & Bilingual)[] = [
  { value: 5, zh: '非常满意', en: 'Very satisfied' },
  { value: 4, zh: '满意', en: 'Satisfied' },
  { value: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { value: 2, zh: '不满意', en: 'Dissatisfied' },
  { value: 1, zh: '非常不满意', en: 'Very dissatisfied' },
];

/** The answers a condition may test for a question (as the server's allowedValues). */
export function allowedValues(q: Question | undefined): { value: string | number; label: Bilingual }[] {
  if (!q) return [];
  switch (q.type) {
    case 'five_level':
      return fiveLevels.map((l) => ({ value: l.value, label: { zh: `${l.value} ${l.zh}`, en: `${l.value} ${l.en}` } }));
    case 'nps':
      return Array.from({ length: 11 }, (_, i) => ({ value: i, label: { zh: String(i), en: String(i) } }));
    case 'single':
    case 'multiple':
      return (q.options ?? []).map((o) => ({ value: o.code, label: { zh: `${o.zh}（${o.code}）`, en: `${o.en} (${o.code})` } }));
    default:
      return [];
  }
}

export type Answer = number | string | string[] | undefined;

/** Whether a question is shown given the answers so far: all its conditions hold. */
export function isVisible(q: Question, answers: Record<string, Answer>): boolean {
  return (q.conditions ?? []).every((c) => {
    const a = answers[c.question];
    if (a === undefined || a === '') return false;
    const wanted = c.in ?? (c.equals === undefined ? [] : [c.equals]);
    const given = Array.isArray(a) ? a : [a];
    return given.some((g) => wanted.some((w) => String(w) === String(g)));
  });
}

/** A definition ready for the API: empty optional parts left out. */
export function cleanDefinition(def: SurveyDefinition): SurveyDefinition {
  return {
    ...def,
    questions: def.questions.map((q) => {
      const choice = q.type === 'single' || q.type === 'multiple';
      const out: Question = { id: q.id, type: q.type, title: q.title, required: !!q.required };
      if (q.help && (q.help.zh || q.help.en)) out.help = q.help;
      if (choice) out.options = q.options ?? [];
      const conds = (q.conditions ?? []).filter((c) => c.question);
      if (conds.length) out.conditions = conds;
      return out;
    }),
  };
}

export const blankDefinition = (): SurveyDefinition => ({ title: { zh: '', en: '' }, questions: [] });
