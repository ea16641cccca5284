/** What the award (评选) endpoints answer: /award-types, /award-rounds…, /honours (issue 16). */
import type { Bilingual } from '../../app/api';

export type AwardMethod = 'vote' | 'leadership' | 'score_sheet';
export type AwardSubject = 'person' | 'unit';

export interface ScoreItem {
  code: string;
  name?: Bilingual | string;
  /** The engine's word for the item's name. */
  label?: Bilingual;
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

export const roundStates = ['nominating', 'reviewing', 'publicity', 'voting', 'scoring', 'deciding', 'closed', 'announced', 'cancelled'] as const;
export type RoundState = (typeof roundStates)[number];

export interface Quota {
  /** The unit the quota is for (a department's id), `all`, or a category. */
  scope: string;
  per?: string;
  /** null: no limit. */
  limit: number | null;
  used: number;
  text?: Bilingual;
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
  /** One round only (GET …/:id): the quotas with what is used. */
  quotas?: Quota[];
  publicityEndsAt?: string | null;
  /** How many are selected (null: the leadership says). */
  seats?: { min: number; max: number } | null;
  createdAt?: string;
  counts?: { nominations: number; candidates: number; excluded: number; cancelled: number; winners: number; ballots: number; openObjections: number };
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
  /** The office's and heads' only (their units'). */
  reasons?: Reason[];
  /** nominated → candidate | excluded (review) → winner; cancelled (a founded objection). */
  state: string;
  cancelReason?: string | null;
  rank?: number | null;
  tied?: boolean | null;
  votes?: number | null;
  score?: number | null;
}

export interface Objection {
  id: string;
  nominationId: string;
  name: string;
  unitName?: string | null;
  text: string;
  contact?: string | null;
  state: 'open' | 'founded' | 'unfounded';
  decisionReason?: string | null;
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
  results: ResultRow[];
  ties: unknown[];
  /** A tie across the last seat: the office names the winners. */
  tieAtCut: boolean;
  seats: number | null;
  ballots: number;
  eligibleVoters: number | null;
}

/** The caller's ballot: whether they vote here and have voted (never whom they chose: the ballot is secret). */
export interface MyBallot {
  voter: boolean;
  voted: boolean;
  castAt: string | null;
  maxChoices: number | null;
}

export interface Honour {
  id: string;
  /** award: the round's award; honour: an automatic one it brought (先进工作者…). */
  kind: 'award' | 'honour';
  code: string;
  name: Bilingual;
  period: string;
  year: number;
  roundId: string;
  nominationId: string | null;
  staffName?: string | null;
  unitName?: string | null;
  citation: string;
  at: string;
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
  const deciding = decidingState(method);
  return deciding === 'deciding' ? ['nominating', 'reviewing', 'publicity', 'deciding', 'announced'] : ['nominating', 'reviewing', 'publicity', deciding, 'closed', 'announced'];
}

/** The round's quotas a department head nominates against: their own unit's, else all shown. */
export function ownQuotas(quotas: Quota[], unitId: string | null): Quota[] {
  const own = unitId ? quotas.filter((q) => q.scope === unitId) : [];
  return own.length ? own : quotas;
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
