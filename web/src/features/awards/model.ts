/** What the award (评选) endpoints answer: /award-types, /award-rounds…, /honours (issue 16). */
import type { Bilingual } from '../../app/api';

export type AwardMethod = 'vote' | 'leadership' | 'score_sheet';
export type AwardSubject = 'person' | 'unit';

export interface ScoreItem {
  code: string;
  name: Bilingual | string;
  max: number;
}

export interface AwardType {
  code: string;
  name: Bilingual;
  subject: AwardSubject;
  cadence: string;
  method: AwardMethod;
  quota: { kind: string; text: Bilingual };
  scoreSheet?: ScoreItem[];
  profile?: string;
  rewardFen?: number;
  citation?: string;
}

export const roundStates = ['nominating', 'reviewing', 'publicity', 'voting', 'scoring', 'deciding', 'announced', 'cancelled'] as const;
export type RoundState = (typeof roundStates)[number];

export interface Quota {
  /** The unit the quota is for (a department), or the organisation. */
  scope: string;
  scopeName?: string;
  limit: number;
  used: number;
}

export interface Round {
  id: string;
  awardType: string;
  awardName?: Bilingual;
  method?: AwardMethod;
  subject?: AwardSubject;
  period: string;
  state: RoundState;
  version: number;
  quotas: Quota[];
  publicityEndsAt?: string | null;
  /** How many a voter may choose (the places to fill). */
  maxChoices?: number;
  winners?: number;
  createdAt?: string;
}

export interface Reason {
  code: string;
  text: Bilingual;
  source?: { kind: string; id: string } | null;
  citation?: string;
}

export interface Nomination {
  id: string;
  staffId?: string | null;
  unitId?: string | null;
  name: string;
  unitName?: string | null;
  reason: string;
  eligible: boolean | null;
  reasons: Reason[];
  state: string;
  votes?: number | null;
  score?: number | null;
}

export interface Objection {
  id: string;
  nominationId: string;
  nomineeName?: string;
  text: string;
  contact?: string | null;
  state: string;
  founded?: boolean | null;
  reason?: string | null;
  createdAt?: string;
}

export interface ResultRow {
  nominationId: string;
  name: string;
  unitName?: string | null;
  votes?: number | null;
  score?: number | null;
  rank: number;
  tied: boolean;
  winner: boolean;
}

export interface Results {
  items: ResultRow[];
  ties: unknown[];
}

/** The results as the server sends them: a list, or `{ items|results, ties }`. */
export function resultsOf(data: unknown): Results {
  if (Array.isArray(data)) return { items: data as ResultRow[], ties: [] };
  const d = (data ?? {}) as { items?: ResultRow[]; results?: ResultRow[]; ties?: unknown[] };
  return { items: d.items ?? d.results ?? [], ties: d.ties ?? [] };
}

export interface Ballot {
  choices: string[];
  castAt?: string | null;
}

export interface Honour {
  id: string;
  roundId?: string;
  nominationId?: string;
  awardType: string;
  awardName?: Bilingual;
  name?: string;
  unitName?: string | null;
  period: string;
  awardedAt?: string;
  rewardFen?: number | null;
}

/** A list as the server sends it: an array or `{ items }`. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  return ((data as { items?: T[] } | null)?.items ?? []) as T[];
}

/** The stage after nominations closed, by the award's method. */
export function decidingState(method: AwardMethod | undefined): RoundState {
  return method === 'leadership' ? 'deciding' : method === 'score_sheet' ? 'scoring' : 'voting';
}

/** The stages a round passes, in order, for the stepper. */
export function stagesOf(method: AwardMethod | undefined): RoundState[] {
  return ['nominating', 'reviewing', 'publicity', decidingState(method), 'announced'];
}

/** The office's next step from a state, and the endpoint's last segment. */
export function nextStep(state: RoundState): 'review' | 'publish' | 'open-voting' | 'close' | null {
  switch (state) {
    case 'nominating':
      return 'review';
    case 'reviewing':
      return 'publish';
    case 'publicity':
      return 'open-voting';
    case 'voting':
    case 'scoring':
    case 'deciding':
      return 'close';
    default:
      return null;
  }
}

/** Where a reason's source record opens in the app. */
export function sourceHref(source: Reason['source']): string | null {
  if (!source?.id) return null;
  switch (source.kind) {
    case 'incident':
      return `/incidents?id=${encodeURIComponent(source.id)}`;
    case 'complaint':
    case 'case':
      return `/cases/${encodeURIComponent(source.id)}`;
    case 'inspection':
      return `/inspections/${encodeURIComponent(source.id)}`;
    case 'sanction':
    case 'ledger':
      return `/ledger/statement`;
    default:
      return null;
  }
}

/** 2026-Q4 / 2026-11 / 2026: a period a type of the given cadence starts with, from today. */
export function currentPeriod(cadence: string, today: Date): string {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  if (cadence === 'monthly') return `${y}-${String(m).padStart(2, '0')}`;
  if (cadence === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  return String(y);
}
